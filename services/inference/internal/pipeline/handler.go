// Package pipeline turns batches of profile.activity records into
// ProfileTraits records on traits.inferred.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/inference/internal/traits"
)

// AggregateSource provides the rows and population values that traits
// derive from. aggregates.Source implements it on ClickHouse.
type AggregateSource interface {
	ReferenceTime(ctx context.Context) (time.Time, error)
	Load(ctx context.Context, profileIDs []string) (map[string]*traits.Aggregates, error)
	RFMThresholds(ctx context.Context) (*traits.RFMThresholds, error)
}

// Codec decodes profile.activity values and encodes traits.inferred values.
type Codec interface {
	DecodeActivity(data []byte) (*events.ProfileActivity, error)
	EncodeTraits(t *events.ProfileTraits) ([]byte, error)
}

// ProduceFunc produces records and waits for their acknowledgement, as
// stream.ProduceSync does.
type ProduceFunc func(ctx context.Context, recs ...*kgo.Record) error

// Handler computes the traits of every profile in a batch.
type Handler struct {
	source       AggregateSource
	codec        Codec
	produce      ProduceFunc
	topic        string
	modelVersion string
	metrics      *Metrics
	log          zerolog.Logger
	// computedAt returns the computation time stamped on each record;
	// tests replace it.
	computedAt func() time.Time

	// mu serializes batches and refresh chunks. batches counts the batches
	// started, and lastBatchAt is when the latest one ended (the creation
	// time before the first), so a Refresher can tell idleness and notice a
	// batch between its chunks.
	mu          sync.Mutex
	batches     uint64
	lastBatchAt time.Time
}

// NewHandler returns a Handler that produces to topic (the full, prefixed
// name of traits.inferred).
func NewHandler(source AggregateSource, codec Codec, produce ProduceFunc, topic, modelVersion string,
	m *Metrics, log zerolog.Logger) *Handler {
	return &Handler{source: source, codec: codec, produce: produce, topic: topic,
		modelVersion: modelVersion, metrics: m, log: log, lastBatchAt: time.Now(), computedAt: time.Now}
}

// activity returns the number of batches started and when the latest one
// ended. It waits for a batch in progress.
func (h *Handler) activity() (batches uint64, lastBatchAt time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.batches, h.lastBatchAt
}

// Handle reads the aggregates of the batch's distinct profiles, computes
// their traits against one reference time and produces them, keyed by
// profile id, before it returns. Undecodable records are rejected. Any
// ClickHouse or Kafka error is returned, so the batch is retried. It never
// runs at the same time as a chunk of a Refresher.
func (h *Handler) Handle(ctx context.Context, b *stream.Batch) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.batches++
	defer func() { h.lastBatchAt = time.Now() }()

	started := time.Now()
	ids, err := h.profileIDs(b)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}

	// One reference time and one set of RFM thresholds for the whole batch.
	ref, err := h.source.ReferenceTime(ctx)
	if err != nil {
		return err
	}
	rfm, err := h.source.RFMThresholds(ctx)
	if err != nil {
		return err
	}
	aggs, err := h.source.Load(ctx, ids)
	if err != nil {
		return err
	}

	recs, err := h.traitRecords(ids, aggs, traits.Inputs{ReferenceTime: ref, ModelVersion: h.modelVersion, RFM: rfm})
	if err != nil {
		return err
	}
	if err := h.produce(ctx, recs...); err != nil {
		return fmt.Errorf("producing %d traits to %s: %w", len(recs), h.topic, err)
	}

	h.metrics.observeBatch(ref, len(recs), len(ids)-len(recs), time.Since(started))
	h.log.Debug().Int("profiles", len(ids)).Int("produced", len(recs)).Time("reference_time", ref).
		Msg("batch handled")
	return nil
}

// profileIDs decodes the batch and returns its distinct profile ids,
// sorted. Records that do not decode or name no profile are rejected. A
// decode error that avro does not call permanent (the schema registry was
// unreachable) is returned instead, so the batch is retried.
func (h *Handler) profileIDs(b *stream.Batch) ([]string, error) {
	seen := map[string]bool{}
	for _, r := range b.Records {
		act, err := h.codec.DecodeActivity(r.Value)
		if err != nil && !avro.IsPermanent(err) {
			return nil, fmt.Errorf("decoding record of %s partition %d offset %d: %w",
				r.Topic, r.Partition, r.Offset, err)
		}
		if err != nil {
			b.Reject(r, "decode", err)
			continue
		}
		if act.ProfileID == "" {
			b.Reject(r, "invalid", errors.New("profile activity without profile_id"))
			continue
		}
		seen[act.ProfileID] = true
	}

	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}

// traitRecords computes and encodes the traits of each profile that has
// rows. A profile without any event in ClickHouse is skipped with a
// warning: enrichment writes the rows before it reports the activity, so
// this only happens after the rows were deleted.
func (h *Handler) traitRecords(ids []string, aggs map[string]*traits.Aggregates,
	in traits.Inputs) ([]*kgo.Record, error) {
	recs := make([]*kgo.Record, 0, len(ids))
	for _, id := range ids {
		a, ok := aggs[id]
		if !ok {
			h.log.Warn().Str("profile_id", id).Msg("skipping profile without events in clickhouse")
			continue
		}
		record := toEvent(traits.Compute(*a, in))
		// The computation time orders this record after every earlier
		// computation of the profile with the same as_of and reference
		// time, which may have used older RFM thresholds.
		record.ComputedAt = h.computedAt().UTC().Truncate(time.Millisecond)
		value, err := h.codec.EncodeTraits(record)
		if err != nil {
			// The traits come from this service, so a failure is a bug:
			// retrying keeps the records until a fixed build runs.
			return nil, fmt.Errorf("encoding traits of profile %s: %w", id, err)
		}
		recs = append(recs, &kgo.Record{Topic: h.topic, Key: []byte(id), Value: value})
	}
	return recs, nil
}
