package stream

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

var errStoreDown = errors.New("store unavailable")

// A failing first call must leave the offsets uncommitted; the retry with
// the same records then succeeds and every record is handled and committed.
func TestConsumerRetriesThenCommits(t *testing.T) {
	forEachBackend(t, func(t *testing.T, be backend) {
		want := be.produce(t, "retry", 40)
		ends := be.endOffsets(t)

		var commitsDuringFailure []map[int32]int64
		var failedBatch, retriedBatch []*kgo.Record
		h := &recorder{fail: func(call int, b *Batch) error {
			if call == 1 {
				failedBatch = b.Records
				return errStoreDown
			}
			if call == 2 {
				retriedBatch = b.Records
				// Still inside the retried batch: nothing may be committed.
				commitsDuringFailure = append(commitsDuringFailure, be.committed(t, "retry"))
			}
			return nil
		}}
		logs := &syncBuffer{}
		reg := prometheus.NewRegistry()
		r := be.start(t, be.config("retry"), h, zerolog.New(logs), reg)

		require.Eventually(t, func() bool { return len(h.seen()) >= len(want) }, 30*time.Second, 20*time.Millisecond)
		require.Eventually(t, func() bool {
			return assert.ObjectsAreEqual(ends, be.committed(t, "retry"))
		}, 20*time.Second, 50*time.Millisecond, "committed offsets reach the end offsets")
		r.stop(t)

		assert.Equal(t, sorted(want), h.seen(), "every record handled once after the retry")
		assert.Equal(t, failedBatch, retriedBatch, "the retry gets the same records")
		require.Len(t, commitsDuringFailure, 1)
		assert.Empty(t, commitsDuringFailure[0], "no commit before the retried batch succeeded")
		assert.Equal(t, 1.0, testutil.ToFloat64(r.consumer.metrics.retries), "retries metric")
		assert.Contains(t, logs.String(), `"attempt":1`, "retry logged with its attempt number")
		assert.Contains(t, logs.String(), "handling batch failed, retrying")
	})
}

// Rejected records go to the dead-letter topic with their key, value and the
// dlq.* headers; the batch is still committed.
func TestConsumerDeadLettersRejected(t *testing.T) {
	forEachBackend(t, func(t *testing.T, be backend) {
		values := be.produce(t, "dlq", 12)
		ends := be.endOffsets(t)
		decodeErr := errors.New("unknown schema fingerprint")

		h := &recorder{onBatch: func(_ context.Context, b *Batch) {
			for _, rec := range b.Records {
				if strings.HasSuffix(string(rec.Value), "-3") || strings.HasSuffix(string(rec.Value), "-7") {
					b.Reject(rec, "decode", decodeErr)
				}
			}
		}}
		reg := prometheus.NewRegistry()
		r := be.start(t, be.config("dlq"), h, zerolog.Nop(), reg)

		dead := be.readAll(t, be.dlq, 2)
		require.Eventually(t, func() bool {
			return assert.ObjectsAreEqual(ends, be.committed(t, "dlq"))
		}, 20*time.Second, 50*time.Millisecond, "committed offsets reach the end offsets")
		r.stop(t)

		assert.Len(t, h.seen(), len(values), "rejected records were still passed to the handler once")
		assert.Equal(t, 2.0, testutil.ToFloat64(r.consumer.metrics.deadLettered.WithLabelValues("decode")))
		for _, rec := range dead {
			value := string(rec.Value)
			require.True(t, value == "dlq-3" || value == "dlq-7", "dead-lettered value %q", value)
			assert.Equal(t, "k"+strings.TrimPrefix(value, "dlq-"), string(rec.Key), "original key kept")

			reason, _ := Header(rec, HeaderReason)
			assert.Equal(t, "decode", reason)
			errText, _ := Header(rec, HeaderError)
			assert.Equal(t, decodeErr.Error(), errText)
			topic, _ := Header(rec, HeaderTopic)
			assert.Equal(t, be.input, topic)
			service, _ := Header(rec, HeaderService)
			assert.Equal(t, "test", service)
			partition, _ := Header(rec, HeaderPartition)
			_, err := strconv.Atoi(partition)
			assert.NoError(t, err, "partition header %q is a number", partition)
			offset, _ := Header(rec, HeaderOffset)
			_, err = strconv.ParseInt(offset, 10, 64)
			assert.NoError(t, err, "offset header %q is a number", offset)
		}
	})
}

