// Package stream is the consumer runtime of the platform's services. A
// Consumer polls bounded batches from a consumer group, hands each batch to a
// Handler, dead-letters the records the handler rejected and commits the
// batch's offsets only after both succeeded, which makes delivery
// at-least-once.
//
// Delivery contract:
//
//   - Handle gets the records of one poll, at most Config.MaxPollRecords.
//   - Handle returning an error means a transient failure (a store or the
//     broker is unavailable). Nothing is committed, and the runtime waits with
//     exponential backoff and calls Handle again with the same records and
//     the rejections cleared. It never gives up while its context lives, so
//     Handle must be idempotent.
//   - Permanent failures of single records (decode, validation) are
//     reported with Batch.Reject. After Handle returns nil, the runtime
//     produces the rejected records to the dead-letter topic, waits for the
//     acknowledgement, then commits the batch synchronously.
//   - Handle produces its outputs with ProduceSync before returning, so the
//     commit follows the acknowledged output.
//   - A panic in Handle is not recovered: it crashes the service, which
//     restarts from the last commit.
//
// Rebalances wait for the batch in progress (kgo.BlockRebalanceOnPoll), so
// offsets are never committed for partitions the member no longer owns.
//
// NOTE: a batch that keeps failing also holds back a rebalance. If that
// lasts longer than the group's rebalance timeout (60s by default in franz-go v1.22), the
// broker removes this member. Its commit then fails and the batch is
// delivered again to the new owner of the partitions.
package stream

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"
)

// readyPingTimeout bounds the broker ping of Ready.
const readyPingTimeout = 2 * time.Second

// Handler processes one batch. See the package documentation for the
// contract of the returned error.
type Handler interface {
	Handle(ctx context.Context, b *Batch) error
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, b *Batch) error

// Handle calls f(ctx, b).
func (f HandlerFunc) Handle(ctx context.Context, b *Batch) error { return f(ctx, b) }

// Consumer runs a Handler over a consumer group. Create it with NewConsumer
// and start it with Run, once.
type Consumer struct {
	cfg     Config
	service string
	handler Handler
	log     zerolog.Logger
	metrics *metrics
	client  *kgo.Client

	assigned atomic.Bool // partitions were assigned and not lost since
}

// NewConsumer validates cfg, applies its defaults and creates the client,
// which joins the group when Run first polls. service names the service in
// the dead-letter headers and is the default client id. The metrics are
// registered in reg, and a nil reg registers none. A Consumer whose Run is never
// called must be released with Client().Close().
func NewConsumer(cfg Config, service string, h Handler, log zerolog.Logger,
	reg prometheus.Registerer) (*Consumer, error) {
	if service == "" {
		return nil, errors.New("stream: service name must be set")
	}
	if h == nil {
		return nil, errors.New("stream: handler must not be nil")
	}
	cfg = cfg.withDefaults(service)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}

	c := &Consumer{
		cfg:     cfg,
		service: service,
		handler: h,
		log:     log.With().Str("group", cfg.Group).Logger(),
		metrics: newMetrics(cfg.Group),
	}
	if err := c.metrics.register(reg); err != nil {
		return nil, fmt.Errorf("registering stream metrics of group %s: %w", cfg.Group, err)
	}

	cl, err := kgo.NewClient(c.clientOpts()...)
	if err != nil {
		return nil, fmt.Errorf("creating kafka client for group %s: %w", cfg.Group, err)
	}
	c.client = cl
	return c, nil
}

func (c *Consumer) clientOpts() []kgo.Opt {
	opts := baseOpts(c.cfg.Brokers, c.cfg.ClientID, c.log)
	opts = append(opts,
		kgo.ConsumerGroup(c.cfg.Group),
		kgo.ConsumeTopics(c.cfg.Topics...),
		kgo.DisableAutoCommit(),
		kgo.BlockRebalanceOnPoll(),
		kgo.OnPartitionsAssigned(c.onAssigned),
		kgo.OnPartitionsRevoked(c.onRevoked),
		kgo.OnPartitionsLost(c.onLost),
		kgo.OnPartitionsCallbackBlocked(c.onCallbackBlocked),
	)
	return append(opts, c.cfg.ExtraOpts...)
}

// Client returns the Kafka client, which the handler uses to produce its
// outputs. Run closes it on return.
func (c *Consumer) Client() *kgo.Client { return c.client }

// Ready returns nil when the group has assigned this member partitions that
// were not lost since, or when the broker responds to a ping within 2s. Else
// it returns the ping error. A member without partitions (more members than
// partitions) counts as ready as long as the broker is reachable.
func (c *Consumer) Ready() error {
	if c.assigned.Load() {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), readyPingTimeout)
	defer cancel()
	if err := c.client.Ping(ctx); err != nil {
		return fmt.Errorf("kafka unreachable for group %s: %w", c.cfg.Group, err)
	}
	return nil
}

func (c *Consumer) onAssigned(_ context.Context, _ *kgo.Client, assigned map[string][]int32) {
	c.assigned.Store(true)
	c.log.Info().Interface("partitions", assigned).Msg("partitions assigned")
}

func (c *Consumer) onRevoked(_ context.Context, _ *kgo.Client, revoked map[string][]int32) {
	// Every batch is committed before rebalances are allowed, so there is
	// nothing left to commit here.
	c.log.Info().Interface("partitions", revoked).Msg("partitions revoked")
	c.metrics.deleteLag(revoked)
}

func (c *Consumer) onLost(_ context.Context, _ *kgo.Client, lost map[string][]int32) {
	c.assigned.Store(false)
	c.log.Warn().Interface("partitions", lost).Msg("partitions lost")
	c.metrics.deleteLag(lost)
}

func (c *Consumer) onCallbackBlocked(context.Context, *kgo.Client) {
	c.log.Warn().Msg("rebalance waits for the batch in progress")
}
