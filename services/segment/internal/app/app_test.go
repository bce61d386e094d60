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

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/segment/internal/config"
	"github.com/profilehub/platform/services/segment/internal/rules"
)

const (
	alice = "6f1c1f4e-2b1a-4c55-9a53-0a8b7f3c0001"
	bob   = "6f1c1f4e-2b1a-4c55-9a53-0a8b7f3c0002"
)

var ref = time.Date(2011, 12, 9, 12, 0, 0, 0, time.UTC)

// The service against the real broker and Postgres with the deployed rules:
// first traits of two profiles, a replay, older traits and a malformed
// record. Only the first memberships are emitted, the malformed record is
// dead-lettered, and Postgres keeps the newest membership.
func TestServiceEndToEnd(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	pool, pgCfg := testenv.Postgres(t)
	rs, err := rules.Load("../../../../deploy/segment/rules.yaml")
	require.NoError(t, err)

	cfg := config.Default()
	cfg.Kafka.Brokers = brokers
	cfg.Kafka.TopicPrefix = prefix
	cfg.Postgres = pgCfg
	cfg.HTTP.Addr = "127.0.0.1:0"
	reg := prometheus.NewRegistry()
	svc, err := New(cfg, rs, pool, zerolog.Nop(), reg, kgo.FetchMaxWait(200*time.Millisecond))
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
	newBuyer := encodeTraits(t, codec, alice, ref, 1, "60")
	inTopic := topics.Name(prefix, topics.TraitsInferred)
	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	send := func(key string, value []byte) {
		require.NoError(t, stream.ProduceSync(ctx, producer, &kgo.Record{Topic: inTopic, Key: []byte(key), Value: value}))
	}

	send(alice, newBuyer)
	send(bob, encodeTraits(t, codec, bob, ref, 0, "0"))
	send("junk", []byte("\xc3\x01 not avro"))
	waitEvaluated(t, reg, 2)

	// Sent one after the other, so that the older traits cannot share the
	// replay's batch, where the newer record would win without a lookup.
	send(alice, newBuyer)
	waitEvaluated(t, reg, 3)
	send(alice, encodeTraits(t, codec, alice, ref.Add(-time.Hour), 0, "0"))
	require.Eventually(t, func() bool {
		return testenv.CounterValue(t, reg, "profilehub_segment_profiles_total", map[string]string{"result": "stale"}) == 1
	}, 60*time.Second, 100*time.Millisecond)

	out := testenv.ReadTopic(t, brokers, topics.Name(prefix, topics.SegmentsChanged))
	require.Len(t, out, 2, "first memberships only: the replay and the older traits change nothing")
	byKey := map[string]*events.SegmentMembership{}
	for _, r := range out {
		m, err := codec.membership.Decode(r.Value)
		require.NoError(t, err)
		byKey[string(r.Key)] = m
	}
	require.Contains(t, byKey, alice)
	assert.Equal(t, []string{"active", "new"}, byKey[alice].Segments)
	assert.Equal(t, []string{"active", "new"}, byKey[alice].Joined)
	assert.Equal(t, rs.Version, byKey[alice].RulesVersion)
	require.Contains(t, byKey, bob)
	assert.Empty(t, byKey[bob].Segments)

	var segments []string
	var asOf time.Time
	require.NoError(t, pool.QueryRow(ctx, `SELECT segments, as_of FROM segment_memberships WHERE profile_id = $1`,
		alice).Scan(&segments, &asOf))
	assert.Equal(t, []string{"active", "new"}, segments)
	assert.True(t, ref.Equal(asOf), "as_of %s", asOf)

	dead := testenv.ReadTopic(t, brokers, topics.Name(prefix, topics.DeadLetter))
	require.Len(t, dead, 1)
	assert.Equal(t, "junk", string(dead[0].Key))
}

func waitEvaluated(t *testing.T, reg *prometheus.Registry, n float64) {
	t.Helper()
	require.Eventually(t, func() bool {
		return testenv.CounterValue(t, reg, "profilehub_segment_profiles_total", map[string]string{"result": "evaluated"}) >= n
	}, 60*time.Second, 100*time.Millisecond)
}

// encodeTraits returns a traits record whose only order, if any, was 10
// days before the reference time.
func encodeTraits(t testing.TB, c *codec, id string, asOf time.Time, orders int64, revenue string) []byte {
	t.Helper()
	tr := &events.ProfileTraits{ProfileID: id, ModelVersion: "traits-v1", AsOf: asOf, ReferenceTime: ref,
		Orders: orders, NetRevenue: decimal.RequireFromString(revenue), AverageOrderValue: decimal.Zero,
		EngagementLevel: "low"}
	if orders > 0 {
		tr.FirstOrderAt = ref.AddDate(0, 0, -10)
		tr.LastOrderAt = tr.FirstOrderAt
		days := int32(10)
		tr.RecencyDays = &days
		tr.Frequency = 1
	}
	value, err := c.traits.Encode(tr)
	require.NoError(t, err)
	return value
}