// A batch that is in progress when the context ends is finished with a live
// handler context and committed before Run returns.
func TestConsumerShutdownCommitsInFlight(t *testing.T) {
	forEachBackend(t, func(t *testing.T, be backend) {
		be.produce(t, "shutdown", 1)
		ends := be.endOffsets(t)

		started := make(chan struct{})
		release := make(chan struct{})
		var handlerCtxErr error
		h := &recorder{onBatch: func(ctx context.Context, _ *Batch) {
			close(started)
			<-release
			handlerCtxErr = ctx.Err()
		}}
		r := be.start(t, be.config("shutdown"), h, zerolog.Nop(), nil)

		select {
		case <-started:
		case <-time.After(30 * time.Second):
			t.Fatal("handler not called within 30s")
		}
		r.cancel()
		close(release)
		r.stop(t)

		assert.NoError(t, handlerCtxErr, "handler context still live during shutdown grace")
		assert.Equal(t, []string{"shutdown-0"}, h.seen())
		assert.Equal(t, ends, be.committed(t, "shutdown"), "in-flight batch committed at shutdown")
	})
}

// A handler that keeps failing leaves the batch uncommitted when the
// consumer stops, so the next run gets the same records.
func TestConsumerGivesUpOnShutdown(t *testing.T) {
	forEachBackend(t, func(t *testing.T, be backend) {
		want := be.produce(t, "giveup", 5)

		failing := &recorder{fail: func(int, *Batch) error { return errStoreDown }}
		r := be.start(t, be.config("giveup"), failing, zerolog.Nop(), nil)
		require.Eventually(t, func() bool {
			failing.mu.Lock()
			defer failing.mu.Unlock()
			return failing.calls >= 3
		}, 30*time.Second, 10*time.Millisecond)
		r.stop(t)
		assert.Empty(t, be.committed(t, "giveup"), "nothing committed while the handler failed")

		second := &recorder{}
		r2 := be.start(t, be.config("giveup"), second, zerolog.Nop(), nil)
		require.Eventually(t, func() bool { return len(second.seen()) >= len(want) }, 30*time.Second, 20*time.Millisecond)
		r2.stop(t)
		assert.Equal(t, sorted(want), second.seen())
	})
}

// A new consumer of the same group starts after the committed offsets, so
// records handled by an earlier run are not handled again.
func TestConsumerResumesFromCommit(t *testing.T) {
	forEachBackend(t, func(t *testing.T, be backend) {
		first := be.produce(t, "first", 20)
		ends := be.endOffsets(t)

		h1 := &recorder{}
		r1 := be.start(t, be.config("resume"), h1, zerolog.Nop(), nil)
		require.Eventually(t, func() bool {
			return assert.ObjectsAreEqual(ends, be.committed(t, "resume"))
		}, 30*time.Second, 50*time.Millisecond)
		r1.stop(t)
		require.Equal(t, sorted(first), h1.seen())

		second := be.produce(t, "second", 20)
		h2 := &recorder{}
		r2 := be.start(t, be.config("resume"), h2, zerolog.Nop(), nil)
		require.Eventually(t, func() bool { return len(h2.seen()) >= len(second) }, 30*time.Second, 20*time.Millisecond)

		// A poll after the last record must not bring back old records.
		ends = be.endOffsets(t)
		require.Eventually(t, func() bool {
			return assert.ObjectsAreEqual(ends, be.committed(t, "resume"))
		}, 20*time.Second, 50*time.Millisecond)
		r2.stop(t)
		assert.Equal(t, sorted(second), h2.seen(), "only records after the commit handled")
	})
}

