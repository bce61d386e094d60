package stream

import (
	"strconv"

	"github.com/twmb/franz-go/pkg/kgo"
)

// Header keys of a dead-letter record.
const (
	HeaderReason    = "dlq.reason"    // the rejection reason given to Batch.Reject
	HeaderError     = "dlq.error"     // the rejection error's text, empty if nil
	HeaderTopic     = "dlq.topic"     // topic of the original record
	HeaderPartition = "dlq.partition" // partition of the original record, decimal
	HeaderOffset    = "dlq.offset"    // offset of the original record, decimal
	HeaderService   = "dlq.service"   // service that rejected the record
)

// deadLetterRecord copies the key, value and headers of the rejected record
// and adds the dlq.* headers. The original timestamp is kept.
func (c *Consumer) deadLetterRecord(rej rejection) *kgo.Record {
	orig := rej.record
	errText := ""
	if rej.err != nil {
		errText = rej.err.Error()
	}

	headers := make([]kgo.RecordHeader, 0, len(orig.Headers)+6)
	headers = append(headers, orig.Headers...)
	headers = append(headers,
		kgo.RecordHeader{Key: HeaderReason, Value: []byte(rej.reason)},
		kgo.RecordHeader{Key: HeaderError, Value: []byte(errText)},
		kgo.RecordHeader{Key: HeaderTopic, Value: []byte(orig.Topic)},
		kgo.RecordHeader{Key: HeaderPartition, Value: []byte(strconv.Itoa(int(orig.Partition)))},
		kgo.RecordHeader{Key: HeaderOffset, Value: []byte(strconv.FormatInt(orig.Offset, 10))},
		kgo.RecordHeader{Key: HeaderService, Value: []byte(c.service)},
	)

	return &kgo.Record{
		Topic:     c.cfg.DeadLetterTopic,
		Key:       orig.Key,
		Value:     orig.Value,
		Headers:   headers,
		Timestamp: orig.Timestamp,
	}
}

// Header returns the value of the first header of r named key, and whether
// it exists.
func Header(r *kgo.Record, key string) (string, bool) {
	for _, h := range r.Headers {
		if h.Key == key {
			return string(h.Value), true
		}
	}
	return "", false
}
