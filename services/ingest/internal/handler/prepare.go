package handler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/ingest/internal/normalize"
	"github.com/profilehub/platform/services/ingest/internal/validate"
)

// accepted is a record whose event passed validation.
type accepted struct {
	record *kgo.Record
	event  *events.Event
}

// rejection is a record bound for the dead-letter topic.
type rejection struct {
	record *kgo.Record
	reason string
	err    error
}

// preparedBatch is the outcome of decoding, normalizing and validating the
// records of one batch, in record order.
type preparedBatch struct {
	accepted []accepted
	rejected []rejection
	clamped  int // events whose future event_time was clamped
}

// prepare decodes, normalizes and validates every record. It has no side
// effects outside the batch, so a retried batch prepares the same result
// except for received_at values that it fills with now. Its error is
// transient: the schema registry could not be reached.
func (h *Handler) prepare(ctx context.Context, records []*kgo.Record, now time.Time) (preparedBatch, error) {
	var out preparedBatch
	for _, r := range records {
		ev, rej, err := h.prepareRecord(ctx, r, now)
		if err != nil {
			return preparedBatch{}, err
		}
		if rej != nil {
			out.rejected = append(out.rejected, *rej)
			continue
		}
		if ev.clamped {
			out.clamped++
		}
		out.accepted = append(out.accepted, accepted{record: r, event: ev.event})
	}
	return out, nil
}

type preparedEvent struct {
	event   *events.Event
	clamped bool
}

// prepareRecord returns the valid event of r, or the rejection of r, or a
// transient error.
func (h *Handler) prepareRecord(
	ctx context.Context, r *kgo.Record, now time.Time,
) (preparedEvent, *rejection, error) {
	// The size limit applies before decoding, so an oversized record costs
	// no decoding work.
	if len(r.Value) > h.deps.MaxEventBytes {
		err := fmt.Errorf("record value is %d bytes, more than ingest.max_event_bytes (%d)",
			len(r.Value), h.deps.MaxEventBytes)
		return preparedEvent{}, &rejection{record: r, reason: validate.ReasonTooLarge, err: err}, nil
	}

	// Only a *avro.DecodeError is about the bytes themselves; any other
	// decode error comes from the schema registry and is retried.
	ev, err := h.deps.Codec.DecodeContext(ctx, r.Value)
	if err != nil {
		if avro.IsPermanent(err) {
			return preparedEvent{}, &rejection{record: r, reason: validate.ReasonUndecodable, err: err}, nil
		}
		return preparedEvent{}, nil, fmt.Errorf("decoding record %s/%d@%d: %w", r.Topic, r.Partition, r.Offset, err)
	}

	normalize.Event(ev)
	clamped, err := h.deps.Validator.Check(ev, now)
	if err != nil {
		return preparedEvent{}, &rejection{record: r, reason: reasonOf(err), err: err}, nil
	}
	return preparedEvent{event: ev, clamped: clamped}, nil, nil
}

// reasonOf returns the reject reason of a validation error.
func reasonOf(err error) string {
	var verr *validate.Error
	if errors.As(err, &verr) {
		return verr.Reason
	}
	return validate.ReasonInvalid
}
