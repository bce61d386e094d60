package stream

import (
	"context"
	"time"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"
)

// process handles one batch until it succeeds, dead-letters its rejected
// records and commits it. If ctx ends before the handler succeeds, the batch
// is left uncommitted and is delivered again after a restart.
func (c *Consumer) process(ctx, work context.Context, b *Batch) {
	if !c.handle(ctx, work, b) {
		return
	}
	if !c.deadLetter(ctx, work, b) {
		return
	}
	c.commit(ctx, b)
}

// handle calls the handler until it returns nil, with backoff between
// attempts. It returns false if ctx ended first.
func (c *Consumer) handle(ctx, work context.Context, b *Batch) bool {
	for attempt := 1; ; attempt++ {
		b.reset()
		start := time.Now()
		err := c.handler.Handle(work, b)
		took := time.Since(start)
		c.metrics.handleDuration.Observe(took.Seconds())

		if err == nil {
			c.metrics.batches.Inc()
			c.batchEvent(c.log.Debug(), b).
				Int("rejected", b.Rejected()).
				Dur("took", took).
				Msg("batch handled")
			return true
		}

		if ctx.Err() != nil {
			c.giveUp(b, err, attempt)
			return false
		}
		wait := backoff(attempt, c.cfg.BackoffInitial, c.cfg.BackoffMax)
		c.metrics.retries.Inc()
		c.batchEvent(c.log.Warn(), b).Err(err).Int("attempt", attempt).Dur("backoff", wait).
			Msg("handling batch failed, retrying")
		if !sleep(ctx, wait) {
			c.giveUp(b, err, attempt)
			return false
		}
	}
}

// giveUp logs a batch left uncommitted at shutdown after attempt failures.
func (c *Consumer) giveUp(b *Batch, err error, attempt int) {
	c.batchEvent(c.log.Error(), b).Err(err).Int("attempt", attempt).
		Msg("stopping with a failed batch uncommitted, it is delivered again after restart")
}

// deadLetter produces the batch's rejected records to the dead-letter topic
// and waits for the acknowledgement, retrying with backoff. It returns false
// if ctx ended first.
func (c *Consumer) deadLetter(ctx, work context.Context, b *Batch) bool {
	rejected := b.takeRejected()
	if len(rejected) == 0 {
		return true
	}
	for attempt := 1; ; attempt++ {
		// Fresh records each attempt, because producing fills in fields
		// such as the partition.
		recs := make([]*kgo.Record, len(rejected))
		for i, rej := range rejected {
			recs[i] = c.deadLetterRecord(rej)
		}
		err := ProduceSync(work, c.client, recs...)
		if err == nil {
			break
		}
		c.metrics.produceErrors.Inc()
		if ctx.Err() != nil {
			c.giveUp(b, err, attempt)
			return false
		}
		wait := backoff(attempt, c.cfg.BackoffInitial, c.cfg.BackoffMax)
		c.batchEvent(c.log.Warn(), b).Err(err).Int("attempt", attempt).Dur("backoff", wait).
			Msg("producing to dead-letter topic failed, retrying")
		if !sleep(ctx, wait) {
			c.giveUp(b, err, attempt)
			return false
		}
	}

	for _, rej := range rejected {
		c.metrics.deadLettered.WithLabelValues(rej.reason).Inc()
		c.log.Warn().
			Str("topic", rej.record.Topic).
			Int32("partition", rej.record.Partition).
			Int64("offset", rej.record.Offset).
			Str("reason", rej.reason).
			AnErr("error", rej.err).
			Msg("record dead-lettered")
	}
	return true
}

// commit commits the batch's offsets with a fresh context, so the commit of
// the last batch also runs after ctx ended. A failed commit is logged and
// counted: the records are delivered again, which handlers tolerate.
func (c *Consumer) commit(ctx context.Context, b *Batch) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.CommitTimeout)
	defer cancel()

	if err := c.client.CommitRecords(cctx, b.Records...); err != nil {
		c.metrics.commitErrors.Inc()
		c.batchEvent(c.log.Error(), b).Err(err).Msg("committing batch failed, its records are delivered again")
		return
	}
	c.batchEvent(c.log.Debug(), b).Msg("batch committed")
}

// batchEvent adds the size and the first record's position to ev.
func (c *Consumer) batchEvent(ev *zerolog.Event, b *Batch) *zerolog.Event {
	first := b.Records[0]
	return ev.Int("records", len(b.Records)).
		Str("topic", first.Topic).
		Int32("partition", first.Partition).
		Int64("offset", first.Offset)
}

// sleep waits for d and returns true, or returns false as soon as ctx ends.
func sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
