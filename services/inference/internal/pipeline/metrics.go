package pipeline

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics of the inference handler.
type Metrics struct {
	profiles      *prometheus.CounterVec
	batchDuration prometheus.Histogram
	referenceTime prometheus.Gauge
}

// NewMetrics creates the handler's metrics and registers them in reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		profiles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "profilehub", Subsystem: "inference", Name: "profiles_total",
			Help: "Profiles of handled batches, by result: produced (traits sent to traits.inferred) " +
				"or missing (no events in ClickHouse, skipped).",
		}, []string{"result"}),
		batchDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "profilehub", Subsystem: "inference", Name: "batch_duration_seconds",
			Help:    "Time to query, compute and produce the traits of one successful batch, in seconds.",
			Buckets: prometheus.ExponentialBuckets(0.005, 3, 9), // 5ms to about 33s
		}),
		referenceTime: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "profilehub", Subsystem: "inference", Name: "reference_time_seconds",
			Help: "Reference time of the last batch (latest event time in ClickHouse), as Unix seconds.",
		}),
	}
	reg.MustRegister(m.profiles, m.batchDuration, m.referenceTime)
	return m
}

func (m *Metrics) observeBatch(ref time.Time, produced, missing int, took time.Duration) {
	m.profiles.WithLabelValues("produced").Add(float64(produced))
	m.profiles.WithLabelValues("missing").Add(float64(missing))
	m.batchDuration.Observe(took.Seconds())
	m.referenceTime.Set(float64(ref.Unix()))
}
