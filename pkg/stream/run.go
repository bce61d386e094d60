package stream

import (
	"context"
	"errors"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Run polls and handles batches until ctx ends, then returns nil. The batch
// in progress when ctx ends is finished: its handler keeps a context that
// lives up to Config.ShutdownGrace longer, and its commit gets a fresh
// context bounded by Config.CommitTimeout. Run closes the client before it
// returns, leaving the group. It returns an error only if the client was
// closed by someone else.
func (c *Consumer) Run(ctx context.Context) error {
	c.log.Info().
		Str("client_id", c.cfg.ClientID).
		Strs("brokers", c.cfg.Brokers).
		Strs("topics", c.cfg.Topics).
		Str("dead_letter_topic", c.cfg.DeadLetterTopic).
		Int("max_poll_records", c.cfg.MaxPollRecords).
		Dur("backoff_initial", c.cfg.BackoffInitial).
		Dur("backoff_max", c.cfg.BackoffMax).
		Dur("commit_timeout", c.cfg.CommitTimeout).
		Dur("shutdown_grace", c.cfg.ShutdownGrace).
		Msg("consumer starting")

	// work is the handlers' context: it outlives ctx by the shutdown grace,
	// so the batch in progress can finish and be committed.
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	stopGrace := context.AfterFunc(ctx, func() {
		timer := time.NewTimer(c.cfg.ShutdownGrace)
		defer timer.Stop()
		select {
		case <-timer.C:
			cancelWork()
		case <-done:
		}
	})
	defer func() {
		close(done)
		stopGrace()
		cancelWork()
	}()

	err := c.loop(ctx, work)

	// Every handled batch is committed already, so closing only leaves the
	// group. Rebalances must be allowed first or leaving would wait forever.
	c.client.CloseAllowingRebalance()
	c.log.Info().Msg("consumer stopped")
	return err
}

// loop runs poll, handle, dead-letter and commit until ctx ends.
func (c *Consumer) loop(ctx, work context.Context) error {
	for {
		fetches := c.client.PollRecords(ctx, c.cfg.MaxPollRecords)
		if fetches.IsClientClosed() {
			return errors.New("stream: kafka client closed while consuming")
		}
		c.recordFetchErrors(ctx, fetches)

		records := fetches.Records()
		if len(records) > 0 {
			c.recordPoll(fetches)
			c.process(ctx, work, &Batch{Records: records})
		}
		c.client.AllowRebalance()

		if ctx.Err() != nil {
			return nil
		}
	}
}

// recordFetchErrors logs and counts poll errors. The client retries fetches
// by itself, so an error only needs to be visible. The error of a poll
// interrupted by ctx is part of a normal shutdown and is skipped.
func (c *Consumer) recordFetchErrors(ctx context.Context, fetches kgo.Fetches) {
	fetches.EachError(func(topic string, partition int32, err error) {
		if ctx.Err() != nil && errors.Is(err, context.Canceled) {
			return
		}
		c.metrics.fetchErrors.WithLabelValues(topic).Inc()
		c.log.Warn().Err(err).Str("topic", topic).Int32("partition", partition).Msg("fetch failed")
	})
}

// recordPoll counts the records of a poll per topic and sets the lag gauge
// of every partition that returned records.
func (c *Consumer) recordPoll(fetches kgo.Fetches) {
	fetches.EachPartition(func(p kgo.FetchTopicPartition) {
		if len(p.Records) == 0 {
			return
		}
		c.metrics.consumed.WithLabelValues(p.Topic).Add(float64(len(p.Records)))
		next := p.Records[len(p.Records)-1].Offset + 1
		c.metrics.setLag(p.Topic, p.Partition, max(p.HighWatermark-next, 0))
	})
}
