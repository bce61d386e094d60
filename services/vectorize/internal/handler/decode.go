package handler

import (
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/stream"
)

// decode returns the latest as_of of each profile in the batch. Records
// that do not decode, or whose profile id is not a UUID, are rejected.
func (h *Handler) decode(b *stream.Batch) map[string]time.Time {
	latest := make(map[string]time.Time, len(b.Records))
	for _, r := range b.Records {
		profileID, asOf, err := h.Codec.DecodeActivity(r.Value)
		if err != nil {
			h.reject(b, r, "decode", err)
			continue
		}
		id, err := uuid.Parse(profileID)
		if err != nil {
			h.reject(b, r, "invalid", fmt.Errorf("profile id %q is not a UUID: %w", profileID, err))
			continue
		}
		profileID = id.String()
		if asOf.After(latest[profileID]) || latest[profileID].IsZero() {
			latest[profileID] = asOf
		}
	}
	return latest
}

// reject sends r to the dead-letter topic after the batch.
func (h *Handler) reject(b *stream.Batch, r *kgo.Record, reason string, err error) {
	b.Reject(r, reason, err)
	h.Metrics.Rejected.WithLabelValues(reason).Inc()
	h.Log.Warn().Err(err).Str("topic", r.Topic).Int32("partition", r.Partition).Int64("offset", r.Offset).
		Str("reason", reason).Msg("rejecting record")
}
