// Package handler is the enrichment service's stream.Handler: it decodes a
// batch of events.resolved, stores the enriched events and order lines in
// ClickHouse, recomputes the aggregates the batch touched and produces one
// ProfileActivity per profile to profile.activity.
package handler

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"
	"golang.org/x/sync/errgroup"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/enrichment/internal/catalogue"
	"github.com/profilehub/platform/services/enrichment/internal/enrich"
	"github.com/profilehub/platform/services/enrichment/internal/session"
	"github.com/profilehub/platform/services/enrichment/internal/warehouse"
)

// Rejection reasons, the dlq.reason header and a metric label of the
// consumer runtime.
const (
	reasonDecode  = "decode"
	reasonInvalid = "invalid"
)

// Catalogue resolves product ids; *catalogue.Catalogue implements it.
type Catalogue interface {
	Lookup(ctx context.Context, ids []string) (map[string]catalogue.Product, error)
}

// Warehouse is the ClickHouse side; *warehouse.Warehouse implements it.
type Warehouse interface {
	PreviousEvents(ctx context.Context, firstTimes map[string]time.Time,
		gap time.Duration) (map[string]session.Previous, error)
	InsertEvents(ctx context.Context, rows []warehouse.EventRow) error
	InsertLines(ctx context.Context, rows []warehouse.LineRow) error
	Recompute(ctx context.Context, keys warehouse.Keys) error
}

// ProduceFunc produces records and returns once the broker acknowledged all
// of them, like stream.ProduceSync.
type ProduceFunc func(ctx context.Context, recs ...*kgo.Record) error

// Deps are the collaborators of a Handler.
type Deps struct {
	Events        *events.EventCodec
	Activity      *events.ProfileActivityCodec
	Catalogue     Catalogue
	Warehouse     Warehouse
	Produce       ProduceFunc
	ActivityTopic string        // full name of profile.activity
	SessionGap    time.Duration // inactivity that ends a derived session
}

// Handler implements stream.Handler. Handle is idempotent: a batch handled
// twice stores rows that collapse with the first ones and recomputes the
// same aggregate values.
type Handler struct {
	deps     Deps
	enricher *enrich.Enricher
	metrics  *metrics
	log      zerolog.Logger
}

// New returns a Handler with its metrics registered in reg.
func New(deps Deps, log zerolog.Logger, reg prometheus.Registerer) (*Handler, error) {
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	return &Handler{deps: deps, enricher: enrich.New(deps.SessionGap), metrics: m, log: log}, nil
}

// Handle processes one batch. Records that cannot be decoded or are invalid
// are rejected to the dead-letter topic. Every other error comes from
// Postgres, ClickHouse, Kafka or the schema registry and is returned, so the
// runtime retries the whole batch and commits nothing.
func (h *Handler) Handle(ctx context.Context, b *stream.Batch) error {
	evs, err := h.decode(ctx, b)
	if err != nil {
		return err
	}
	if len(evs) == 0 {
		return nil
	}

	rows, lines, err := h.enrich(ctx, evs)
	if err != nil {
		return err
	}
	if err := h.store(ctx, rows, lines); err != nil {
		return err
	}
	keys := warehouse.TouchedKeys(rows, lines)
	if err := h.aggregate(ctx, keys); err != nil {
		return err
	}
	if err := h.produceActivity(ctx, evs); err != nil {
		return err
	}

	h.log.Debug().Int("events", len(rows)).Int("order_lines", len(lines)).
		Int("profile_days", len(keys.ProfileDays)).Int("product_days", len(keys.ProductDays)).
		Msg("batch enriched")
	return nil
}

// decode returns the valid events of b, the first of each event id, and
// rejects the rest. A schema registry failure is returned as transient.
func (h *Handler) decode(ctx context.Context, b *stream.Batch) ([]*events.Event, error) {
	evs := make([]*events.Event, 0, len(b.Records))
	seen := make(map[string]bool, len(b.Records))
	for _, r := range b.Records {
		ev, err := h.deps.Events.DecodeContext(ctx, r.Value)
		if err != nil {
			if !avro.IsPermanent(err) {
				return nil, fmt.Errorf("decoding record %s/%d@%d: %w", r.Topic, r.Partition, r.Offset, err)
			}
			h.reject(b, r, reasonDecode, err)
			continue
		}
		if err := enrich.Validate(ev); err != nil {
			h.reject(b, r, reasonInvalid, err)
			continue
		}
		if seen[ev.EventID] {
			h.metrics.duplicates.Inc()
			continue
		}
		seen[ev.EventID] = true
		evs = append(evs, ev)
	}
	return evs, nil
}

