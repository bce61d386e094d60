// Package metrics defines the vectorize service's Prometheus metrics.
package metrics

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the service's own metrics; the consumer runtime adds its
// batch, lag and dead-letter metrics.
type Metrics struct {
	// Rejected counts input records sent to the dead-letter topic, by
	// reason: decode or invalid.
	Rejected *prometheus.CounterVec
	// Skipped counts profiles of a batch that got no vector, by reason:
	// no_evidence (no product of the profile has a feature of the space)
	// or stale (the stored vector is newer).
	Skipped *prometheus.CounterVec
	// Written counts vectors upserted and produced to vectors.updated.
	Written prometheus.Counter
	// Evidence observes the evidence count of each written vector.
	Evidence prometheus.Histogram
	// Duration observes the handling time of a batch, by outcome: ok or
	// error.
	Duration *prometheus.HistogramVec
}

// New creates the metrics and registers them in reg.
func New(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		Rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vectorize_records_rejected_total",
			Help: "profile.activity records sent to the dead-letter topic, by reason.",
		}, []string{"reason"}),
		Skipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vectorize_profiles_skipped_total",
			Help: "Profiles of a batch for which no vector was written, by reason.",
		}, []string{"reason"}),
		Written: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "vectorize_vectors_written_total",
			Help: "Preference vectors upserted to Postgres and produced to vectors.updated.",
		}),
		Evidence: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "vectorize_vector_evidence",
			Help:    "Purchased units and views behind each written vector.",
			Buckets: prometheus.ExponentialBuckets(1, 4, 8),
		}),
		Duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "vectorize_batch_duration_seconds",
			Help:    "Time to handle one batch, from decoding to the acknowledged output, by outcome.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
		}, []string{"outcome"}),
	}
	for _, c := range []prometheus.Collector{m.Rejected, m.Skipped, m.Written, m.Evidence, m.Duration} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("registering vectorize metrics: %w", err)
		}
	}
	return m, nil
}
