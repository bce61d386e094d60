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

const profile = "6f1c1f4e-2b1a-4c55-9a53-0a8b7f3c0001"

// The service against the real broker and ClickHouse: two activity records
// of one profile and a malformed record in, one ProfileTraits record per
// batch out, the malformed record on the dead-letter topic. A replay of the
// same activity gives the same traits apart from their computed_at.
func TestServiceEndToEnd(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	conn, chCfg := testenv.ClickHouse(t)
	seedClickHouse(t, conn)

	cfg := config.Default()
	cfg.Kafka.Brokers = brokers
	cfg.Kafka.TopicPrefix = prefix
	cfg.ClickHouse = chCfg
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.Inference.RFMRefreshInterval = 0
	cfg.Inference.RefreshIdle = 0 // only batch outputs on the topic
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
	activity, err := codec.activity.Encode(&events.ProfileActivity{ProfileID: profile,
		AsOf: time.Date(2011, 3, 4, 8, 0, 0, 0, time.UTC), Events: 1, EventTypes: []string{"product_viewed"}})
	require.NoError(t, err)
	inTopic := topics.Name(prefix, topics.ProfileActivity)
	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()

	require.NoError(t, stream.ProduceSync(ctx, producer,
		&kgo.Record{Topic: inTopic, Key: []byte(profile), Value: activity},
		&kgo.Record{Topic: inTopic, Key: []byte("junk"), Value: []byte("\xc3\x01 not avro")}))
	require.Eventually(t, func() bool {
		return testenv.CounterValue(t, reg, "profilehub_inference_profiles_total", map[string]string{"result": "produced"}) >= 1 &&
			testenv.CounterValue(t, reg, "profilehub_stream_dead_lettered_total", nil) == 1
	}, 60*time.Second, 100*time.Millisecond)

	// The replay: the same activity again, in a batch of its own.
	before := testenv.CounterValue(t, reg, "profilehub_inference_profiles_total", map[string]string{"result": "produced"})
	require.NoError(t, stream.ProduceSync(ctx, producer, &kgo.Record{Topic: inTopic, Key: []byte(profile), Value: activity}))
	require.Eventually(t, func() bool {
		return testenv.CounterValue(t, reg, "profilehub_inference_profiles_total", map[string]string{"result": "produced"}) > before
	}, 60*time.Second, 100*time.Millisecond)

	out := testenv.ReadTopic(t, brokers, topics.Name(prefix, topics.TraitsInferred))
	require.GreaterOrEqual(t, len(out), 2)
	// Every computation carries its own computed_at; apart from it, the
	// same ClickHouse state gives the same record.
	first, err := codec.traits.Decode(out[0].Value)
	require.NoError(t, err)
	require.False(t, first.ComputedAt.IsZero(), "computed_at is set")
	for _, r := range out[1:] {
		again, err := codec.traits.Decode(r.Value)
		require.NoError(t, err)
		assert.False(t, again.ComputedAt.Before(first.ComputedAt), "computed_at never goes back")
		again.ComputedAt = first.ComputedAt
		assert.Equal(t, first, again, "same ClickHouse state, same traits")
	}
	assert.Equal(t, profile, string(out[0].Key))

	got, err := codec.traits.Decode(out[0].Value)
	require.NoError(t, err)
	assertSeededTraits(t, got)

	dead := testenv.ReadTopic(t, brokers, topics.Name(prefix, topics.DeadLetter))
	require.Len(t, dead, 1)
	reason, ok := stream.Header(dead[0], "dlq.reason")
	require.True(t, ok)
	assert.Equal(t, "decode", reason)
}

