//go:build bench

package e2e

import (
	"context"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/topics"
)

// profileOf returns the profile id ingest gives an event without identity
// links, which the retail import never creates.
func profileOf(e *events.Event) string {
	if e.UserID != "" {
		return identity.ProfileID(identity.KindUser, e.UserID)
	}
	return identity.ProfileID(identity.KindAnonymous, e.AnonymousID)
}

func (p *platform) eventCodec() *events.EventCodec {
	reg, err := avro.Default()
	require.NoError(p.t, err)
	codec, err := events.NewEventCodec(reg)
	require.NoError(p.t, err)
	return codec
}

// bulkLatency measures, per profile, the time from its last event on
// events.raw to its final record on the profiles topic.
func (p *platform) bulkLatency(ctx context.Context) (latencySummary, []string) {
	p.t.Helper()
	codec := p.eventCodec()
	lastEvent := map[string]time.Time{}
	var users []string
	for _, r := range p.readTopic(ctx, topics.EventsRaw) {
		e, err := codec.Decode(r.Value)
		require.NoError(p.t, err)
		id := profileOf(e)
		if _, seen := lastEvent[id]; !seen && e.UserID != "" {
			users = append(users, e.UserID)
		}
		if r.Timestamp.After(lastEvent[id]) {
			lastEvent[id] = r.Timestamp
		}
	}
	var latencies []time.Duration
	for key, r := range latestByKey(p.readTopic(ctx, topics.Profiles)) {
		if at, ok := lastEvent[key]; ok {
			latencies = append(latencies, r.Timestamp.Sub(at))
		}
	}
	return summarize(latencies), users
}

// steadyLatency produces one order event at a time, perSecond a second, for
// n distinct known users into the drained pipeline, and measures the time
// from each produce acknowledgement to the first profile record it caused.
func (p *platform) steadyLatency(ctx context.Context, users []string, n, perSecond int) latencySummary {
	p.t.Helper()
	require.GreaterOrEqual(p.t, len(users), n, "not enough users for %d single events", n)
	codec := p.eventCodec()
	profilesTopic := topics.Name(p.prefix, topics.Profiles)

	// Start reading the profiles topic at its current end, so only records
	// caused by the events below arrive.
	ends, err := p.admin().ListEndOffsets(ctx, profilesTopic)
	require.NoError(p.t, err)
	start := map[string]map[int32]kgo.Offset{profilesTopic: {}}
	ends.Each(func(o kadm.ListedOffset) { start[profilesTopic][o.Partition] = kgo.NewOffset().At(o.Offset) })
	reader, err := kgo.NewClient(kgo.SeedBrokers(p.brokers...), kgo.ConsumePartitions(start))
	require.NoError(p.t, err)
	defer reader.Close()
	writer, err := kgo.NewClient(kgo.SeedBrokers(p.brokers...))
	require.NoError(p.t, err)
	defer writer.Close()

	var mu sync.Mutex
	sentAt := map[string]time.Time{}
	var latencies []time.Duration
	readCtx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for received := 0; received < n && readCtx.Err() == nil; {
			fetches := reader.PollFetches(readCtx)
			arrived := time.Now()
			mu.Lock()
			fetches.EachRecord(func(r *kgo.Record) {
				if at, ok := sentAt[string(r.Key)]; ok {
					latencies = append(latencies, arrived.Sub(at))
					delete(sentAt, string(r.Key))
					received++
				}
			})
			mu.Unlock()
		}
	}()

	interval := time.Second / time.Duration(perSecond)
	for i := 0; i < n; i++ {
		e := singleOrder(users[i], i)
		value, err := codec.Encode(e)
		require.NoError(p.t, err)
		rec := &kgo.Record{Topic: topics.Name(p.prefix, topics.EventsRaw), Key: []byte(e.UserID), Value: value}
		require.NoError(p.t, writer.ProduceSync(ctx, rec).FirstErr())
		mu.Lock()
		sentAt[profileOf(e)] = time.Now()
		mu.Unlock()
		time.Sleep(interval)
	}
	<-done
	mu.Lock()
	defer mu.Unlock()
	require.Len(p.t, latencies, n, "profiles updated for only %d of %d single events", len(latencies), n)
	return summarize(latencies)
}

// singleOrder builds a one-line order of a known user, timed now.
func singleOrder(userID string, i int) *events.Event {
	now := time.Now().UTC().Truncate(time.Millisecond)
	return &events.Event{
		EventID:    uuid.NewString(),
		EventType:  events.TypeOrderCompleted,
		EventTime:  now,
		ReceivedAt: now,
		UserID:     userID,
		Source:     "bench",
		Context:    events.Context{Country: "United Kingdom", Timezone: "Europe/London", Channel: "web"},
		Payload: &events.OrderCompleted{
			OrderID:  "bench-" + uuid.NewString(),
			Currency: "GBP",
			Lines: []events.OrderLine{{
				LineNo: 1, ProductID: "85123A", Description: "WHITE HANGING HEART T-LIGHT HOLDER",
				Quantity: 1, UnitPrice: decimal.RequireFromString("2.55"),
			}},
		},
	}
}
