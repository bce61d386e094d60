package stream

import (
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Batch is the records of one poll, in poll order: per partition, by
// offset. A handler may read Records from several goroutines and call Reject
// concurrently.
type Batch struct {
	// Records contains at most Config.MaxPollRecords records. The handler must
	// not modify the records or the slice.
	Records []*kgo.Record

	mu       sync.Mutex
	rejected []rejection
	index    map[*kgo.Record]int
}

// rejection is a record bound for the dead-letter topic.
type rejection struct {
	record *kgo.Record
	reason string
	err    error
}

// Reject marks r as permanently unprocessable: after Handle returns nil the
// runtime produces r's key and value to the dead-letter topic with the
// reason and error in headers. reason must come from a small fixed set such
// as "decode" or "invalid", because it is a metric label. Rejecting the same
// record again replaces the earlier reason. Rejections are discarded when
// Handle returns an error, because the batch is retried from scratch.
func (b *Batch) Reject(r *kgo.Record, reason string, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()

	if b.index == nil {
		b.index = make(map[*kgo.Record]int)
	}
	rej := rejection{record: r, reason: reason, err: err}
	if i, ok := b.index[r]; ok {
		b.rejected[i] = rej
		return
	}
	b.index[r] = len(b.rejected)
	b.rejected = append(b.rejected, rej)
}

// Rejected returns the number of records rejected so far.
func (b *Batch) Rejected() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.rejected)
}

// takeRejected returns the rejections in the order they were made.
func (b *Batch) takeRejected() []rejection {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]rejection(nil), b.rejected...)
}

// reset clears the rejections before a retry.
func (b *Batch) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rejected = nil
	b.index = nil
}