// Ready reports the broker reachable before any partition is assigned, and
// an error when the broker is gone.
func TestConsumerReady(t *testing.T) {
	forEachBackend(t, func(t *testing.T, be backend) {
		c, err := NewConsumer(be.config("ready"), "test", &recorder{}, zerolog.Nop(), nil)
		require.NoError(t, err)
		defer c.Client().Close()
		assert.NoError(t, c.Ready())
	})

	t.Run("unreachable", func(t *testing.T) {
		cfg := backend{brokers: []string{"127.0.0.1:1"}, input: "in", dlq: "dlq"}.config("ready")
		c, err := NewConsumer(cfg, "test", &recorder{}, zerolog.Nop(), nil)
		require.NoError(t, err)
		defer c.Client().Close()
		assert.Error(t, c.Ready())
	})
}

// Two consumers of different groups can share one registry, because the
// group is a constant label.
func TestConsumerMetricsShareRegistry(t *testing.T) {
	reg := prometheus.NewRegistry()
	for _, group := range []string{"a", "b"} {
		cfg := backend{brokers: []string{"127.0.0.1:1"}, input: "in", dlq: "dlq"}.config(group)
		c, err := NewConsumer(cfg, "test", &recorder{}, zerolog.Nop(), reg)
		require.NoError(t, err, "group %s", group)
		c.Client().Close()
	}

	cfg := backend{brokers: []string{"127.0.0.1:1"}, input: "in", dlq: "dlq"}.config("a")
	_, err := NewConsumer(cfg, "test", &recorder{}, zerolog.Nop(), reg)
	assert.Error(t, err, "same group twice in one registry")
}

func TestProduceSyncNamesTopic(t *testing.T) {
	cl, err := kgo.NewClient(kgo.SeedBrokers("127.0.0.1:1"))
	require.NoError(t, err)
	defer cl.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err = ProduceSync(ctx, cl, &kgo.Record{Topic: "events.resolved", Value: []byte("x")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "events.resolved")
	assert.NoError(t, ProduceSync(ctx, cl), "no records is a no-op")
}

// When the dead-letter topic cannot be written, the batch stays uncommitted
// and the runtime retries the produce until it succeeds, then commits.
func TestConsumerDeadLetterRetriesBeforeCommit(t *testing.T) {
	cluster, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(4, "events.raw"))
	require.NoError(t, err)
	defer cluster.Close()
	be := backend{brokers: cluster.ListenAddrs(), input: "events.raw", dlq: "events.deadletter"}
	be.produce(t, "dlqdown", 3)
	ends := be.endOffsets(t)

	h := &recorder{onBatch: func(_ context.Context, b *Batch) {
		for _, rec := range b.Records {
			if string(rec.Value) == "dlqdown-1" {
				b.Reject(rec, "invalid", errors.New("missing event_type"))
			}
		}
	}}
	logs := &syncBuffer{}
	r := be.start(t, be.config("dlqdown"), h, zerolog.New(logs), nil)

	require.Eventually(t, func() bool {
		return strings.Contains(logs.String(), "producing to dead-letter topic failed")
	}, 30*time.Second, 20*time.Millisecond)
	assert.Empty(t, be.committed(t, "dlqdown"), "no commit before the dead-letter produce succeeded")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = kadm.NewClient(be.client(t)).CreateTopic(ctx, 4, 1, nil, be.dlq)
	require.NoError(t, err)

	dead := be.readAll(t, be.dlq, 1)
	assert.Equal(t, "dlqdown-1", string(dead[0].Value))
	require.Eventually(t, func() bool {
		return assert.ObjectsAreEqual(ends, be.committed(t, "dlqdown"))
	}, 30*time.Second, 50*time.Millisecond)
	r.stop(t)
}
