package pipeline

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Results of a refresh, the values of the result label of refreshes_total.
const (
	refreshCompleted   = "completed"
	refreshInterrupted = "interrupted"
	refreshFailed      = "failed"
)

// RefreshMetrics are the metrics of the Refresher.
type RefreshMetrics struct {
	refreshes *prometheus.CounterVec
	profiles  prometheus.Counter
	duration  prometheus.Histogram
}

// NewRefreshMetrics creates the refresh metrics and registers them in reg.
func NewRefreshMetrics(reg prometheus.Registerer) *RefreshMetrics {
	m := &RefreshMetrics{
		refreshes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "profilehub", Subsystem: "inference", Name: "refreshes_total",
			Help: "Refreshes of the traits of every profile, by result: completed, interrupted " +
				"(a batch arrived, started again when idle) or failed (store or broker error, retried).",
		}, []string{"result"}),
		profiles: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "profilehub", Subsystem: "inference", Name: "refreshed_profiles_total",
			Help: "Traits records produced to traits.inferred by refreshes, including those of " +
				"refreshes that did not complete.",
		}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "profilehub", Subsystem: "inference", Name: "refresh_duration_seconds",
			Help:    "Time of one completed refresh of every profile, in seconds.",
			Buckets: prometheus.ExponentialBuckets(0.05, 3, 10), // 50ms to about 16 minutes
		}),
	}
	for _, result := range []string{refreshCompleted, refreshInterrupted, refreshFailed} {
		m.refreshes.WithLabelValues(result)
	}
	reg.MustRegister(m.refreshes, m.profiles, m.duration)
	return m
}

func (m *RefreshMetrics) observe(result string, took time.Duration) {
	m.refreshes.WithLabelValues(result).Inc()
	if result == refreshCompleted {
		m.duration.Observe(took.Seconds())
	}
}
