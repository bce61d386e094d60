// Package pipeline evaluates the rule segments of traits.inferred records,
// emits changed memberships to segments.changed and stores the current ones
// in Postgres.
package pipeline

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/segment/internal/membership"
	"github.com/profilehub/platform/services/segment/internal/rules"
)

// Codec decodes traits.inferred values and encodes segments.changed values.
type Codec interface {
	DecodeTraits(data []byte) (*events.ProfileTraits, error)
	EncodeMembership(m *events.SegmentMembership) ([]byte, error)
}

// Store reads and writes the current memberships; membership.Store
// implements it on Postgres.
type Store interface {
	Load(ctx context.Context, profileIDs []string) (map[string]membership.Record, error)
	Save(ctx context.Context, records []membership.Record) error
}

// ProduceFunc produces records and waits for their acknowledgement, as
// stream.ProduceSync does.
type ProduceFunc func(ctx context.Context, recs ...*kgo.Record) error

// Handler evaluates the segments of each profile in a batch.
type Handler struct {
	rules   *rules.RuleSet
	codec   Codec
	store   Store
	produce ProduceFunc
	topic   string
	metrics *Metrics
	log     zerolog.Logger
}

// NewHandler returns a Handler that produces changes to topic (the full,
// prefixed name of segments.changed).
func NewHandler(rs *rules.RuleSet, codec Codec, store Store, produce ProduceFunc, topic string,
	m *Metrics, log zerolog.Logger) *Handler {
	return &Handler{rules: rs, codec: codec, store: store, produce: produce, topic: topic, metrics: m, log: log}
}

// Handle evaluates the newest traits of each profile in the batch against
// the stored memberships. It produces every changed membership and waits
// for the acknowledgement before it upserts the new memberships, so a crash
// in between re-emits the same change on replay (at-least-once) and never
// stores a change that was not emitted. Store and broker errors are
// returned, so the batch is retried.
func (h *Handler) Handle(ctx context.Context, b *stream.Batch) error {
	started := time.Now()
	latest, err := h.latestTraits(b)
	if err != nil {
		return err
	}
	if len(latest) == 0 {
		return nil
	}
	ids := make([]string, 0, len(latest))
	for id := range latest {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	stored, err := h.store.Load(ctx, ids)
	if err != nil {
		return err
	}
	plan := h.evaluate(ids, latest, stored)

	recs, err := h.changeRecords(plan.changes)
	if err != nil {
		return err
	}
	if err := h.produce(ctx, recs...); err != nil {
		return fmt.Errorf("producing %d membership changes to %s: %w", len(recs), h.topic, err)
	}
	if err := h.store.Save(ctx, plan.saves); err != nil {
		return err
	}

	h.metrics.observeBatch(plan, time.Since(started))
	h.log.Debug().Int("profiles", len(ids)).Int("changed", len(plan.changes)).Int("stale", plan.stale).
		Msg("batch handled")
	return nil
}

// changeRecords encodes the changes, keyed by profile id.
func (h *Handler) changeRecords(changes []membership.Change) ([]*kgo.Record, error) {
	recs := make([]*kgo.Record, 0, len(changes))
	for _, c := range changes {
		value, err := h.codec.EncodeMembership(&events.SegmentMembership{
			ProfileID: c.ProfileID, RulesVersion: c.RulesVersion, AsOf: c.AsOf,
			Segments: c.Segments, Joined: c.Joined, Left: c.Left, ReferenceTime: c.ReferenceTime,
			TraitsComputedAt: c.TraitsComputedAt,
		})
		if err != nil {
			// The membership comes from this service, so a failure is a
			// bug: retrying keeps the records until a fixed build runs.
			return nil, fmt.Errorf("encoding membership of profile %s: %w", c.ProfileID, err)
		}
		recs = append(recs, &kgo.Record{Topic: h.topic, Key: []byte(c.ProfileID), Value: value})
	}
	return recs, nil
}