func assertSeededTraits(t *testing.T, got *events.ProfileTraits) {
	t.Helper()
	assert.Equal(t, profile, got.ProfileID)
	assert.Equal(t, "traits-v1", got.ModelVersion)
	assert.Equal(t, time.Date(2011, 3, 4, 8, 0, 0, 0, time.UTC), got.AsOf)
	assert.Equal(t, time.Date(2011, 3, 10, 12, 0, 0, 0, time.UTC), got.ReferenceTime, "latest event of any profile")
	assert.Equal(t, int64(2), got.Orders)
	assert.Equal(t, int64(0), got.Cancellations)
	assert.True(t, decimal.RequireFromString("40").Equal(got.NetRevenue), "net revenue %s", got.NetRevenue)
	assert.True(t, decimal.RequireFromString("20").Equal(got.AverageOrderValue), "aov %s", got.AverageOrderValue)
	assert.Equal(t, time.Date(2011, 1, 5, 9, 30, 0, 0, time.UTC), got.FirstOrderAt)
	assert.Equal(t, time.Date(2011, 3, 2, 17, 0, 0, 0, time.UTC), got.LastOrderAt)
	require.NotNil(t, got.RecencyDays)
	assert.Equal(t, int32(7), *got.RecencyDays)
	assert.Equal(t, int32(2), got.Frequency)
	assert.Equal(t, []string{"21212"}, got.FavouriteProducts)
	assert.Equal(t, []string{"candles"}, got.FavouriteCategories)
	assert.Equal(t, []int32{9, 17}, got.UsualHours)
	assert.Equal(t, []int32{3}, got.UsualDays)
	assert.Equal(t, "low", got.EngagementLevel)
	// Two buyers, so thresholds 1 and 2 are the lower buyer's value and 3
	// and 4 the higher one's: the profile ordered earlier and spent less
	// than the other buyer (1), but on more days (3).
	assert.Equal(t, "131", got.RFMScore)
}

// seedClickHouse writes the rows of the profile and of one other buyer
// whose later event sets the reference time.
func seedClickHouse(t testing.TB, conn driver.Conn) {
	t.Helper()
	ctx := context.Background()
	order1 := time.Date(2011, 1, 5, 9, 30, 0, 0, time.UTC)
	order2 := time.Date(2011, 3, 2, 17, 0, 0, 0, time.UTC)
	view := time.Date(2011, 3, 4, 8, 0, 0, 0, time.UTC)
	other := time.Date(2011, 3, 10, 12, 0, 0, 0, time.UTC)
	day := func(t time.Time) time.Time { return t.Truncate(24 * time.Hour) }

	b, err := conn.PrepareBatch(ctx, "INSERT INTO events (event_id, event_type, profile_id, event_time, received_at, version)")
	require.NoError(t, err)
	require.NoError(t, b.Append("e1", "order_completed", profile, order1, order1, uint64(1)))
	require.NoError(t, b.Append("e2", "order_completed", profile, order2, order2, uint64(1)))
	require.NoError(t, b.Append("e3", "product_viewed", profile, view, view, uint64(1)))
	require.NoError(t, b.Append("e4", "order_completed", "other", other, other, uint64(1)))
	require.NoError(t, b.Send())

	b, err = conn.PrepareBatch(ctx, "INSERT INTO profile_daily (profile_id, day, orders, cancellations, "+
		"net_revenue, product_views, events, version)")
	require.NoError(t, err)
	require.NoError(t, b.Append(profile, day(order1), uint32(1), uint32(0), decimal.NewFromInt(15), uint32(0), uint32(1), uint64(1)))
	require.NoError(t, b.Append(profile, day(order2), uint32(1), uint32(0), decimal.NewFromInt(25), uint32(0), uint32(1), uint64(1)))
	require.NoError(t, b.Append(profile, day(view), uint32(0), uint32(0), decimal.Zero, uint32(1), uint32(1), uint64(1)))
	require.NoError(t, b.Append("other", day(other), uint32(1), uint32(0), decimal.NewFromInt(90), uint32(0), uint32(1), uint64(1)))
	require.NoError(t, b.Send())

	b, err = conn.PrepareBatch(ctx, "INSERT INTO profile_products (profile_id, product_id, category, units, "+
		"revenue, orders, views, last_at, version)")
	require.NoError(t, err)
	require.NoError(t, b.Append(profile, "21212", "candles", int64(4), decimal.NewFromInt(40), uint32(2), uint32(1), order2, uint64(1)))
	require.NoError(t, b.Send())

	// Wednesday (local_dow 2) 09:00 and 17:00, both from the two orders.
	b, err = conn.PrepareBatch(ctx, "INSERT INTO profile_hour_of_week (profile_id, hour_of_week, events, version)")
	require.NoError(t, err)
	require.NoError(t, b.Append(profile, uint8(2*24+9), uint32(1), uint64(1)))
	require.NoError(t, b.Append(profile, uint8(2*24+17), uint32(1), uint64(1)))
	require.NoError(t, b.Send())
}
