package testenv

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"
)

func TestCounterValueFiltersLabels(t *testing.T) {
	reg := prometheus.NewRegistry()
	rejected := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "rejected_total", Help: "h"},
		[]string{"reason"})
	reg.MustRegister(rejected)
	rejected.WithLabelValues("undecodable").Add(2)
	rejected.WithLabelValues("too_large").Inc()

	require.Equal(t, 3.0, CounterValue(t, reg, "rejected_total", nil))
	require.Equal(t, 2.0, CounterValue(t, reg, "rejected_total", map[string]string{"reason": "undecodable"}))
	require.Equal(t, 0.0, CounterValue(t, reg, "rejected_total", map[string]string{"reason": "other"}))
	require.Equal(t, 0.0, CounterValue(t, reg, "missing_total", nil))
}
