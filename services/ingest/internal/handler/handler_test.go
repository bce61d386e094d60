package handler

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/ingest/internal/metrics"
	"github.com/profilehub/platform/services/ingest/internal/validate"
)

const (
	idA = "0a5e1a4e-0000-4000-8000-00000000000a"
	idB = "0a5e1a4e-0000-4000-8000-00000000000b"
	idC = "0a5e1a4e-0000-4000-8000-00000000000c"
)

func TestHandleProducesResolvedEvents(t *testing.T) {
	out := &recordingProducer{}
	seen := newMemorySeen()
	deps, m := testDeps(t, seen, out.produce)
	h := New(deps)
	codec := testCodec(t)

	first := rawRecord(t, codec, rawEvent(idA, "device-1", ""))
	first.Headers = []kgo.RecordHeader{{Key: "traceparent", Value: []byte("00-abc-01")}, {Key: "dlq.reason", Value: []byte("x")}}
	linked := rawRecord(t, codec, rawEvent(idB, "device-1", "17850"))
	b := &stream.Batch{Records: []*kgo.Record{first, linked}}

	require.NoError(t, h.Handle(context.Background(), b))

	userProfile := identity.ProfileID(identity.KindUser, "17850")
	require.Len(t, out.records, 2)
	for _, r := range out.records {
		require.Equal(t, testOutputTopic, r.Topic)
		require.Equal(t, userProfile, string(r.Key), "the batch links device-1 to the user")
		ev, err := codec.Decode(r.Value)
		require.NoError(t, err)
		require.Equal(t, userProfile, ev.ProfileID)
		require.Equal(t, "Home", ev.Payload.(*events.ProductViewed).Category)
	}
	require.Equal(t, []kgo.RecordHeader{{Key: "traceparent", Value: []byte("00-abc-01")}}, out.records[0].Headers)
	require.True(t, seen.ids[idA])
	require.True(t, seen.ids[idB])
	require.Equal(t, 2.0, testutil.ToFloat64(m.Ingested))
	require.Equal(t, 0, b.Rejected())
}

func TestHandleRejectsBadRecords(t *testing.T) {
	out := &recordingProducer{}
	deps, m := testDeps(t, newMemorySeen(), out.produce)
	deps.MaxEventBytes = 4096
	h := New(deps)
	codec := testCodec(t)

	future := rawEvent(idB, "device-2", "")
	future.EventTime = testNow.Add(time.Hour)
	large := rawEvent(idC, "device-3", "")
	large.Payload = &events.ProductViewed{ProductID: string(make([]byte, 5000))}
	b := &stream.Batch{Records: []*kgo.Record{
		{Topic: testInputTopic, Value: []byte("not avro")},
		rawRecord(t, codec, future),
		rawRecord(t, codec, large),
		rawRecord(t, codec, rawEvent(idA, "device-1", "")),
	}}

	require.NoError(t, h.Handle(context.Background(), b))

	require.Len(t, out.records, 1)
	require.Equal(t, 3, b.Rejected())
	require.Equal(t, 1.0, testutil.ToFloat64(m.Rejected.WithLabelValues(validate.ReasonUndecodable)))
	require.Equal(t, 1.0, testutil.ToFloat64(m.Rejected.WithLabelValues(validate.ReasonFutureEventTime)))
	require.Equal(t, 1.0, testutil.ToFloat64(m.Rejected.WithLabelValues(validate.ReasonTooLarge)))
}

