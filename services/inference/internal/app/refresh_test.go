package app

import (
	"context"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/inference/internal/config"
)

// The refresh against the real broker and ClickHouse: the profile gets
// traits from a batch, then a newer event of the other profile moves the
// reference time on. Once the service is idle, both profiles get traits
// against the new reference time, the quiet profile with a larger recency,
// and a replay of their activity produces the same bytes again.
func TestRefreshAfterReferenceAdvances(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	conn, chCfg := testenv.ClickHouse(t)
	seedClickHouse(t, conn)

	cfg := config.Default()
	cfg.Kafka.Brokers = brokers
	cfg.Kafka.TopicPrefix = prefix
	cfg.ClickHouse = chCfg
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Inference.RefreshIdle = 500 * time.Millisecond
	reg := prometheus.NewRegistry()
	svc, err := New(cfg, conn, zerolog.Nop(), reg, kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})

	codec, err := newCodec("")
	require.NoError(t, err)
	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	sendActivity := func(ids ...string) {
		t.Helper()
		var recs []*kgo.Record
		for _, id := range ids {
			value, err := codec.activity.Encode(&events.ProfileActivity{ProfileID: id,
				AsOf: time.Date(2011, 3, 4, 8, 0, 0, 0, time.UTC), Events: 1, EventTypes: []string{"product_viewed"}})
			require.NoError(t, err)
			recs = append(recs, &kgo.Record{Topic: topics.Name(prefix, topics.ProfileActivity), Key: []byte(id), Value: value})
		}
		require.NoError(t, stream.ProduceSync(ctx, producer, recs...))
	}
	produced := func() float64 {
		return testenv.CounterValue(t, reg, "profilehub_inference_profiles_total", map[string]string{"result": "produced"})
	}
	refreshes := func() float64 {
		return testenv.CounterValue(t, reg, "profilehub_inference_refreshes_total", map[string]string{"result": "completed"})
	}

	// The batch and the first refresh, both against the seeded reference time.
	sendActivity(profile)
	require.Eventually(t, func() bool { return produced() >= 1 && refreshes() >= 1 },
		60*time.Second, 100*time.Millisecond)
	first := lastTraits(t, codec, brokers, prefix)
	require.Contains(t, first, profile)
	require.NotNil(t, first[profile].RecencyDays)
	assert.Equal(t, int32(7), *first[profile].RecencyDays)

	// A month later the other profile orders again, without any activity
	// record reaching the service.
	later := time.Date(2011, 4, 10, 12, 0, 0, 0, time.UTC)
	insertLaterOrder(t, conn, later)
	require.Eventually(t, func() bool { return refreshes() >= 2 }, 60*time.Second, 100*time.Millisecond)

	refreshed := lastTraits(t, codec, brokers, prefix)
	require.Len(t, refreshed, 2)
	for id, tr := range refreshed {
		assert.Equal(t, later, tr.ReferenceTime, "reference time of %s", id)
	}
	require.NotNil(t, refreshed[profile].RecencyDays)
	assert.Equal(t, int32(38), *refreshed[profile].RecencyDays, "2011-03-02 17:00 to 2011-04-10 12:00")
	assert.Equal(t, first[profile].AsOf, refreshed[profile].AsOf, "no new event of the quiet profile")

	// A replay after the refresh: the batch path computes the same traits,
	// later.
	before := lastTraits(t, codec, brokers, prefix)
	sendActivity(profile, "other")
	require.Eventually(t, func() bool { return produced() >= 3 }, 60*time.Second, 100*time.Millisecond)
	after := lastTraits(t, codec, brokers, prefix)
	for id, tr := range before {
		require.Contains(t, after, id)
		assert.True(t, after[id].ComputedAt.After(tr.ComputedAt), "computed_at of %s moves forward", id)
		after[id].ComputedAt = tr.ComputedAt
		assert.Equal(t, tr, after[id], "replayed traits of %s", id)
	}
}

// insertLaterOrder writes an order of the other profile at at, which moves
// the reference time on.
func insertLaterOrder(t testing.TB, conn driver.Conn, at time.Time) {
	t.Helper()
	ctx := context.Background()
	b, err := conn.PrepareBatch(ctx, "INSERT INTO events (event_id, event_type, profile_id, event_time, received_at, version)")
	require.NoError(t, err)
	require.NoError(t, b.Append("e5", "order_completed", "other", at, at, uint64(1)))
	require.NoError(t, b.Send())

	b, err = conn.PrepareBatch(ctx, "INSERT INTO profile_daily (profile_id, day, orders, cancellations, "+
		"net_revenue, product_views, events, version)")
	require.NoError(t, err)
	require.NoError(t, b.Append("other", at.Truncate(24*time.Hour), uint32(1), uint32(0), decimal.NewFromInt(30),
		uint32(0), uint32(1), uint64(1)))
	require.NoError(t, b.Send())
}

// lastRecords returns the value of the latest traits record of each
// profile on the traits topic.
func lastRecords(t testing.TB, brokers []string, prefix string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, r := range testenv.ReadTopic(t, brokers, topics.Name(prefix, topics.TraitsInferred)) {
		out[string(r.Key)] = r.Value
	}
	return out
}

// lastTraits decodes lastRecords.
func lastTraits(t testing.TB, c *codec, brokers []string, prefix string) map[string]*events.ProfileTraits {
	t.Helper()
	out := map[string]*events.ProfileTraits{}
	for id, value := range lastRecords(t, brokers, prefix) {
		tr, err := c.traits.Decode(value)
		require.NoError(t, err)
		out[id] = tr
	}
	return out
}
