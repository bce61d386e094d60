package handler

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/ingest/internal/metrics"
	"github.com/profilehub/platform/services/ingest/internal/resolve"
	"github.com/profilehub/platform/services/ingest/internal/validate"
)

// memorySeen is a SeenStore in memory.
type memorySeen struct {
	mu   sync.Mutex
	ids  map[string]bool
	err  error // returned by every call when set
	mark error // returned by Mark when set
}

func newMemorySeen() *memorySeen { return &memorySeen{ids: make(map[string]bool)} }

func (m *memorySeen) Seen(_ context.Context, ids []string) (map[string]bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return nil, m.err
	}
	seen := make(map[string]bool)
	for _, id := range ids {
		if m.ids[id] {
			seen[id] = true
		}
	}
	return seen, nil
}

func (m *memorySeen) Mark(_ context.Context, ids []string, _ time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	if m.mark != nil {
		return m.mark
	}
	for _, id := range ids {
		m.ids[id] = true
	}
	return nil
}

// memoryLinks is a resolve.LinkStore in memory where the first link wins,
// which is enough for tests with one link per anonymous id.
type memoryLinks struct {
	mu    sync.Mutex
	links map[string]string
}

func (m *memoryLinks) UpsertLinks(_ context.Context, links []resolve.Link) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, l := range links {
		if _, ok := m.links[l.IdentifierValue]; !ok {
			m.links[l.IdentifierValue] = l.ProfileID
		}
	}
	return nil
}

func (m *memoryLinks) LookupLinks(_ context.Context, _ string, values []string) (map[string]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	found := make(map[string]string)
	for _, v := range values {
		if p, ok := m.links[v]; ok {
			found[v] = p
		}
	}
	return found, nil
}

var testNow = time.Date(2026, 12, 4, 16, 0, 0, 0, time.UTC)

const (
	testInputTopic  = "test.events.raw"
	testOutputTopic = "test.events.resolved"
)

// testCodec returns the event codec of the repository's schemas.
func testCodec(t testing.TB) *events.EventCodec {
	t.Helper()
	reg, err := avro.Default()
	require.NoError(t, err)
	codec, err := events.NewEventCodec(reg)
	require.NoError(t, err)
	return codec
}

// testDeps returns handler dependencies backed by memory, with produce as
// the output.
func testDeps(t testing.TB, seen SeenStore, produce ProduceFunc) (Deps, *metrics.Metrics) {
	t.Helper()
	m := metrics.New(prometheus.NewRegistry())
	return Deps{
		Codec:         testCodec(t),
		Validator:     validate.New(validate.Rules{MaxClockSkew: 10 * time.Minute}),
		Seen:          seen,
		Resolver:      resolve.NewResolver(&memoryLinks{links: make(map[string]string)}, 100),
		Produce:       produce,
		Metrics:       m,
		Log:           zerolog.Nop(),
		OutputTopic:   testOutputTopic,
		MaxEventBytes: 64 << 10,
		Now:           func() time.Time { return testNow },
	}, m
}

// recordingProducer stores what the handler produces.
type recordingProducer struct {
	mu      sync.Mutex
	records []*kgo.Record
	err     error
}

func (p *recordingProducer) produce(_ context.Context, recs ...*kgo.Record) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err != nil {
		return p.err
	}
	p.records = append(p.records, recs...)
	return nil
}

// rawEvent returns a valid product_viewed event for anonymousID.
func rawEvent(eventID, anonymousID, userID string) *events.Event {
	return &events.Event{
		EventID:     eventID,
		EventType:   events.TypeProductViewed,
		EventTime:   testNow.Add(-time.Minute),
		ReceivedAt:  testNow.Add(-time.Second),
		AnonymousID: anonymousID,
		UserID:      userID,
		Source:      "shop-web",
		Payload:     &events.ProductViewed{ProductID: "85123A", Category: " Home\x00 "},
	}
}

func rawRecord(t testing.TB, codec *events.EventCodec, ev *events.Event) *kgo.Record {
	t.Helper()
	value, err := codec.Encode(ev)
	require.NoError(t, err)
	return &kgo.Record{Topic: testInputTopic, Key: []byte(ev.AnonymousID), Value: value}
}
