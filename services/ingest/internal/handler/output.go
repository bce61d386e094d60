package handler

import (
	"context"
	"fmt"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/services/ingest/internal/resolve"
	"github.com/profilehub/platform/services/ingest/internal/validate"
)

// deadLetterHeaderPrefix starts the headers that the runtime adds to
// dead-letter records. They describe an earlier failure, so a record
// replayed from the dead-letter topic does not carry them on.
const deadLetterHeaderPrefix = "dlq."

// resolveProfiles sets the profile id of every event.
func (h *Handler) resolveProfiles(ctx context.Context, in []accepted) error {
	subjects := make([]resolve.Subject, len(in))
	for i, a := range in {
		subjects[i] = resolve.Subject{
			EventID:     a.event.EventID,
			EventTime:   a.event.EventTime,
			AnonymousID: a.event.AnonymousID,
			UserID:      a.event.UserID,
		}
	}

	profileIDs, err := h.deps.Resolver.Resolve(ctx, subjects)
	if err != nil {
		return fmt.Errorf("resolving profile ids of %d events: %w", len(in), err)
	}
	for i, a := range in {
		a.event.ProfileID = profileIDs[i]
	}
	return nil
}

// buildOutputs encodes every event as a record for the output topic, keyed
// by profile id, and returns the ids of the events it encoded. An event that
// cannot be encoded is rejected, because encoding it again fails the same
// way.
func (h *Handler) buildOutputs(in []accepted) ([]*kgo.Record, []string, []rejection) {
	records := make([]*kgo.Record, 0, len(in))
	ids := make([]string, 0, len(in))
	var rejected []rejection
	for _, a := range in {
		value, err := h.deps.Codec.Encode(a.event)
		if err != nil {
			err = fmt.Errorf("encoding resolved event: %w", err)
			rejected = append(rejected, rejection{record: a.record, reason: validate.ReasonUnencodable, err: err})
			continue
		}
		records = append(records, &kgo.Record{
			Topic:   h.deps.OutputTopic,
			Key:     []byte(a.event.ProfileID),
			Value:   value,
			Headers: copyHeaders(a.record.Headers),
		})
		ids = append(ids, a.event.EventID)
	}
	return records, ids, rejected
}

// copyHeaders returns the input record's headers, such as trace context,
// without the dead-letter headers.
func copyHeaders(in []kgo.RecordHeader) []kgo.RecordHeader {
	if len(in) == 0 {
		return nil
	}
	out := make([]kgo.RecordHeader, 0, len(in))
	for _, h := range in {
		if strings.HasPrefix(h.Key, deadLetterHeaderPrefix) {
			continue
		}
		out = append(out, h)
	}
	return out
}
