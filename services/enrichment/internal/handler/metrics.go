package handler

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Steps of a batch, the values of the step label.
const (
	stepLookup    = "lookup"    // catalogue and previous-event reads
	stepInsert    = "insert"    // events and order_lines inserts
	stepAggregate = "aggregate" // aggregate recomputes
	stepProduce   = "produce"   // profile.activity records
)

// metrics of the handler, on top of the consumer runtime's
// profilehub_stream_* metrics.
type metrics struct {
	eventsStored  prometheus.Counter
	linesStored   prometheus.Counter
	duplicates    prometheus.Counter
	aggregateKeys *prometheus.CounterVec // by table
	activities    prometheus.Counter
	stepDuration  *prometheus.HistogramVec // by step
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	opts := func(name, help string) prometheus.CounterOpts {
		return prometheus.CounterOpts{Namespace: "profilehub", Subsystem: "enrichment", Name: name, Help: help}
	}
	m := &metrics{
		eventsStored: prometheus.NewCounter(opts("events_stored_total",
			"Rows written to the events table; a retried batch counts again.")),
		linesStored: prometheus.NewCounter(opts("order_lines_stored_total",
			"Rows written to the order_lines table; a retried batch counts again.")),
		duplicates: prometheus.NewCounter(opts("batch_duplicates_total",
			"Records skipped because an earlier record of the same batch had the same event id.")),
		aggregateKeys: prometheus.NewCounterVec(opts("aggregate_keys_total",
			"Aggregate keys recomputed, by table."), []string{"table"}),
		activities: prometheus.NewCounter(opts("activity_produced_total",
			"ProfileActivity records acknowledged by the broker.")),
		stepDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "profilehub", Subsystem: "enrichment", Name: "step_duration_seconds",
			Help:    "Duration of one step of a batch in seconds, by step: lookup, insert, aggregate or produce.",
			Buckets: prometheus.ExponentialBuckets(0.001, 4, 9), // 1ms to about 65s
		}, []string{"step"}),
	}
	for _, c := range []prometheus.Collector{
		m.eventsStored, m.linesStored, m.duplicates, m.aggregateKeys, m.activities, m.stepDuration,
	} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("registering enrichment metrics: %w", err)
		}
	}
	return m, nil
}
