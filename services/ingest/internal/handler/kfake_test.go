package handler

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/stream"
)

// The handler inside the real consumer runtime on an in-memory cluster:
// resolved events are keyed by profile id and the malformed record reaches
// the dead-letter topic with its reason.
func TestHandlerWithConsumerOnKfake(t *testing.T) {
	const raw, deadLetter = testInputTopic, "test.events.deadletter"
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(4, raw, testOutputTopic, deadLetter))
	require.NoError(t, err)
	defer cluster.Close()
	brokers := cluster.ListenAddrs()

	deps, m := testDeps(t, newMemorySeen(), nil)
	var consumer *stream.Consumer
	deps.Produce = func(ctx context.Context, recs ...*kgo.Record) error {
		return stream.ProduceSync(ctx, consumer.Client(), recs...)
	}
	consumer, err = stream.NewConsumer(stream.Config{
		Brokers:         brokers,
		Group:           "profilehub-ingest",
		Topics:          []string{raw},
		DeadLetterTopic: deadLetter,
		ExtraOpts:       []kgo.Opt{kgo.FetchMaxWait(100 * time.Millisecond)},
	}, "ingest", New(deps), zerolog.Nop(), nil)
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- consumer.Run(ctx) }()
	defer func() {
		cancel()
		require.NoError(t, <-done)
	}()

	codec := testCodec(t)
	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	require.NoError(t, stream.ProduceSync(ctx, producer,
		&kgo.Record{Topic: raw, Key: []byte("x"), Value: []byte("garbage")},
		rawRecord(t, codec, rawEvent(idA, "device-1", "")),
		rawRecord(t, codec, rawEvent(idB, "", "17850")),
	))

	resolved := consume(t, brokers, testOutputTopic, 2)
	keys := map[string]bool{}
	for _, r := range resolved {
		keys[string(r.Key)] = true
	}
	require.Equal(t, map[string]bool{
		identity.ProfileID(identity.KindAnonymous, "device-1"): true,
		identity.ProfileID(identity.KindUser, "17850"):         true,
	}, keys)

	dead := consume(t, brokers, deadLetter, 1)
	reason, ok := stream.Header(dead[0], "dlq.reason")
	require.True(t, ok)
	require.Equal(t, "undecodable", reason)
	require.Equal(t, []byte("garbage"), dead[0].Value)
	require.Eventually(t, func() bool { return testutil.ToFloat64(m.Ingested) == 2 }, 10*time.Second, 20*time.Millisecond)
}

// consume reads topic from the start until it has n records.
func consume(t testing.TB, brokers []string, topic string, n int) []*kgo.Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(t, err)
	defer cl.Close()

	var records []*kgo.Record
	for len(records) < n {
		fetches := cl.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "read %d of %d records of %s", len(records), n, topic)
		records = append(records, fetches.Records()...)
	}
	return records
}
