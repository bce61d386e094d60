package handler

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/services/projector/internal/convert"
)

// publish produces every profile of ids whose version is above its
// published version, waits for the acknowledgement and then records the
// published versions. It returns the number of profiles published.
//
// Publishing by published_version instead of by "changed in this batch"
// covers a crash after the commit: the replayed batch changes nothing,
// but the profiles it changed before are still unpublished. A crash after
// the acknowledgement and before MarkPublished publishes the same version
// again, which the compacted topic absorbs.
func (h *Handler) publish(ctx context.Context, ids []string) (int, error) {
	profiles, err := h.Store.Unpublished(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("reading unpublished profiles: %w", err)
	}
	if len(profiles) == 0 {
		return 0, nil
	}

	recs := make([]*kgo.Record, 0, len(profiles))
	versions := make(map[string]int64, len(profiles))
	for _, p := range profiles {
		record, err := convert.ToEvent(p)
		if err != nil {
			return 0, fmt.Errorf("building profile record: %w", err)
		}
		value, err := h.EncodeProfile(record)
		if err != nil {
			return 0, fmt.Errorf("encoding profile %s: %w", p.ProfileID, err)
		}
		recs = append(recs, &kgo.Record{Topic: h.ProfilesTopic, Key: []byte(p.ProfileID), Value: value})
		versions[p.ProfileID] = p.Version
	}

	if err := h.Produce(ctx, recs...); err != nil {
		return 0, fmt.Errorf("producing %d profiles to %s: %w", len(recs), h.ProfilesTopic, err)
	}
	if err := h.Store.MarkPublished(ctx, versions); err != nil {
		return 0, fmt.Errorf("recording published versions: %w", err)
	}
	h.Metrics.Published.Add(float64(len(recs)))
	return len(recs), nil
}
