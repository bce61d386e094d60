package stream

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/config"
)

func TestBackoffDoublesAndCaps(t *testing.T) {
	tests := []struct {
		attempt int
		base    time.Duration // before jitter
	}{
		{1, 100 * time.Millisecond},
		{2, 200 * time.Millisecond},
		{3, 400 * time.Millisecond},
		{9, 25600 * time.Millisecond},
		{10, 30 * time.Second},
		{1000, 30 * time.Second},
	}
	for _, tt := range tests {
		for range 50 {
			got := backoff(tt.attempt, 100*time.Millisecond, 30*time.Second)
			assert.GreaterOrEqual(t, got, tt.base*8/10, "attempt %d", tt.attempt)
			assert.LessOrEqual(t, got, tt.base*12/10, "attempt %d", tt.attempt)
		}
	}
}

func TestBatchRejectReplacesAndResets(t *testing.T) {
	a, b := &kgo.Record{Offset: 1}, &kgo.Record{Offset: 2}
	batch := &Batch{Records: []*kgo.Record{a, b}}

	batch.Reject(a, "decode", errors.New("first"))
	batch.Reject(b, "invalid", nil)
	batch.Reject(a, "schema", errors.New("second"))
	rejected := batch.takeRejected()
	require.Len(t, rejected, 2)
	assert.Equal(t, "schema", rejected[0].reason, "later rejection of a record wins")
	assert.Equal(t, "invalid", rejected[1].reason)

	batch.reset()
	assert.Zero(t, batch.Rejected())
}

func TestBatchRejectConcurrent(t *testing.T) {
	recs := make([]*kgo.Record, 100)
	for i := range recs {
		recs[i] = &kgo.Record{Offset: int64(i)}
	}
	batch := &Batch{Records: recs}

	var wg sync.WaitGroup
	for _, r := range recs {
		wg.Go(func() { batch.Reject(r, "invalid", nil) })
	}
	wg.Wait()
	assert.Equal(t, 100, batch.Rejected())
}

func TestDeadLetterRecordHeaders(t *testing.T) {
	c := &Consumer{cfg: Config{DeadLetterTopic: "p.events.deadletter"}, service: "ingest"}
	ts := time.Unix(1700000000, 0)
	orig := &kgo.Record{
		Topic: "p.events.raw", Partition: 3, Offset: 42, Key: []byte("k"), Value: []byte("v"),
		Timestamp: ts, Headers: []kgo.RecordHeader{{Key: "trace", Value: []byte("t1")}},
	}
	got := c.deadLetterRecord(rejection{record: orig, reason: "decode", err: errors.New("bad magic")})

	assert.Equal(t, "p.events.deadletter", got.Topic)
	assert.Equal(t, []byte("k"), got.Key)
	assert.Equal(t, []byte("v"), got.Value)
	assert.Equal(t, ts, got.Timestamp)
	want := map[string]string{
		"trace": "t1", HeaderReason: "decode", HeaderError: "bad magic", HeaderTopic: "p.events.raw",
		HeaderPartition: "3", HeaderOffset: "42", HeaderService: "ingest",
	}
	for key, value := range want {
		v, ok := Header(got, key)
		assert.True(t, ok, "header %s present", key)
		assert.Equal(t, value, v, "header %s", key)
	}

	nilErr := c.deadLetterRecord(rejection{record: orig, reason: "invalid"})
	v, ok := Header(nilErr, HeaderError)
	assert.True(t, ok)
	assert.Empty(t, v, "nil error gives an empty dlq.error")
}

func TestConsumerConfigNames(t *testing.T) {
	k := config.Kafka{Brokers: []string{"b:1"}, TopicPrefix: "dev.", ClientID: "c"}
	cfg := ConsumerConfig(k, "projector", "traits.inferred", "vectors.updated")
	assert.Equal(t, "dev.profilehub-projector", cfg.Group)
	assert.Equal(t, []string{"dev.traits.inferred", "dev.vectors.updated"}, cfg.Topics)
	assert.Equal(t, "dev.events.deadletter", cfg.DeadLetterTopic)
	assert.Equal(t, []string{"b:1"}, cfg.Brokers)
	assert.Equal(t, "c", cfg.ClientID)
}

func TestConfigDefaultsAndValidate(t *testing.T) {
	cfg := Config{Brokers: []string{"b:1"}, Group: "g", Topics: []string{"t"}, DeadLetterTopic: "d"}.
		withDefaults("ingest")
	require.NoError(t, cfg.Validate())
	assert.Equal(t, "ingest", cfg.ClientID)
	assert.Equal(t, DefaultMaxPollRecords, cfg.MaxPollRecords)
	assert.Equal(t, DefaultBackoffInitial, cfg.BackoffInitial)
	assert.Equal(t, DefaultBackoffMax, cfg.BackoffMax)
	assert.Equal(t, DefaultCommitTimeout, cfg.CommitTimeout)
	assert.Equal(t, DefaultShutdownGrace, cfg.ShutdownGrace)

	err := Config{}.withDefaults("x").Validate()
	require.Error(t, err)
	for _, part := range []string{"no brokers", "consumer group", "no topics", "dead-letter topic"} {
		assert.Contains(t, err.Error(), part)
	}

	bad := cfg
	bad.BackoffMax = time.Millisecond
	assert.ErrorContains(t, bad.Validate(), "invalid backoff")
}

func TestNewConsumerRejectsMissingParts(t *testing.T) {
	cfg := Config{Brokers: []string{"127.0.0.1:1"}, Group: "g", Topics: []string{"t"}, DeadLetterTopic: "d"}
	_, err := NewConsumer(cfg, "", &recorder{}, zeroLogger(), nil)
	assert.ErrorContains(t, err, "service name")
	_, err = NewConsumer(cfg, "svc", nil, zeroLogger(), nil)
	assert.ErrorContains(t, err, "handler")
}
