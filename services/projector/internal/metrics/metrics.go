// Package metrics defines the projector's Prometheus metrics.
package metrics

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the projector's own metrics; the consumer runtime adds its
// batch, lag and dead-letter metrics.
type Metrics struct {
	// Rejected counts input records sent to the dead-letter topic, by
	// reason: decode or invalid.
	Rejected *prometheus.CounterVec
	// Skipped counts events.resolved records of event types that change no
	// profile.
	Skipped prometheus.Counter
	// Updates counts decoded updates by kind (identify, quiz, consent,
	// traits, vector, segments) and outcome (changed, advanced, ignored).
	Updates *prometheus.CounterVec
	// Published counts profile records acknowledged on the profiles topic.
	Published prometheus.Counter
	// Duration observes the handling time of a batch, by outcome: ok or
	// error.
	Duration *prometheus.HistogramVec
}

// New creates the metrics and registers them in reg.
func New(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		Rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "projector_records_rejected_total",
			Help: "Input records sent to the dead-letter topic, by reason.",
		}, []string{"reason"}),
		Skipped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "projector_events_skipped_total",
			Help: "events.resolved records of event types that change no profile section.",
		}),
		Updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "projector_updates_total",
			Help: "Profile updates by kind and outcome: changed, advanced (event time only) or ignored.",
		}, []string{"kind", "outcome"}),
		Published: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "projector_profiles_published_total",
			Help: "Profile records acknowledged on the profiles topic.",
		}),
		Duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "projector_batch_duration_seconds",
			Help:    "Time to handle one batch, from decoding to the acknowledged output, by outcome.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
		}, []string{"outcome"}),
	}
	for _, c := range []prometheus.Collector{m.Rejected, m.Skipped, m.Updates, m.Published, m.Duration} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("registering projector metrics: %w", err)
		}
	}
	return m, nil
}
