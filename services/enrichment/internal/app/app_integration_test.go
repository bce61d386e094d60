package app

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/enrichment/internal/config"
)

// The service consumes events.resolved from the broker, lands the events in
// ClickHouse and produces profile.activity. A record whose value cannot be
// decoded goes to the dead-letter topic without stopping the others.
func TestServiceEndToEnd(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	ch, chCfg := testenv.ClickHouse(t)
	pool, pgCfg := testenv.Postgres(t)

	cfg := config.Default()
	cfg.Kafka.Brokers, cfg.Kafka.TopicPrefix = brokers, prefix
	cfg.ClickHouse, cfg.Postgres = chCfg, pgCfg
	cfg.HTTP.Addr = "127.0.0.1:0"
	svc, err := New(cfg, ch, pool, zerolog.Nop(), prometheus.NewRegistry(), kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		assert.NoError(t, <-done)
	})

	profileID := identity.ProfileID(identity.KindUser, "12583")
	at := time.Date(2011, 12, 1, 8, 45, 0, 0, time.UTC)
	order := &events.Event{
		EventID: "order-1", EventType: events.TypeOrderCompleted, EventTime: at, ReceivedAt: at,
		ProfileID: profileID, Source: "test", Context: events.Context{Timezone: "Europe/London"},
		Payload: &events.OrderCompleted{OrderID: "536370", Currency: "GBP", Lines: []events.OrderLine{
			{LineNo: 1, ProductID: "22728", Quantity: 24, UnitPrice: decimal.RequireFromString("3.75")},
			{LineNo: 2, ProductID: "POST", Quantity: 3, UnitPrice: decimal.RequireFromString("18.00")},
		}},
	}
	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	reg, err := avro.Default()
	require.NoError(t, err)
	codec, err := events.NewEventCodec(reg)
	require.NoError(t, err)
	value, err := codec.Encode(order)
	require.NoError(t, err)
	inTopic := topics.Name(prefix, topics.EventsResolved)
	require.NoError(t, producer.ProduceSync(context.Background(),
		&kgo.Record{Topic: inTopic, Key: []byte(profileID), Value: []byte("garbage")},
		&kgo.Record{Topic: inTopic, Key: []byte(profileID), Value: value},
	).FirstErr())

	activity := waitForRecord(t, brokers, topics.Name(prefix, topics.ProfileActivity))
	assert.Equal(t, profileID, string(activity.Key))
	deadLetter := waitForRecord(t, brokers, topics.Name(prefix, topics.DeadLetter))
	assert.Equal(t, "garbage", string(deadLetter.Value))

	var revenue decimal.Decimal
	var orders uint32
	row := ch.QueryRow(context.Background(),
		"SELECT net_revenue, orders FROM profile_daily FINAL WHERE profile_id = ?", profileID)
	require.NoError(t, row.Scan(&revenue, &orders))
	// 24 x 3.75 + 3 x 18.00 postage; POST is a fee by pkg/catalogue although
	// the catalogue table is empty.
	assert.Equal(t, "144", revenue.String())
	assert.Equal(t, uint32(1), orders)

	var productRows uint64
	require.NoError(t, ch.QueryRow(context.Background(),
		"SELECT count() FROM profile_products FINAL WHERE product_id = 'POST'").Scan(&productRows))
	assert.Zero(t, productRows)
}

// waitForRecord returns the first record of topic, waiting up to 30s.
func waitForRecord(t *testing.T, brokers []string, topic string) *kgo.Record {
	t.Helper()
	reader, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(t, err)
	defer reader.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		fetches := reader.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "no record on %s within 30s", topic)
		if recs := fetches.Records(); len(recs) > 0 {
			return recs[0]
		}
	}
}
