package handler

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/vectorize/internal/metrics"
	"github.com/profilehub/platform/services/vectorize/internal/space"
	"github.com/profilehub/platform/services/vectorize/internal/store"
	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

const (
	alice = "0b7e2a4c-3f5d-5e6a-8b9c-0d1e2f3a4b5c"
	bob   = "1c8f3b5d-4a6e-5f7b-9c0d-1e2f3a4b5c6d"
	carol = "2d9a4c6e-5b7f-5a8c-8d1e-2f3a4b5c6d7e"
)

var t0 = time.Date(2011, 5, 1, 9, 0, 0, 0, time.UTC)

// fakeCodec reads values of the form "<profile id>|<RFC 3339 time>".
type fakeCodec struct{}

func (fakeCodec) DecodeActivity(v []byte) (string, time.Time, error) {
	id, at, ok := strings.Cut(string(v), "|")
	if !ok {
		return "", time.Time{}, errors.New("no separator")
	}
	ts, err := time.Parse(time.RFC3339, at)
	return id, ts, err
}

func (fakeCodec) EncodeVector(r store.Row) ([]byte, error) {
	return []byte(r.ProfileID + "|" + strings.Join(r.Vector.TopFeatures, ",")), nil
}

type fakeProducts map[string][]vector.ProductActivity

func (f fakeProducts) ByProfile(_ context.Context, ids []string) (map[string][]vector.ProductActivity, error) {
	out := map[string][]vector.ProductActivity{}
	for _, id := range ids {
		if rows, ok := f[id]; ok {
			out[id] = rows
		}
	}
	return out, nil
}

type fakeCatalogue map[string]vector.ProductFeatures

func (f fakeCatalogue) Features(context.Context, []string) (map[string]vector.ProductFeatures, error) {
	return f, nil
}

// fakeVectors keeps the latest row per profile and skips older ones, as
// the upsert does.
type fakeVectors struct {
	rows map[string]store.Row
	err  error
}

func (f *fakeVectors) Upsert(_ context.Context, rows []store.Row) ([]store.Row, error) {
	if f.err != nil {
		return nil, f.err
	}
	var written []store.Row
	for _, r := range rows {
		if old, ok := f.rows[r.ProfileID]; ok && old.AsOf.After(r.AsOf) {
			continue
		}
		f.rows[r.ProfileID] = r
		written = append(written, r)
	}
	return written, nil
}

type fixture struct {
	h        *Handler
	vectors  *fakeVectors
	produced []*kgo.Record
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s, err := space.New("test-v1", []string{"note:lavender", "note:rose", "category:candles"})
	require.NoError(t, err)
	m, err := metrics.New(prometheus.NewRegistry())
	require.NoError(t, err)
	f := &fixture{vectors: &fakeVectors{rows: map[string]store.Row{}}}
	f.h = &Handler{
		Space:   s,
		Weights: vector.DefaultWeights(),
		Products: fakeProducts{
			alice: {{ProductID: "L1", Units: 2}, {ProductID: "R1", Views: 5}},
			bob:   {{ProductID: "X9", Category: "garden", Units: 1}},
		},
		Catalogue: fakeCatalogue{
			"L1": {Category: "candles", Notes: []string{"lavender"}},
			"R1": {Notes: []string{"rose"}},
		},
		Vectors: f.vectors,
		Codec:   fakeCodec{},
		Produce: func(_ context.Context, recs ...*kgo.Record) error {
			f.produced = append(f.produced, recs...)
			return nil
		},
		Topic:   "vectors.updated",
		Metrics: m,
		Log:     zerolog.Nop(),
	}
	return f
}

func record(value string) *kgo.Record {
	return &kgo.Record{Topic: "profile.activity", Value: []byte(value)}
}

func activity(id string, at time.Time) *kgo.Record {
	return record(id + "|" + at.Format(time.RFC3339))
}

