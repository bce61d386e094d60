package handler

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/pseudonym"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/services/projector/internal/metrics"
	"github.com/profilehub/platform/services/projector/internal/store"
)

const pid = "8c3a0f5e-4d6b-5e8f-8a1b-2c3d4e5f6a7b"

var at = time.Date(2011, 9, 1, 8, 0, 0, 0, time.UTC)

// fakeCodec returns the value registered for a record's bytes.
type fakeCodec map[string]any

func (c fakeCodec) get(v []byte) (any, error) {
	x, ok := c[string(v)]
	if !ok {
		return nil, errors.New("unknown value")
	}
	return x, nil
}

func (c fakeCodec) DecodeEvent(v []byte) (*events.Event, error) {
	x, err := c.get(v)
	if err != nil {
		return nil, err
	}
	return x.(*events.Event), nil
}

func (c fakeCodec) DecodeTraits(v []byte) (*events.ProfileTraits, error) {
	x, err := c.get(v)
	if err != nil {
		return nil, err
	}
	return x.(*events.ProfileTraits), nil
}

func (c fakeCodec) DecodeVector(v []byte) (*events.PreferenceVector, error) {
	x, err := c.get(v)
	if err != nil {
		return nil, err
	}
	return x.(*events.PreferenceVector), nil
}

func (c fakeCodec) DecodeSegments(v []byte) (*events.SegmentMembership, error) {
	x, err := c.get(v)
	if err != nil {
		return nil, err
	}
	return x.(*events.SegmentMembership), nil
}

var topicNames = Topics{Events: "events.resolved", Traits: "traits.inferred", Vectors: "vectors.updated",
	Segments: "segments.changed"}

type fixture struct {
	h         *Handler
	produced  []*kgo.Record
	failNext  bool
	published []int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	pool, _ := testenv.Postgres(t)
	m, err := metrics.New(prometheus.NewRegistry())
	require.NoError(t, err)
	hasher, err := pseudonym.New([]byte("0123456789abcdef0123456789abcdef"))
	require.NoError(t, err)

	codec := fakeCodec{
		"consent": &events.Event{EventID: "e1", EventType: events.TypeConsentUpdated, EventTime: at, ProfileID: pid,
			Payload: &events.ConsentUpdated{Purpose: "Analytics", Granted: true}},
		"view": &events.Event{EventID: "e2", EventType: events.TypeProductViewed, EventTime: at, ProfileID: pid,
			Payload: &events.ProductViewed{ProductID: "85123A"}},
		"no-profile": &events.Event{EventID: "e3", EventType: events.TypeIdentify, EventTime: at,
			Payload: &events.Identify{}},
		"segments": &events.SegmentMembership{ProfileID: pid, RulesVersion: "r1", AsOf: at, Segments: []string{"vip"}},
		"old-segments": &events.SegmentMembership{ProfileID: pid, RulesVersion: "r1", AsOf: at.Add(-time.Hour),
			Segments: []string{"lapsed"}},
	}
	f := &fixture{}
	f.h = &Handler{
		Decoder: &Decoder{Codec: codec, Topics: topicNames, Hasher: hasher, Metrics: m, Log: zerolog.Nop()},
		Store:   store.NewProfiles(pool),
		EncodeProfile: func(p *events.Profile) ([]byte, error) {
			f.published = append(f.published, p.Version)
			return []byte(p.ProfileID), nil
		},
		Produce: func(_ context.Context, recs ...*kgo.Record) error {
			if f.failNext {
				f.failNext = false
				return errors.New("broker unavailable")
			}
			f.produced = append(f.produced, recs...)
			return nil
		},
		ProfilesTopic: "profiles",
		Metrics:       m,
		Log:           zerolog.Nop(),
	}
	return f
}

func batch(records ...[2]string) *stream.Batch {
	b := &stream.Batch{}
	for _, r := range records {
		b.Records = append(b.Records, &kgo.Record{Topic: r[0], Value: []byte(r[1])})
	}
	return b
}

func TestHandleSkipsAndRejects(t *testing.T) {
	f := newFixture(t)
	b := batch(
		[2]string{topicNames.Events, "view"},
		[2]string{topicNames.Events, "garbage"},
		[2]string{topicNames.Events, "no-profile"},
		[2]string{topicNames.Events, "consent"},
	)
	require.NoError(t, f.h.Handle(context.Background(), b))
	require.Equal(t, 2, b.Rejected())
	require.Equal(t, 1.0, testutil.ToFloat64(f.h.Metrics.Rejected.WithLabelValues("decode")))
	require.Equal(t, 1.0, testutil.ToFloat64(f.h.Metrics.Rejected.WithLabelValues("invalid")))
	require.Equal(t, 1.0, testutil.ToFloat64(f.h.Metrics.Skipped))
	require.Len(t, f.produced, 1)
	require.Equal(t, pid, string(f.produced[0].Key))
	require.Equal(t, "profiles", f.produced[0].Topic)
}

func TestHandleReplayPublishesNothing(t *testing.T) {
	f := newFixture(t)
	b := batch([2]string{topicNames.Segments, "segments"}, [2]string{topicNames.Events, "consent"})
	require.NoError(t, f.h.Handle(context.Background(), b))
	require.NoError(t, f.h.Handle(context.Background(), b))
	require.Equal(t, []int64{2}, f.published, "one record with both changes, none for the replay")
	require.Equal(t, 2.0, testutil.ToFloat64(f.h.Metrics.Updates.WithLabelValues("segments", "changed"))+
		testutil.ToFloat64(f.h.Metrics.Updates.WithLabelValues("consent", "changed")))
	require.Equal(t, 1.0, testutil.ToFloat64(f.h.Metrics.Updates.WithLabelValues("segments", "ignored")))
}

func TestHandleOlderUpdatePublishesNothing(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.h.Handle(context.Background(), batch([2]string{topicNames.Segments, "segments"})))
	require.NoError(t, f.h.Handle(context.Background(), batch([2]string{topicNames.Segments, "old-segments"})))
	require.Equal(t, []int64{1}, f.published)
}

// A failure after the commit and before the acknowledgement leaves the
// profile unpublished. The retried batch changes nothing in Postgres, yet
// it must publish the committed version.
func TestHandleRepublishesAfterFailedProduce(t *testing.T) {
	f := newFixture(t)
	b := batch([2]string{topicNames.Segments, "segments"})
	f.failNext = true
	require.ErrorContains(t, f.h.Handle(context.Background(), b), "broker unavailable")
	require.Empty(t, f.produced)

	require.NoError(t, f.h.Handle(context.Background(), b))
	require.Len(t, f.produced, 1)
	require.Equal(t, []int64{1, 1}, f.published, "the retry publishes version 1 again")

	require.NoError(t, f.h.Handle(context.Background(), b))
	require.Len(t, f.produced, 1, "after the acknowledgement nothing is left to publish")
}