// reject sends r to the dead-letter topic and logs where it came from.
func (h *Handler) reject(b *stream.Batch, r *kgo.Record, reason string, err error) {
	b.Reject(r, reason, err)
	h.log.Warn().Str("topic", r.Topic).Int32("partition", r.Partition).Int64("offset", r.Offset).
		Str("reason", reason).Err(err).Msg("rejecting record to the dead-letter topic")
}

// enrich reads the catalogue and the previous events and builds the rows.
func (h *Handler) enrich(ctx context.Context,
	evs []*events.Event) ([]warehouse.EventRow, []warehouse.LineRow, error) {
	defer h.timeStep(stepLookup)()

	products, err := h.deps.Catalogue.Lookup(ctx, enrich.ProductIDs(evs))
	if err != nil {
		return nil, nil, fmt.Errorf("looking up products: %w", err)
	}
	previous, err := h.deps.Warehouse.PreviousEvents(ctx, enrich.FirstTimes(evs), h.deps.SessionGap)
	if err != nil {
		return nil, nil, fmt.Errorf("looking up previous sessions: %w", err)
	}
	rows, lines := h.enricher.Rows(evs, enrich.Input{Products: products, Previous: previous})
	return rows, lines, nil
}

// store inserts the event rows and the line rows concurrently, each on its
// own ClickHouse connection. A retry after a partial failure inserts both
// again, which the tables collapse.
func (h *Handler) store(ctx context.Context, rows []warehouse.EventRow, lines []warehouse.LineRow) error {
	defer h.timeStep(stepInsert)()

	group, ctx := errgroup.WithContext(ctx)
	group.Go(func() error {
		if err := h.deps.Warehouse.InsertEvents(ctx, rows); err != nil {
			return err
		}
		h.metrics.eventsStored.Add(float64(len(rows)))
		return nil
	})
	group.Go(func() error {
		if err := h.deps.Warehouse.InsertLines(ctx, lines); err != nil {
			return err
		}
		h.metrics.linesStored.Add(float64(len(lines)))
		return nil
	})
	return group.Wait()
}

func (h *Handler) aggregate(ctx context.Context, keys warehouse.Keys) error {
	defer h.timeStep(stepAggregate)()

	if err := h.deps.Warehouse.Recompute(ctx, keys); err != nil {
		return err
	}
	h.metrics.aggregateKeys.WithLabelValues("profile_daily").Add(float64(len(keys.ProfileDays)))
	h.metrics.aggregateKeys.WithLabelValues("profile_products").Add(float64(len(keys.ProfileProducts)))
	h.metrics.aggregateKeys.WithLabelValues("profile_hour_of_week").Add(float64(len(keys.ProfileHours)))
	h.metrics.aggregateKeys.WithLabelValues("product_daily").Add(float64(len(keys.ProductDays)))
	return nil
}

// produceActivity sends one ProfileActivity per profile of evs, keyed by
// profile id, and waits for the broker's acknowledgement.
func (h *Handler) produceActivity(ctx context.Context, evs []*events.Event) error {
	defer h.timeStep(stepProduce)()

	activities := enrich.Activity(evs)
	recs := make([]*kgo.Record, len(activities))
	for i := range activities {
		value, err := h.deps.Activity.Encode(&activities[i])
		if err != nil {
			// Every field comes from a valid event, so only a bug gets here.
			return fmt.Errorf("encoding activity of profile %s: %w", activities[i].ProfileID, err)
		}
		recs[i] = &kgo.Record{Topic: h.deps.ActivityTopic, Key: []byte(activities[i].ProfileID), Value: value}
	}
	if err := h.deps.Produce(ctx, recs...); err != nil {
		return fmt.Errorf("producing %d activity records: %w", len(recs), err)
	}
	h.metrics.activities.Add(float64(len(recs)))
	return nil
}

// timeStep starts timing step and returns the function that records it.
func (h *Handler) timeStep(step string) func() {
	start := time.Now()
	return func() { h.metrics.stepDuration.WithLabelValues(step).Observe(time.Since(start).Seconds()) }
}
