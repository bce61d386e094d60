// Package metrics defines the ingest service's Prometheus metrics.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Duplicate sources, the values of the "source" label of
// profilehub_ingest_duplicates_total.
const (
	DuplicateInBatch = "batch" // the same event id earlier in the same batch
	DuplicateSeen    = "seen"  // an event id already recorded in ingest_seen
)

// Metrics contains the counters of the ingest handler.
type Metrics struct {
	Ingested   prometheus.Counter
	Rejected   *prometheus.CounterVec // label reason: a bounded set of validation reasons
	Duplicates *prometheus.CounterVec // label source: DuplicateInBatch or DuplicateSeen
	Clamped    prometheus.Counter
}

// New creates the metrics and registers them with reg.
func New(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Ingested: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "profilehub_ingest_events_ingested_total",
			Help: "Events produced to events.resolved.",
		}),
		Rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "profilehub_ingest_events_rejected_total",
			Help: "Records sent to the dead-letter topic, by reason.",
		}, []string{"reason"}),
		Duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "profilehub_ingest_duplicates_total",
			Help: "Events dropped because their event id was already produced, by where the earlier copy was found.",
		}, []string{"source"}),
		Clamped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "profilehub_ingest_event_time_clamped_total",
			Help: "Events whose future event_time was set to received_at (ingest.clamp_future).",
		}),
	}
	reg.MustRegister(m.Ingested, m.Rejected, m.Duplicates, m.Clamped)
	return m
}
