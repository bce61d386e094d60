// Package publish produces records asynchronously as fast as the broker
// accepts them, with a bounded number of records in flight.
package publish

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/twmb/franz-go/pkg/kgo"
)

// DefaultMaxBuffered is the default bound on records produced but not yet
// acknowledged. Produce blocks while the bound is reached.
const DefaultMaxBuffered = 10_000

// Publisher produces to one topic. It is safe for concurrent use.
type Publisher struct {
	client *kgo.Client
	topic  string

	acked  atomic.Int64
	failed atomic.Int64

	mu       sync.Mutex
	firstErr error
}

// New returns a Publisher to topic. The client should be created with
// kgo.MaxBufferedRecords, which bounds the records in flight; the caller
// closes it after Flush.
func New(client *kgo.Client, topic string) *Publisher {
	return &Publisher{client: client, topic: topic}
}

// Produce hands one record to the client and returns without waiting for the
// acknowledgement, unless the in-flight bound is reached, in which case it
// blocks until a record completes or ctx ends. A failed acknowledgement is
// counted and its error kept for Flush.
func (p *Publisher) Produce(ctx context.Context, key string, value []byte) error {
	record := &kgo.Record{Topic: p.topic, Key: []byte(key), Value: value}
	p.client.Produce(ctx, record, p.complete)
	return ctx.Err()
}

func (p *Publisher) complete(record *kgo.Record, err error) {
	if err == nil {
		p.acked.Add(1)
		return
	}
	p.failed.Add(1)
	p.mu.Lock()
	if p.firstErr == nil {
		p.firstErr = fmt.Errorf("producing to %s, key %q: %w", record.Topic, record.Key, err)
	}
	p.mu.Unlock()
}

// Acked returns the number of records the broker acknowledged so far.
func (p *Publisher) Acked() int64 { return p.acked.Load() }

// Failed returns the number of records that failed so far.
func (p *Publisher) Failed() int64 { return p.failed.Load() }

// Flush waits until every produced record is acknowledged or failed, and
// returns an error naming the number of failed records and the first
// failure, if any record failed.
func (p *Publisher) Flush(ctx context.Context) error {
	if err := p.client.Flush(ctx); err != nil {
		return fmt.Errorf("flushing records to %s: %w", p.topic, err)
	}
	if failed := p.failed.Load(); failed > 0 {
		p.mu.Lock()
		defer p.mu.Unlock()
		return fmt.Errorf("%d records to %s failed, the first: %w", failed, p.topic, p.firstErr)
	}
	return nil
}
