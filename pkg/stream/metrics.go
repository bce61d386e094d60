package stream

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics of one Consumer. Every metric carries the constant label group, so
// several consumers can share a registry.
type metrics struct {
	consumed       *prometheus.CounterVec // by topic
	batches        prometheus.Counter     // batches whose Handle returned nil
	handleDuration prometheus.Histogram   // one Handle call, success or not
	retries        prometheus.Counter     // failed Handle calls that were retried
	deadLettered   *prometheus.CounterVec // by reason
	fetchErrors    *prometheus.CounterVec // by topic
	produceErrors  prometheus.Counter     // failed dead-letter produce attempts
	commitErrors   prometheus.Counter     // failed commits
	lag            *prometheus.GaugeVec   // by topic, partition
	collectors     []prometheus.Collector // all of the above, for registration
}

func newMetrics(group string) *metrics {
	labels := prometheus.Labels{"group": group}
	opts := func(name, help string) prometheus.Opts {
		return prometheus.Opts{Namespace: "profilehub", Subsystem: "stream", Name: name, Help: help, ConstLabels: labels}
	}

	m := &metrics{
		consumed: prometheus.NewCounterVec(prometheus.CounterOpts(opts("records_consumed_total",
			"Records returned by polls, by topic; retried batches count once.")), []string{"topic"}),
		batches: prometheus.NewCounter(prometheus.CounterOpts(opts("batches_handled_total",
			"Batches whose handler returned nil."))),
		handleDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "profilehub", Subsystem: "stream", Name: "handle_duration_seconds",
			Help:        "Duration of one handler call in seconds, successful or not.",
			ConstLabels: labels,
			Buckets:     prometheus.ExponentialBuckets(0.001, 4, 9), // 1ms to about 65s
		}),
		retries: prometheus.NewCounter(prometheus.CounterOpts(opts("handle_retries_total",
			"Handler calls that returned an error, so the batch was retried after a backoff."))),
		deadLettered: prometheus.NewCounterVec(prometheus.CounterOpts(opts("dead_lettered_total",
			"Records produced to the dead-letter topic, by rejection reason.")), []string{"reason"}),
		fetchErrors: prometheus.NewCounterVec(prometheus.CounterOpts(opts("fetch_errors_total",
			"Errors returned by polls, by topic.")), []string{"topic"}),
		produceErrors: prometheus.NewCounter(prometheus.CounterOpts(opts("dead_letter_errors_total",
			"Failed attempts to produce rejected records to the dead-letter topic."))),
		commitErrors: prometheus.NewCounter(prometheus.CounterOpts(opts("commit_errors_total",
			"Offset commits that failed; the batch's records are delivered again."))),
		lag: prometheus.NewGaugeVec(prometheus.GaugeOpts(opts("lag_records",
			"Records behind the partition's high watermark after the last poll.")), []string{"topic", "partition"}),
	}
	m.collectors = []prometheus.Collector{
		m.consumed, m.batches, m.handleDuration, m.retries, m.deadLettered,
		m.fetchErrors, m.produceErrors, m.commitErrors, m.lag,
	}
	return m
}

// register adds the metrics to reg. A nil reg registers nothing.
func (m *metrics) register(reg prometheus.Registerer) error {
	if reg == nil {
		return nil
	}
	for _, c := range m.collectors {
		if err := reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}

func (m *metrics) setLag(topic string, partition int32, lag int64) {
	m.lag.WithLabelValues(topic, strconv.Itoa(int(partition))).Set(float64(lag))
}

// deleteLag removes the lag gauges of partitions this member gave up, so a
// stale value does not stay exported.
func (m *metrics) deleteLag(partitions map[string][]int32) {
	for topic, ps := range partitions {
		for _, p := range ps {
			m.lag.DeleteLabelValues(topic, strconv.Itoa(int(p)))
		}
	}
}
