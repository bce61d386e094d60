package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/inference/internal/traits"
)

func TestIdleWait(t *testing.T) {
	last := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		now      time.Time
		wantIdle bool
		wantWait time.Duration
	}{
		{"just handled", last, false, 5 * time.Second},
		{"partly quiet", last.Add(2 * time.Second), false, 3 * time.Second},
		{"exactly idle", last.Add(5 * time.Second), true, 5 * time.Second},
		{"long quiet", last.Add(time.Hour), true, 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isIdle, wait := idleWait(tt.now, last, 5*time.Second)
			assert.Equal(t, tt.wantIdle, isIdle)
			assert.Equal(t, tt.wantWait, wait)
		})
	}
}

func TestReferenceAdvanced(t *testing.T) {
	ref := time.Date(2011, 12, 9, 12, 50, 0, 0, time.UTC)
	tests := []struct {
		name      string
		ref       time.Time
		watermark time.Time
		want      bool
	}{
		{"first refresh", ref, time.Time{}, true},
		{"no events yet", time.Time{}, time.Time{}, false},
		{"unchanged", ref, ref, false},
		{"advanced", ref.Add(time.Second), ref, true},
		{"behind", ref.Add(-time.Second), ref, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, referenceAdvanced(tt.ref, tt.watermark))
		})
	}
}

// The refresh loop under the fake clock of synctest. Nothing is refreshed
// before the handler has been idle for the whole period. Every advance of
// the reference time refreshes every profile once, a failed refresh is
// tried again at the next check, and Run returns when the context ends.
func TestRefresherRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		src := newRefreshSource()
		out := &lockedCapture{}
		h := NewHandler(src, fakeCodec{}, out.produce, "traits.inferred", "traits-v1",
			NewMetrics(prometheus.NewRegistry()), zerolog.Nop())
		m := NewRefreshMetrics(prometheus.NewRegistry())
		r := NewRefresher(h, src, 5*time.Second, 1, m, zerolog.Nop())

		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- r.Run(ctx) }()

		time.Sleep(4 * time.Second)
		synctest.Wait()
		assert.Empty(t, out.references(), "not idle for 5s yet")

		time.Sleep(2 * time.Second)
		synctest.Wait()
		assert.Equal(t, []time.Time{ref, ref}, out.references(), "both profiles, one chunk each")
		assert.Equal(t, 1.0, testutil.ToFloat64(m.refreshes.WithLabelValues(refreshCompleted)))

		time.Sleep(time.Minute)
		synctest.Wait()
		assert.Len(t, out.references(), 2, "reference time unchanged, no refresh")

		// A batch, then a later reference time: the refresh waits for the
		// idle period after the batch.
		require.NoError(t, h.Handle(ctx, batchOf("p1")))
		later := ref.Add(24 * time.Hour)
		src.setReference(later)
		out.setError(errors.New("broker down"))
		time.Sleep(4 * time.Second)
		synctest.Wait()
		assert.Equal(t, 0.0, testutil.ToFloat64(m.refreshes.WithLabelValues(refreshFailed)), "not idle yet")

		time.Sleep(2 * time.Second)
		synctest.Wait()
		assert.Equal(t, 1.0, testutil.ToFloat64(m.refreshes.WithLabelValues(refreshFailed)))

		out.setError(nil)
		time.Sleep(5 * time.Second)
		synctest.Wait()
		got := out.references()
		require.Len(t, got, 5, "two first refresh, one batch, two retried refresh")
		assert.Equal(t, []time.Time{later, later}, got[3:])
		assert.Equal(t, 2.0, testutil.ToFloat64(m.refreshes.WithLabelValues(refreshCompleted)))
		assert.Equal(t, 4.0, testutil.ToFloat64(m.profiles))
		assert.True(t, src.rfmRefreshes() >= 2, "thresholds queried anew per refresh")

		cancel()
		synctest.Wait()
		select {
		case err := <-done:
			assert.NoError(t, err)
		default:
			t.Fatal("Run did not return after the context ended")
		}
	})
}

// A batch handled after the refresh took its batch count stops the refresh
// before its next chunk, and the watermark stays where it was.
func TestRefreshInterruptedByBatch(t *testing.T) {
	src := newRefreshSource()
	out := &lockedCapture{}
	h := NewHandler(src, fakeCodec{}, out.produce, "traits.inferred", "traits-v1",
		NewMetrics(prometheus.NewRegistry()), zerolog.Nop())
	r := NewRefresher(h, src, 5*time.Second, 1, NewRefreshMetrics(prometheus.NewRegistry()), zerolog.Nop())

	batches, _ := h.activity()
	require.NoError(t, h.Handle(context.Background(), batchOf("p2")))
	err := r.refresh(context.Background(), batches, ref)

	assert.ErrorIs(t, err, errInterrupted)
	assert.Len(t, out.references(), 1, "only the batch's record")
	assert.True(t, r.watermark.IsZero())
}

func TestRefreshDisabled(t *testing.T) {
	src := newRefreshSource()
	h := NewHandler(src, fakeCodec{}, (&lockedCapture{}).produce, "traits.inferred", "traits-v1",
		NewMetrics(prometheus.NewRegistry()), zerolog.Nop())
	r := NewRefresher(h, src, 0, 10, NewRefreshMetrics(prometheus.NewRegistry()), zerolog.Nop())
	assert.NoError(t, r.Run(context.Background()), "returns at once")
}

// refreshSource is a RefreshSource over the profiles of newSource, safe for
// the refresher's goroutine.
type refreshSource struct {
	mu        sync.Mutex
	ref       time.Time
	aggs      map[string]*traits.Aggregates
	rfmCalled int
}

func newRefreshSource() *refreshSource {
	return &refreshSource{ref: ref, aggs: newSource().aggs}
}

func (s *refreshSource) setReference(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ref = t
}

func (s *refreshSource) rfmRefreshes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rfmCalled
}

func (s *refreshSource) ReferenceTime(context.Context) (time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ref, nil
}

func (s *refreshSource) ProfileCount(context.Context) (int, error) { return len(s.aggs), nil }

func (s *refreshSource) ProfileIDsAfter(_ context.Context, after string, limit int) ([]string, error) {
	var ids []string
	for id := range s.aggs {
		if id > after {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids[:min(limit, len(ids))], nil
}

func (s *refreshSource) Load(_ context.Context, ids []string) (map[string]*traits.Aggregates, error) {
	out := map[string]*traits.Aggregates{}
	for _, id := range ids {
		if a, ok := s.aggs[id]; ok {
			out[id] = a
		}
	}
	return out, nil
}

func (s *refreshSource) RFMThresholds(context.Context) (*traits.RFMThresholds, error) {
	return nil, nil
}

func (s *refreshSource) RefreshRFMThresholds(context.Context) (*traits.RFMThresholds, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rfmCalled++
	return nil, nil
}

// lockedCapture records produced records and can fail every produce.
type lockedCapture struct {
	mu   sync.Mutex
	recs []*kgo.Record
	err  error
}

func (c *lockedCapture) produce(_ context.Context, recs ...*kgo.Record) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return c.err
	}
	c.recs = append(c.recs, recs...)
	return nil
}

func (c *lockedCapture) setError(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.err = err
}

// references returns the reference time of every produced record, in
// order.
func (c *lockedCapture) references() []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]time.Time, 0, len(c.recs))
	for _, r := range c.recs {
		var tr events.ProfileTraits
		if err := json.Unmarshal(r.Value, &tr); err != nil {
			panic(err)
		}
		out = append(out, tr.ReferenceTime)
	}
	return out
}
