package e2e

import (
	"context"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/topics"
)

// group returns the consumer group name of a service on this platform.
func (p *platform) group(service string) string {
	return p.prefix + "profilehub-" + service
}

func (p *platform) admin() *kadm.Client {
	cl, err := kgo.NewClient(kgo.SeedBrokers(p.brokers...))
	require.NoError(p.t, err)
	p.t.Cleanup(cl.Close)
	return kadm.NewClient(cl)
}

// committedRecords returns the sum of the committed offsets of a service's
// consumer group over all its partitions.
func (p *platform) committedRecords(ctx context.Context, service string) int64 {
	offsets, err := p.admin().FetchOffsets(ctx, p.group(service))
	if err != nil {
		return 0
	}
	var total int64
	offsets.Each(func(o kadm.OffsetResponse) {
		if o.Err == nil && o.At > 0 {
			total += o.At
		}
	})
	return total
}

// readTopic returns every record of a topic from its start to the end
// offsets seen when the call began.
func (p *platform) readTopic(ctx context.Context, base string) []*kgo.Record {
	p.t.Helper()
	topic := topics.Name(p.prefix, base)
	ends, err := p.admin().ListEndOffsets(ctx, topic)
	require.NoError(p.t, err)
	want := map[int32]int64{}
	var total int64
	ends.Each(func(o kadm.ListedOffset) {
		if o.Offset > 0 {
			want[o.Partition] = o.Offset
			total += o.Offset
		}
	})
	if total == 0 {
		return nil
	}

	cl, err := kgo.NewClient(kgo.SeedBrokers(p.brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(p.t, err)
	defer cl.Close()

	var out []*kgo.Record
	readCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	for len(want) > 0 {
		fetches := cl.PollFetches(readCtx)
		require.NoError(p.t, readCtx.Err(), "reading %s: %d partitions not read to the end", topic, len(want))
		fetches.EachRecord(func(r *kgo.Record) {
			end, ok := want[r.Partition]
			if !ok || r.Offset >= end {
				return
			}
			out = append(out, r)
			if r.Offset == end-1 {
				delete(want, r.Partition)
			}
		})
	}
	return out
}

// latestByKey keeps the last record of every key, as compaction would.
func latestByKey(records []*kgo.Record) map[string]*kgo.Record {
	latest := map[string]*kgo.Record{}
	for _, r := range records {
		latest[string(r.Key)] = r
	}
	return latest
}

// consumed lists the topics each service's consumer group reads.
var consumed = map[string][]string{
	"ingest":     {topics.EventsRaw},
	"enrichment": {topics.EventsResolved},
	"inference":  {topics.ProfileActivity},
	"vectorize":  {topics.ProfileActivity},
	"segment":    {topics.TraitsInferred},
	"projector": {topics.EventsResolved, topics.TraitsInferred,
		topics.VectorsUpdated, topics.SegmentsChanged},
}

// lagOf returns how many records of its input topics a service's group has
// not committed yet.
func (p *platform) lagOf(ctx context.Context, adm *kadm.Client, service string) (int64, error) {
	var names []string
	for _, base := range consumed[service] {
		names = append(names, topics.Name(p.prefix, base))
	}
	ends, err := adm.ListEndOffsets(ctx, names...)
	if err != nil {
		return 0, err
	}
	committed, err := adm.FetchOffsets(ctx, p.group(service))
	if err != nil {
		return 0, err
	}
	var lag int64
	ends.Each(func(o kadm.ListedOffset) {
		at := int64(0)
		if c, ok := committed.Lookup(o.Topic, o.Partition); ok && c.Err == nil && c.At > 0 {
			at = c.At
		}
		lag += o.Offset - at
	})
	return lag, nil
}

// waitDrained waits until every service has committed everything on its
// input topics in two polls one second apart, since a stage may still
// produce into the next topic right after its own lag reached zero.
func (p *platform) waitDrained(ctx context.Context, limit time.Duration) {
	p.t.Helper()
	adm := p.admin()
	deadline := time.Now().Add(limit)
	quiet := 0
	for quiet < 2 {
		require.False(p.t, time.Now().After(deadline), "pipeline not drained after %s", limit)
		busy := false
		for _, service := range services {
			lag, err := p.lagOf(ctx, adm, service)
			if err != nil || lag > 0 {
				busy = true
				break
			}
		}
		if busy {
			quiet = 0
		} else {
			quiet++
		}
		time.Sleep(time.Second)
	}
}