func TestHandleDropsDuplicates(t *testing.T) {
	out := &recordingProducer{}
	seen := newMemorySeen()
	seen.ids[idC] = true
	deps, m := testDeps(t, seen, out.produce)
	h := New(deps)
	codec := testCodec(t)

	// The same id twice in the batch, once more with another spelling, and
	// one id produced by an earlier batch.
	upper := rawEvent("0A5E1A4E-0000-4000-8000-00000000000A", "device-1", "")
	b := &stream.Batch{Records: []*kgo.Record{
		rawRecord(t, codec, rawEvent(idA, "device-1", "")),
		rawRecord(t, codec, rawEvent(idA, "device-1", "")),
		rawRecord(t, codec, upper),
		rawRecord(t, codec, rawEvent(idC, "device-1", "")),
		rawRecord(t, codec, rawEvent(idB, "device-1", "")),
	}}

	require.NoError(t, h.Handle(context.Background(), b))

	require.Len(t, out.records, 2)
	require.Equal(t, 2.0, testutil.ToFloat64(m.Duplicates.WithLabelValues(metrics.DuplicateInBatch)))
	require.Equal(t, 1.0, testutil.ToFloat64(m.Duplicates.WithLabelValues(metrics.DuplicateSeen)))

	// Delivering the batch again produces nothing new: the three distinct
	// ids are all seen now.
	require.NoError(t, h.Handle(context.Background(), b))
	require.Len(t, out.records, 2)
	require.Equal(t, 4.0, testutil.ToFloat64(m.Duplicates.WithLabelValues(metrics.DuplicateSeen)))
}

func TestHandleTransientErrors(t *testing.T) {
	storeDown := errors.New("postgres unavailable")
	brokerDown := errors.New("broker unavailable")
	cases := []struct {
		name    string
		prepare func(*memorySeen, *recordingProducer)
		want    error
	}{
		{"seen lookup fails", func(s *memorySeen, _ *recordingProducer) { s.err = storeDown }, storeDown},
		{"produce fails", func(_ *memorySeen, p *recordingProducer) { p.err = brokerDown }, brokerDown},
		{"mark fails", func(s *memorySeen, _ *recordingProducer) { s.mark = storeDown }, storeDown},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := &recordingProducer{}
			seen := newMemorySeen()
			tc.prepare(seen, out)
			deps, m := testDeps(t, seen, out.produce)
			codec := testCodec(t)
			b := &stream.Batch{Records: []*kgo.Record{
				{Topic: testInputTopic, Value: []byte("not avro")},
				rawRecord(t, codec, rawEvent(idA, "device-1", "")),
			}}

			err := New(deps).Handle(context.Background(), b)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, 0, b.Rejected(), "rejections wait for a successful batch")
			require.Equal(t, 0.0, testutil.ToFloat64(m.Ingested))
			require.Empty(t, seen.ids)
		})
	}
}

// registryDownCodec fails every decode the way an unreachable schema
// registry does: with an error that is not an *avro.DecodeError.
type registryDownCodec struct {
	Codec
	err error
}

func (c registryDownCodec) DecodeContext(context.Context, []byte) (*events.Event, error) {
	return nil, c.err
}

func TestHandleRetriesRegistryErrors(t *testing.T) {
	registryDown := errors.New("schema registry unavailable")
	out := &recordingProducer{}
	deps, _ := testDeps(t, newMemorySeen(), out.produce)
	deps.Codec = registryDownCodec{Codec: deps.Codec, err: registryDown}
	b := &stream.Batch{Records: []*kgo.Record{rawRecord(t, testCodec(t), rawEvent(idA, "device-1", ""))}}

	err := New(deps).Handle(context.Background(), b)
	require.ErrorIs(t, err, registryDown)
	require.Equal(t, 0, b.Rejected(), "the record is retried, not dead-lettered")
	require.Empty(t, out.records)
}

// The consumer runtime logs each dead-lettered record at Warn, so the
// handler logs its rejections at Debug and a rejected record costs one
// Warn line, not two.
func TestHandleLogsRejectionsAtDebug(t *testing.T) {
	deps, _ := testDeps(t, newMemorySeen(), (&recordingProducer{}).produce)
	var logs bytes.Buffer
	deps.Log = zerolog.New(&logs)
	b := &stream.Batch{Records: []*kgo.Record{{Topic: testInputTopic, Value: []byte("not avro")}}}

	require.NoError(t, New(deps).Handle(context.Background(), b))

	require.Equal(t, 1, b.Rejected())
	require.Contains(t, logs.String(), `"level":"debug"`)
	require.Contains(t, logs.String(), `"message":"rejecting record"`)
	require.NotContains(t, logs.String(), `"level":"warn"`)
}