func TestHandleBuildsAndProduces(t *testing.T) {
	f := newFixture(t)
	b := &stream.Batch{Records: []*kgo.Record{
		activity(alice, t0),
		activity(alice, t0.Add(time.Hour)),
		activity(strings.ToUpper(alice), t0.Add(-time.Hour)),
		activity(bob, t0),
		record("not a value"),
		activity("17850", t0),
	}}
	require.NoError(t, f.h.Handle(context.Background(), b))

	require.Equal(t, 2, b.Rejected(), "the undecodable record and the non-UUID id")
	require.Equal(t, 1.0, testutil.ToFloat64(f.h.Metrics.Rejected.WithLabelValues("decode")))
	require.Equal(t, 1.0, testutil.ToFloat64(f.h.Metrics.Rejected.WithLabelValues("invalid")))

	// Bob's only product has no feature of the space: no vector.
	require.Equal(t, 1.0, testutil.ToFloat64(f.h.Metrics.Skipped.WithLabelValues("no_evidence")))
	require.Len(t, f.produced, 1)
	require.Equal(t, alice, string(f.produced[0].Key))
	require.Equal(t, "vectors.updated", f.produced[0].Topic)
	require.Equal(t, alice+"|note:lavender,category:candles,note:rose", string(f.produced[0].Value))

	row := f.vectors.rows[alice]
	require.Equal(t, t0.Add(time.Hour), row.AsOf, "as_of is the latest activity of the profile")
	require.Equal(t, int64(7), row.Vector.Evidence)
}

func TestHandleSkipsStaleVectors(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.h.Handle(context.Background(), &stream.Batch{Records: []*kgo.Record{activity(alice, t0)}}))
	require.NoError(t, f.h.Handle(context.Background(),
		&stream.Batch{Records: []*kgo.Record{activity(alice, t0.Add(-time.Minute))}}))

	require.Len(t, f.produced, 1, "an older activity produces nothing")
	require.Equal(t, 1.0, testutil.ToFloat64(f.h.Metrics.Skipped.WithLabelValues("stale")))
}

func TestHandleReplayProducesAgain(t *testing.T) {
	f := newFixture(t)
	batch := []*kgo.Record{activity(alice, t0)}
	require.NoError(t, f.h.Handle(context.Background(), &stream.Batch{Records: batch}))
	require.NoError(t, f.h.Handle(context.Background(), &stream.Batch{Records: batch}))
	require.Len(t, f.produced, 2, "a replay republishes the same vector")
	require.Equal(t, f.produced[0].Value, f.produced[1].Value)
}

func TestHandleReturnsStoreError(t *testing.T) {
	f := newFixture(t)
	f.vectors.err = errors.New("connection refused")
	err := f.h.Handle(context.Background(), &stream.Batch{Records: []*kgo.Record{activity(alice, t0)}})
	require.ErrorContains(t, err, "connection refused")
	require.Empty(t, f.produced)
}

// A late event updates the aggregates but carries an event time older
// than the stored vector. The vector's as_of comes from the aggregates,
// so the new evidence is still written.
func TestHandleLateEventUpdatesVector(t *testing.T) {
	f := newFixture(t)
	latest := t0.Add(2 * time.Hour)
	f.h.Products = fakeProducts{alice: {{ProductID: "L1", Units: 1, LastAt: latest}}}
	require.NoError(t, f.h.Handle(context.Background(), &stream.Batch{Records: []*kgo.Record{activity(alice, latest)}}))
	require.Equal(t, latest, f.vectors.rows[alice].AsOf)

	f.h.Products = fakeProducts{alice: {
		{ProductID: "L1", Units: 1, LastAt: latest},
		{ProductID: "R1", Units: 4, LastAt: t0.Add(-24 * time.Hour)},
	}}
	late := &stream.Batch{Records: []*kgo.Record{activity(alice, t0.Add(-24*time.Hour))}}
	require.NoError(t, f.h.Handle(context.Background(), late))

	require.Len(t, f.produced, 2)
	require.Equal(t, latest, f.vectors.rows[alice].AsOf)
	require.Equal(t, []string{"note:rose", "note:lavender", "category:candles"}, f.vectors.rows[alice].Vector.TopFeatures)
}
