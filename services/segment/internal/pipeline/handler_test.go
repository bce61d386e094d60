package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/segment/internal/membership"
	"github.com/profilehub/platform/services/segment/internal/rules"
)

// jsonCodec encodes both record types as JSON, so tests can build inputs
// and read outputs without Avro.
type jsonCodec struct{}

func (jsonCodec) DecodeTraits(data []byte) (*events.ProfileTraits, error) {
	if string(data) == "registry down" {
		return nil, errors.New("schema registry unreachable")
	}
	var t events.ProfileTraits
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, &avro.DecodeError{Err: err}
	}
	return &t, nil
}

func (jsonCodec) EncodeMembership(m *events.SegmentMembership) ([]byte, error) {
	return json.Marshal(m)
}

// memoryStore is a Store in a map, failing with err when set.
type memoryStore struct {
	rows  map[string]membership.Record
	saved int
	err   error
}

func (s *memoryStore) Load(_ context.Context, ids []string) (map[string]membership.Record, error) {
	if s.err != nil {
		return nil, s.err
	}
	out := map[string]membership.Record{}
	for _, id := range ids {
		if r, ok := s.rows[id]; ok {
			out[id] = r
		}
	}
	return out, nil
}

func (s *memoryStore) Save(_ context.Context, recs []membership.Record) error {
	if s.err != nil {
		return s.err
	}
	for _, r := range recs {
		s.rows[r.ProfileID] = r
		s.saved++
	}
	return nil
}

type producer struct {
	recs []*kgo.Record
	err  error
}

func (p *producer) produce(_ context.Context, recs ...*kgo.Record) error {
	if p.err != nil {
		return p.err
	}
	p.recs = append(p.recs, recs...)
	return nil
}

const (
	alice = "6f1c1f4e-2b1a-4c55-9a53-0a8b7f3c0001"
	bob   = "6f1c1f4e-2b1a-4c55-9a53-0a8b7f3c0002"
)

var ref = time.Date(2011, 12, 9, 12, 0, 0, 0, time.UTC)

func testRules(t testing.TB, version string) *rules.RuleSet {
	t.Helper()
	rs, err := rules.Parse([]byte(`
version: "` + version + `"
segments:
  - {name: buyer, all: [{field: orders, op: gt, value: 0}]}
  - {name: big, all: [{field: net_revenue, op: gte, value: 100}]}
`))
	require.NoError(t, err)
	return rs
}

func traitsValue(t testing.TB, id string, asOf time.Time, orders int64, revenue int64) []byte {
	t.Helper()
	b, err := json.Marshal(events.ProfileTraits{ProfileID: id, AsOf: asOf, ReferenceTime: ref,
		Orders: orders, NetRevenue: decimal.NewFromInt(revenue), EngagementLevel: "none"})
	require.NoError(t, err)
	return b
}

func batch(values ...[]byte) *stream.Batch {
	b := &stream.Batch{}
	for _, v := range values {
		b.Records = append(b.Records, &kgo.Record{Value: v})
	}
	return b
}

type fixture struct {
	store *memoryStore
	out   *producer
	h     *Handler
}

func newFixture(t testing.TB, version string) *fixture {
	f := &fixture{store: &memoryStore{rows: map[string]membership.Record{}}, out: &producer{}}
	f.h = NewHandler(testRules(t, version), jsonCodec{}, f.store, f.out.produce, "segments.changed",
		NewMetrics(prometheus.NewRegistry()), zerolog.Nop())
	return f
}

func (f *fixture) emitted(t testing.TB) []events.SegmentMembership {
	t.Helper()
	var out []events.SegmentMembership
	for _, r := range f.out.recs {
		var m events.SegmentMembership
		require.NoError(t, json.Unmarshal(r.Value, &m))
		assert.Equal(t, m.ProfileID, string(r.Key), "keyed by profile id")
		out = append(out, m)
	}
	return out
}

func TestFirstMembershipIsAChange(t *testing.T) {
	f := newFixture(t, "v1")
	require.NoError(t, f.h.Handle(context.Background(), batch(
		traitsValue(t, alice, ref, 2, 150), traitsValue(t, bob, ref, 0, 0))))

	got := f.emitted(t)
	require.Len(t, got, 2, "first time counts as a change, also for an empty set")
	assert.Equal(t, alice, got[0].ProfileID)
	assert.Equal(t, []string{"big", "buyer"}, got[0].Segments)
	assert.Equal(t, []string{"big", "buyer"}, got[0].Joined)
	assert.Equal(t, []string{}, got[0].Left)
	assert.Equal(t, "v1", got[0].RulesVersion)
	assert.Equal(t, bob, got[1].ProfileID)
	assert.Equal(t, []string{}, got[1].Segments)
	assert.Equal(t, []string{"big", "buyer"}, f.store.rows[alice].Segments)
}

func TestUnchangedSetEmitsNothing(t *testing.T) {
	f := newFixture(t, "v1")
	ctx := context.Background()
	require.NoError(t, f.h.Handle(ctx, batch(traitsValue(t, alice, ref, 1, 10))))
	require.NoError(t, f.h.Handle(ctx, batch(traitsValue(t, alice, ref.Add(time.Hour), 2, 20))))

	assert.Len(t, f.emitted(t), 1)
	assert.Equal(t, ref.Add(time.Hour), f.store.rows[alice].AsOf, "as_of still advances")
}

