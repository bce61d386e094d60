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
	"github.com/profilehub/platform/services/inference/internal/traits"
)

// fakeCodec treats a record value as the profile id; "garbage" does not
// decode. Traits encode as JSON.
type fakeCodec struct{}

func (fakeCodec) DecodeActivity(data []byte) (*events.ProfileActivity, error) {
	if string(data) == "garbage" {
		return nil, &avro.DecodeError{Err: errors.New("not avro")}
	}
	if string(data) == "registry down" {
		return nil, errors.New("schema registry unreachable")
	}
	return &events.ProfileActivity{ProfileID: string(data)}, nil
}

func (fakeCodec) EncodeTraits(t *events.ProfileTraits) ([]byte, error) { return json.Marshal(t) }

type fakeSource struct {
	ref    time.Time
	aggs   map[string]*traits.Aggregates
	err    error
	loaded [][]string
}

func (s *fakeSource) ReferenceTime(context.Context) (time.Time, error) { return s.ref, s.err }

func (s *fakeSource) Load(_ context.Context, ids []string) (map[string]*traits.Aggregates, error) {
	s.loaded = append(s.loaded, ids)
	return s.aggs, s.err
}

func (s *fakeSource) RFMThresholds(context.Context) (*traits.RFMThresholds, error) { return nil, s.err }

type captured struct {
	recs []*kgo.Record
	err  error
}

func (c *captured) produce(_ context.Context, recs ...*kgo.Record) error {
	if c.err != nil {
		return c.err
	}
	c.recs = append(c.recs, recs...)
	return nil
}

var ref = time.Date(2011, 12, 9, 12, 0, 0, 0, time.UTC)

func newSource() *fakeSource {
	return &fakeSource{ref: ref, aggs: map[string]*traits.Aggregates{
		"p1": {ProfileID: "p1", Activity: traits.Activity{LastEventAt: ref, FirstOrderAt: ref, LastOrderAt: ref},
			Daily: []traits.DailyRow{{Day: ref.Truncate(24 * time.Hour), Orders: 1,
				NetRevenue: decimal.NewFromInt(10), Events: 1}}},
		"p2": {ProfileID: "p2", Activity: traits.Activity{LastEventAt: ref.Add(-time.Hour), AllGuest: true}},
	}}
}

func batchOf(values ...string) *stream.Batch {
	b := &stream.Batch{}
	for i, v := range values {
		b.Records = append(b.Records, &kgo.Record{Value: []byte(v), Offset: int64(i)})
	}
	return b
}

// newTestHandler returns a Handler whose records carry a fixed computed_at,
// so two runs over the same aggregates give the same bytes.
func newTestHandler(src AggregateSource, out *captured) *Handler {
	h := NewHandler(src, fakeCodec{}, out.produce, "traits.inferred", "traits-v1",
		NewMetrics(prometheus.NewRegistry()), zerolog.Nop())
	h.computedAt = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	return h
}

func TestHandleProducesOnePerProfile(t *testing.T) {
	src := newSource()
	out := &captured{}
	b := batchOf("p2", "p1", "p2", "garbage", "", "p-missing")

	require.NoError(t, newTestHandler(src, out).Handle(context.Background(), b))

	assert.Equal(t, 2, b.Rejected(), "garbage and empty id rejected")
	require.Len(t, src.loaded, 1)
	assert.Equal(t, []string{"p-missing", "p1", "p2"}, src.loaded[0], "distinct sorted ids")
	require.Len(t, out.recs, 2)
	assert.Equal(t, "p1", string(out.recs[0].Key))
	assert.Equal(t, "p2", string(out.recs[1].Key))
	assert.Equal(t, "traits.inferred", out.recs[0].Topic)

	var got events.ProfileTraits
	require.NoError(t, json.Unmarshal(out.recs[0].Value, &got))
	assert.Equal(t, int64(1), got.Orders)
	assert.Equal(t, "traits-v1", got.ModelVersion)
	assert.Equal(t, ref, got.ReferenceTime)
	assert.False(t, got.Guest)

	var guest events.ProfileTraits
	require.NoError(t, json.Unmarshal(out.recs[1].Value, &guest))
	assert.True(t, guest.Guest, "every event of p2 is a guest one")
}

func TestHandleDeterministic(t *testing.T) {
	first, second := &captured{}, &captured{}
	require.NoError(t, newTestHandler(newSource(), first).Handle(context.Background(), batchOf("p1", "p2")))
	require.NoError(t, newTestHandler(newSource(), second).Handle(context.Background(), batchOf("p2", "p1")))
	require.Len(t, second.recs, len(first.recs))
	for i := range first.recs {
		assert.Equal(t, first.recs[i].Value, second.recs[i].Value)
	}
}

func TestHandleReturnsTransientErrors(t *testing.T) {
	src := newSource()
	src.err = errors.New("clickhouse down")
	err := newTestHandler(src, &captured{}).Handle(context.Background(), batchOf("p1"))
	assert.ErrorContains(t, err, "clickhouse down")

	err = newTestHandler(newSource(), &captured{}).Handle(context.Background(), batchOf("p1", "registry down"))
	assert.ErrorContains(t, err, "schema registry unreachable")

	err = newTestHandler(newSource(), &captured{err: errors.New("broker down")}).
		Handle(context.Background(), batchOf("p1"))
	assert.ErrorContains(t, err, "broker down")
}

func TestHandleOnlyRejected(t *testing.T) {
	src := newSource()
	out := &captured{}
	b := batchOf("garbage")
	require.NoError(t, newTestHandler(src, out).Handle(context.Background(), b))
	assert.Empty(t, src.loaded, "no query without profiles")
	assert.Empty(t, out.recs)
}
