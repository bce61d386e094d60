// Package handler is the ingest stage: it turns a batch of raw event records
// into resolved events on events.resolved.
package handler

import (
	"context"
	"fmt"
	"time"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/ingest/internal/metrics"
	"github.com/profilehub/platform/services/ingest/internal/resolve"
	"github.com/profilehub/platform/services/ingest/internal/validate"
)

// Codec decodes raw records and encodes resolved events, as
// *events.EventCodec does. A decode error is permanent when avro.IsPermanent reports
// so, and transient otherwise.
type Codec interface {
	DecodeContext(ctx context.Context, data []byte) (*events.Event, error)
	Encode(ev *events.Event) ([]byte, error)
}

// SeenStore records the event ids already produced, as *dedup.Store does.
// Its errors are transient.
type SeenStore interface {
	Seen(ctx context.Context, eventIDs []string) (map[string]bool, error)
	Mark(ctx context.Context, eventIDs []string, seenAt time.Time) error
}

// Resolver assigns profile ids, as *resolve.Resolver does. Its errors are
// transient.
type Resolver interface {
	Resolve(ctx context.Context, subjects []resolve.Subject) ([]string, error)
}

// ProduceFunc produces records and returns once the broker acknowledged all
// of them, like stream.ProduceSync.
type ProduceFunc func(ctx context.Context, recs ...*kgo.Record) error

// Deps contains what a Handler uses.
type Deps struct {
	Codec     Codec
	Validator *validate.Validator
	Seen      SeenStore
	Resolver  Resolver
	Produce   ProduceFunc
	Metrics   *metrics.Metrics
	Log       zerolog.Logger
	// OutputTopic is the full name of the events.resolved topic.
	OutputTopic string
	// MaxEventBytes rejects longer record values with reason too_large.
	MaxEventBytes int
	// Now returns the current time. Nil means time.Now.
	Now func() time.Time
}

// Handler implements stream.Handler for events.raw.
type Handler struct {
	deps Deps
}

var _ stream.Handler = (*Handler)(nil)

// New returns a Handler. Every field of deps except Now is required.
func New(deps Deps) *Handler {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	return &Handler{deps: deps}
}

// Handle processes one batch. It rejects records that are too large, cannot
// be decoded or fail validation. It drops event ids produced before or
// earlier in the batch and resolves the profile ids of the rest. It produces
// them to the output topic, waits for the acknowledgement and then marks
// their ids as seen. Any error it returns
// comes from Postgres, the broker or the schema registry and is transient, so the runtime retries
// the whole batch. A retry may produce events again, never lose them.
func (h *Handler) Handle(ctx context.Context, b *stream.Batch) error {
	now := h.deps.Now().UTC()
	prepared, err := h.prepare(ctx, b.Records, now)
	if err != nil {
		return err
	}

	fresh, dups, err := h.dropDuplicates(ctx, prepared.accepted)
	if err != nil {
		return err
	}

	if err := h.resolveProfiles(ctx, fresh); err != nil {
		return err
	}

	outputs, producedIDs, unencodable := h.buildOutputs(fresh)
	prepared.rejected = append(prepared.rejected, unencodable...)
	if err := h.deps.Produce(ctx, outputs...); err != nil {
		return fmt.Errorf("producing %d events to %s: %w", len(outputs), h.deps.OutputTopic, err)
	}

	// The ids are marked only now that the outputs are acknowledged, so a
	// crash before this point produces the events again instead of losing
	// them.
	if err := h.deps.Seen.Mark(ctx, producedIDs, now); err != nil {
		return fmt.Errorf("marking %d event ids as seen: %w", len(producedIDs), err)
	}

	h.finish(b, prepared, dups, len(outputs))
	return nil
}

// finish rejects the batch's bad records and counts the outcome. It runs
// only for a batch that succeeded, so a retried batch is counted once.
func (h *Handler) finish(b *stream.Batch, prepared preparedBatch, dups duplicateCounts, produced int) {
	m := h.deps.Metrics
	for _, rej := range prepared.rejected {
		b.Reject(rej.record, rej.reason, rej.err)
		m.Rejected.WithLabelValues(rej.reason).Inc()
		// Debug only: the consumer runtime logs one Warn per record once the
		// dead-letter topic has acknowledged it, with the same ids and reason.
		h.deps.Log.Debug().
			Str("topic", rej.record.Topic).
			Int32("partition", rej.record.Partition).
			Int64("offset", rej.record.Offset).
			Str("reason", rej.reason).
			Err(rej.err).
			Msg("rejecting record")
	}
	m.Duplicates.WithLabelValues(metrics.DuplicateInBatch).Add(float64(dups.inBatch))
	m.Duplicates.WithLabelValues(metrics.DuplicateSeen).Add(float64(dups.seen))
	m.Clamped.Add(float64(prepared.clamped))
	m.Ingested.Add(float64(produced))

	h.deps.Log.Debug().
		Int("records", len(b.Records)).
		Int("produced", produced).
		Int("rejected", len(prepared.rejected)).
		Int("duplicates", dups.inBatch+dups.seen).
		Msg("handled batch")
}