func TestReplayIsIdempotent(t *testing.T) {
	f := newFixture(t, "v1")
	ctx := context.Background()
	in := traitsValue(t, alice, ref, 1, 10)
	require.NoError(t, f.h.Handle(ctx, batch(in)))
	saved := f.store.saved
	require.NoError(t, f.h.Handle(ctx, batch(in)))

	assert.Len(t, f.emitted(t), 1)
	assert.Equal(t, saved, f.store.saved, "same as_of and set: no write")
}

func TestJoinedAndLeft(t *testing.T) {
	f := newFixture(t, "v1")
	ctx := context.Background()
	require.NoError(t, f.h.Handle(ctx, batch(traitsValue(t, alice, ref, 1, 500))))
	// A cancellation takes revenue below the threshold.
	require.NoError(t, f.h.Handle(ctx, batch(traitsValue(t, alice, ref.Add(time.Hour), 1, 50))))

	got := f.emitted(t)
	require.Len(t, got, 2)
	assert.Equal(t, []string{"buyer"}, got[1].Segments)
	assert.Equal(t, []string{}, got[1].Joined)
	assert.Equal(t, []string{"big"}, got[1].Left)
}

func TestRulesVersionChangeReemits(t *testing.T) {
	first := newFixture(t, "v1")
	ctx := context.Background()
	require.NoError(t, first.h.Handle(ctx, batch(traitsValue(t, alice, ref, 1, 10))))

	second := newFixture(t, "v2")
	second.store = first.store
	second.h.store = first.store
	require.NoError(t, second.h.Handle(ctx, batch(traitsValue(t, alice, ref, 1, 10))))

	got := second.emitted(t)
	require.Len(t, got, 1)
	assert.Equal(t, "v2", got[0].RulesVersion)
	assert.Equal(t, []string{}, got[0].Joined)
	assert.Equal(t, "v2", first.store.rows[alice].RulesVersion)
}

func TestOlderTraitsIgnored(t *testing.T) {
	f := newFixture(t, "v1")
	ctx := context.Background()
	require.NoError(t, f.h.Handle(ctx, batch(traitsValue(t, alice, ref, 1, 500))))
	require.NoError(t, f.h.Handle(ctx, batch(traitsValue(t, alice, ref.Add(-time.Hour), 0, 0))))

	assert.Len(t, f.emitted(t), 1)
	assert.Equal(t, ref, f.store.rows[alice].AsOf)
	assert.Equal(t, []string{"big", "buyer"}, f.store.rows[alice].Segments)
}

func TestNewestTraitsInBatchWin(t *testing.T) {
	f := newFixture(t, "v1")
	require.NoError(t, f.h.Handle(context.Background(), batch(
		traitsValue(t, alice, ref.Add(time.Hour), 1, 500),
		traitsValue(t, alice, ref, 0, 0))))

	got := f.emitted(t)
	require.Len(t, got, 1)
	assert.Equal(t, []string{"big", "buyer"}, got[0].Segments)
}

func TestInvalidRecordsRejected(t *testing.T) {
	f := newFixture(t, "v1")
	b := batch([]byte("not json"), traitsValue(t, "user-42", ref, 1, 1), traitsValue(t, alice, time.Time{}, 1, 1))
	require.NoError(t, f.h.Handle(context.Background(), b))
	assert.Equal(t, 3, b.Rejected())
	assert.Empty(t, f.out.recs)
}

func TestErrorsAreReturned(t *testing.T) {
	f := newFixture(t, "v1")
	f.store.err = errors.New("postgres down")
	assert.ErrorContains(t, f.h.Handle(context.Background(), batch(traitsValue(t, alice, ref, 1, 1))), "postgres down")

	r := newFixture(t, "v1")
	err := r.h.Handle(context.Background(), batch(traitsValue(t, alice, ref, 1, 1), []byte("registry down")))
	assert.ErrorContains(t, err, "schema registry unreachable")
	assert.Empty(t, r.out.recs)

	g := newFixture(t, "v1")
	g.out.err = errors.New("broker down")
	err = g.h.Handle(context.Background(), batch(traitsValue(t, alice, ref, 1, 1)))
	assert.ErrorContains(t, err, "broker down")
	assert.Empty(t, g.store.rows, "nothing stored before the change was produced")
}

func TestGuestTraitsJoinGuestSegment(t *testing.T) {
	rs, err := rules.Parse([]byte(`
version: "v1"
segments:
  - {name: guest, all: [{field: guest, op: eq, value: true}, {field: orders, op: gt, value: 0}]}
  - {name: not_guest, all: [{field: guest, op: eq, value: false}]}
`))
	require.NoError(t, err)
	f := &fixture{store: &memoryStore{rows: map[string]membership.Record{}}, out: &producer{}}
	f.h = NewHandler(rs, jsonCodec{}, f.store, f.out.produce, "segments.changed",
		NewMetrics(prometheus.NewRegistry()), zerolog.Nop())
	guestTraits, err := json.Marshal(events.ProfileTraits{ProfileID: alice, AsOf: ref, ReferenceTime: ref,
		Orders: 1, NetRevenue: decimal.NewFromInt(5), EngagementLevel: "low", Guest: true})
	require.NoError(t, err)

	require.NoError(t, f.h.Handle(context.Background(), batch(guestTraits, traitsValue(t, bob, ref, 1, 5))))

	bySegments := map[string][]string{}
	for _, m := range f.emitted(t) {
		bySegments[m.ProfileID] = m.Segments
	}
	assert.Equal(t, []string{"guest"}, bySegments[alice])
	assert.Equal(t, []string{"not_guest"}, bySegments[bob])
}
