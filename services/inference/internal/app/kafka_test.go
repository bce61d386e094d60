package app

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// readAll returns every record of topic up to the end offsets that exist
// when it starts.
func readAll(t testing.TB, brokers []string, topic string) []*kgo.Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(t, err)
	defer cl.Close()

	ends, err := kadm.NewClient(cl).ListEndOffsets(ctx, topic)
	require.NoError(t, err)
	want := int64(0)
	ends.Each(func(o kadm.ListedOffset) { want += o.Offset })

	var out []*kgo.Record
	for int64(len(out)) < want {
		fetches := cl.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "reading %s: got %d of %d records", topic, len(out), want)
		fetches.EachRecord(func(r *kgo.Record) { out = append(out, r) })
	}
	return out
}

// counter returns the sum of a counter family's series whose labels include
// labels.
func counter(t testing.TB, reg *prometheus.Registry, name string, labels map[string]string) float64 {
	t.Helper()
	families, err := reg.Gather()
	require.NoError(t, err)
	total := 0.0
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			if hasLabels(m, labels) {
				total += m.GetCounter().GetValue()
			}
		}
	}
	return total
}

func hasLabels(m *dto.Metric, labels map[string]string) bool {
	found := 0
	for _, lp := range m.GetLabel() {
		if v, ok := labels[lp.GetName()]; ok && v == lp.GetValue() {
			found++
		}
	}
	return found == len(labels)
}
