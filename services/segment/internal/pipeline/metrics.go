package pipeline

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics of the segment handler. The segment label is bounded by the rules
// file.
type Metrics struct {
	profiles      *prometheus.CounterVec
	changes       prometheus.Counter
	joined        *prometheus.CounterVec
	left          *prometheus.CounterVec
	batchDuration prometheus.Histogram
}

// NewMetrics creates the handler's metrics and registers them in reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	opts := func(name, help string) prometheus.CounterOpts {
		return prometheus.CounterOpts{Namespace: "profilehub", Subsystem: "segment", Name: name, Help: help}
	}
	m := &Metrics{
		profiles: prometheus.NewCounterVec(opts("profiles_total",
			"Profiles of handled batches, by result: evaluated, or stale (traits older than the stored "+
				"membership, skipped)."), []string{"result"}),
		changes: prometheus.NewCounter(opts("changes_total",
			"Membership changes produced to segments.changed.")),
		joined: prometheus.NewCounterVec(opts("joined_total",
			"Profiles that joined a segment, by segment."), []string{"segment"}),
		left: prometheus.NewCounterVec(opts("left_total",
			"Profiles that left a segment, by segment."), []string{"segment"}),
		batchDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "profilehub", Subsystem: "segment", Name: "batch_duration_seconds",
			Help:    "Time to evaluate, produce and store one successful batch, in seconds.",
			Buckets: prometheus.ExponentialBuckets(0.001, 3, 10), // 1ms to about 20s
		}),
	}
	reg.MustRegister(m.profiles, m.changes, m.joined, m.left, m.batchDuration)
	return m
}

func (m *Metrics) observeBatch(p plan, took time.Duration) {
	m.profiles.WithLabelValues("evaluated").Add(float64(p.evaluated))
	m.profiles.WithLabelValues("stale").Add(float64(p.stale))
	m.changes.Add(float64(len(p.changes)))
	for name, n := range p.joined {
		m.joined.WithLabelValues(name).Add(float64(n))
	}
	for name, n := range p.left {
		m.left.WithLabelValues(name).Add(float64(n))
	}
	m.batchDuration.Observe(took.Seconds())
}
