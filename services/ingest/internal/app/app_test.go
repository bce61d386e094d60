package app

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/ingest/internal/config"
)

// The service against the real broker and Postgres: two good events of one
// visitor, one of which logs in, a malformed record and two duplicates, one
// in the same batch and one later. The good events reach events.resolved
// keyed by the user's profile, the malformed one reaches the dead-letter
// topic with its reason, and the duplicates are dropped.
func TestServiceEndToEnd(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	pool, pgCfg := testenv.Postgres(t)

	cfg := config.Default()
	cfg.Kafka.Brokers = brokers
	cfg.Kafka.TopicPrefix = prefix
	cfg.Postgres = pgCfg
	cfg.HTTP.Addr = "127.0.0.1:0"
	reg := prometheus.NewRegistry()
	svc, err := New(cfg, pool, zerolog.Nop(), reg, kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})

	// Inputs: the duplicate repeats the first event id in its own record.
	codec := eventCodec(t)
	now := time.Now().UTC().Truncate(time.Millisecond)
	anonymous := rawEvent("6c1f0d2e-1a2b-4c3d-8e4f-5a6b7c8d9e01", "device-7", "", now.Add(-2*time.Minute))
	login := rawEvent("6c1f0d2e-1a2b-4c3d-8e4f-5a6b7c8d9e02", "device-7", "17850", now.Add(-time.Minute))
	malformed := []byte("\xc3\x01 not an event")
	rawTopic := topics.Name(prefix, topics.EventsRaw)
	inputs := []*kgo.Record{
		{Topic: rawTopic, Key: []byte("device-7"), Value: encode(t, codec, anonymous),
			Headers: []kgo.RecordHeader{{Key: "traceparent", Value: []byte("00-trace-01")}}},
		{Topic: rawTopic, Key: []byte("device-7"), Value: encode(t, codec, login)},
		{Topic: rawTopic, Key: []byte("device-9"), Value: malformed},
		{Topic: rawTopic, Key: []byte("device-7"), Value: encode(t, codec, anonymous)},
	}
	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	require.NoError(t, stream.ProduceSync(ctx, producer, inputs...))

	// The counters move only after a batch succeeded, so once they add up
	// every output is acknowledged and every offset committed.
	require.Eventually(t, func() bool {
		return testenv.CounterValue(t, reg, "profilehub_ingest_events_ingested_total", nil) == 2 &&
			testenv.CounterValue(t, reg, "profilehub_ingest_events_rejected_total", map[string]string{"reason": "undecodable"}) == 1 &&
			testenv.CounterValue(t, reg, "profilehub_ingest_duplicates_total", nil) == 1
	}, 60*time.Second, 100*time.Millisecond)

	// A copy that arrives in a later batch is found in ingest_seen. The
	// first duplicate usually shares the batch of its original, but may
	// land in a later one, so only the total is exact.
	require.NoError(t, stream.ProduceSync(ctx, producer, &kgo.Record{
		Topic: rawTopic, Key: []byte("device-7"), Value: encode(t, codec, login)}))
	require.Eventually(t, func() bool {
		return testenv.CounterValue(t, reg, "profilehub_ingest_duplicates_total", nil) == 2
	}, 60*time.Second, 100*time.Millisecond)
	require.GreaterOrEqual(t,
		testenv.CounterValue(t, reg, "profilehub_ingest_duplicates_total", map[string]string{"source": "seen"}), 1.0)

	resolved := testenv.ReadTopic(t, brokers, topics.Name(prefix, topics.EventsResolved))
	require.Len(t, resolved, 2, "the duplicate is not produced")
	userProfile := identity.ProfileID(identity.KindUser, "17850")
	got := make(map[string]*kgo.Record)
	for _, r := range resolved {
		require.Equal(t, userProfile, string(r.Key))
		ev, err := codec.Decode(r.Value)
		require.NoError(t, err)
		require.Equal(t, userProfile, ev.ProfileID)
		got[ev.EventID] = r
	}
	require.Contains(t, got, anonymous.EventID)
	require.Contains(t, got, login.EventID)
	traceparent, ok := stream.Header(got[anonymous.EventID], "traceparent")
	require.True(t, ok, "input headers are copied")
	require.Equal(t, "00-trace-01", traceparent)

	dead := testenv.ReadTopic(t, brokers, topics.Name(prefix, topics.DeadLetter))
	require.Len(t, dead, 1)
	require.Equal(t, malformed, dead[0].Value)
	require.Equal(t, "device-9", string(dead[0].Key))
	for key, want := range map[string]string{"dlq.reason": "undecodable", "dlq.service": "ingest", "dlq.topic": rawTopic} {
		value, ok := stream.Header(dead[0], key)
		require.True(t, ok, "header %s", key)
		require.Equal(t, want, value, "header %s", key)
	}

	// Postgres holds both ids as seen and the link with its provenance.
	var seenCount int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM ingest_seen`).Scan(&seenCount))
	require.Equal(t, 2, seenCount)
	var linkedProfile, firstEvent string
	err = pool.QueryRow(ctx, `SELECT profile_id::text, first_event_id::text FROM identity_links
		WHERE identifier_type = 'anonymous' AND identifier_value = 'device-7'`).Scan(&linkedProfile, &firstEvent)
	require.NoError(t, err)
	require.Equal(t, userProfile, linkedProfile)
	require.Equal(t, login.EventID, firstEvent)
}

func eventCodec(t testing.TB) *events.EventCodec {
	t.Helper()
	reg, err := avro.Default()
	require.NoError(t, err)
	codec, err := events.NewEventCodec(reg)
	require.NoError(t, err)
	return codec
}

func rawEvent(eventID, anonymousID, userID string, at time.Time) *events.Event {
	return &events.Event{
		EventID:     eventID,
		EventType:   events.TypeProductViewed,
		EventTime:   at,
		AnonymousID: anonymousID,
		UserID:      userID,
		Source:      "shop-web",
		Payload:     &events.ProductViewed{ProductID: "85123A"},
	}
}

func encode(t testing.TB, codec *events.EventCodec, ev *events.Event) []byte {
	t.Helper()
	value, err := codec.Encode(ev)
	require.NoError(t, err)
	return value
}
