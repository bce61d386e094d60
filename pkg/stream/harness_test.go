package stream

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
)

// backend is a Kafka cluster with an input and a dead-letter topic, each
// with 4 partitions.
type backend struct {
	brokers []string
	prefix  string // prefix of topic and group names
	input   string
	dlq     string
}

// forEachBackend runs test against the in-memory kfake cluster and against
// the local broker; the latter is skipped when the broker is unreachable.
func forEachBackend(t *testing.T, test func(t *testing.T, be backend)) {
	t.Run("kfake", func(t *testing.T) {
		cluster, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(4, "events.raw", "events.deadletter"))
		require.NoError(t, err)
		t.Cleanup(cluster.Close)
		test(t, backend{
			brokers: cluster.ListenAddrs(),
			input:   "events.raw",
			dlq:     "events.deadletter",
		})
	})
	t.Run("broker", func(t *testing.T) {
		brokers, prefix := testenv.Kafka(t)
		test(t, backend{
			brokers: brokers,
			prefix:  prefix,
			input:   topics.Name(prefix, topics.EventsRaw),
			dlq:     topics.Name(prefix, topics.DeadLetter),
		})
	})
}

// config returns a consumer config for group with short backoffs.
func (be backend) config(group string) Config {
	return Config{
		Brokers:         be.brokers,
		Group:           be.prefix + group,
		Topics:          []string{be.input},
		DeadLetterTopic: be.dlq,
		MaxPollRecords:  50,
		BackoffInitial:  10 * time.Millisecond,
		BackoffMax:      50 * time.Millisecond,
		ShutdownGrace:   10 * time.Second,
		ExtraOpts:       []kgo.Opt{kgo.FetchMaxWait(200 * time.Millisecond)},
	}
}

// client returns a plain client for producing and admin requests.
func (be backend) client(t testing.TB) *kgo.Client {
	cl, err := kgo.NewClient(kgo.SeedBrokers(be.brokers...))
	require.NoError(t, err)
	t.Cleanup(cl.Close)
	return cl
}

// produce writes n records with keys k<i> and values <label>-<i> to the
// input topic and returns the values.
func (be backend) produce(t testing.TB, label string, n int) []string {
	t.Helper()
	cl := be.client(t)
	values := make([]string, n)
	recs := make([]*kgo.Record, n)
	for i := range n {
		values[i] = fmt.Sprintf("%s-%d", label, i)
		recs[i] = &kgo.Record{Topic: be.input, Key: fmt.Appendf(nil, "k%d", i), Value: []byte(values[i])}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	require.NoError(t, ProduceSync(ctx, cl, recs...))
	return values
}

// committed returns the group's committed offset per partition of the input
// topic; partitions without a commit are absent.
func (be backend) committed(t testing.TB, group string) map[int32]int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resps, err := kadm.NewClient(be.client(t)).FetchOffsets(ctx, be.prefix+group)
	out := make(map[int32]int64)
	if errors.Is(err, kerr.GroupIDNotFound) {
		return out // kfake reports a group only after a member joined
	}
	require.NoError(t, err)

	resps.Each(func(r kadm.OffsetResponse) {
		if r.Topic == be.input && r.Err == nil && r.At >= 0 {
			out[r.Partition] = r.At
		}
	})
	return out
}

// endOffsets returns the end offset of every non-empty input partition.
func (be backend) endOffsets(t testing.TB) map[int32]int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ends, err := kadm.NewClient(be.client(t)).ListEndOffsets(ctx, be.input)
	require.NoError(t, err)

	out := make(map[int32]int64)
	ends.Each(func(o kadm.ListedOffset) {
		if o.Offset > 0 {
			out[o.Partition] = o.Offset
		}
	})
	return out
}

// readAll consumes topic from the start until it has n records or 20s pass.
func (be backend) readAll(t testing.TB, topic string, n int) []*kgo.Record {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(be.brokers...), kgo.ConsumeTopics(topic),
		kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)
	defer cl.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out []*kgo.Record
	for len(out) < n && ctx.Err() == nil {
		fetches := cl.PollFetches(ctx)
		out = append(out, fetches.Records()...)
	}
	require.Len(t, out, n, "records in %s", topic)
	return out
}

// running is a consumer started by start.
type running struct {
	consumer *Consumer
	cancel   context.CancelFunc
	done     chan error
}

// start creates a consumer for group and runs it until stop or cleanup.
func (be backend) start(t testing.TB, cfg Config, h Handler, log zerolog.Logger,
	reg prometheus.Registerer) *running {
	t.Helper()
	c, err := NewConsumer(cfg, "test", h, log, reg)
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	r := &running{consumer: c, cancel: cancel, done: make(chan error, 1)}
	go func() {
		r.done <- c.Run(ctx)
		close(r.done)
	}()
	t.Cleanup(func() { r.stop(t) })
	return r
}

// stop cancels the consumer and waits for Run; it may be called twice.
func (r *running) stop(t testing.TB) {
	t.Helper()
	r.cancel()
	select {
	case err, ok := <-r.done:
		if ok {
			require.NoError(t, err, "Run")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return within 30s of cancel")
	}
}

// recorder is a handler that remembers the values of handled batches. fail
// decides per call whether it returns an error instead.
type recorder struct {
	mu      sync.Mutex
	calls   int
	values  []string
	fail    func(call int, b *Batch) error
	onBatch func(ctx context.Context, b *Batch)
}

func (r *recorder) Handle(ctx context.Context, b *Batch) error {
	r.mu.Lock()
	r.calls++
	call := r.calls
	r.mu.Unlock()

	if r.onBatch != nil {
		r.onBatch(ctx, b)
	}
	if r.fail != nil {
		if err := r.fail(call, b); err != nil {
			return err
		}
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rec := range b.Records {
		r.values = append(r.values, string(rec.Value))
	}
	return nil
}

// seen returns the handled values, sorted.
func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := slices.Clone(r.values)
	slices.Sort(out)
	return out
}

func sorted(values []string) []string {
	out := slices.Clone(values)
	slices.Sort(out)
	return out
}

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

func zeroLogger() zerolog.Logger { return zerolog.Nop() }
