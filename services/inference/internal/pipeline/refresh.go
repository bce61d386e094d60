package pipeline

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/rs/zerolog"

	"github.com/profilehub/platform/services/inference/internal/traits"
)

// RefreshSource provides what a refresh reads: the reference time, the ids
// of every profile with aggregates and their rows, and the RFM thresholds
// queried anew. aggregates.Source implements it on ClickHouse.
type RefreshSource interface {
	ReferenceTime(ctx context.Context) (time.Time, error)
	ProfileCount(ctx context.Context) (int, error)
	ProfileIDsAfter(ctx context.Context, after string, limit int) ([]string, error)
	Load(ctx context.Context, profileIDs []string) (map[string]*traits.Aggregates, error)
	RefreshRFMThresholds(ctx context.Context) (*traits.RFMThresholds, error)
}

// errInterrupted ends a refresh when a batch was handled between two of its
// chunks: the batch may have computed traits against a later reference time,
// which the rest of the refresh must not overwrite with older ones.
var errInterrupted = errors.New("refresh interrupted by a profile.activity batch")

// Refresher recomputes the traits of every profile against the current
// reference time once the handler has been idle for a while and the
// reference time has moved past the one of the last complete refresh. Then
// a quiet profile's recency, engagement and RFM score follow the platform's
// clock, and the last traits of every profile are the ones a replay of the
// topics computes.
//
// The reference time of the last complete refresh lives in memory only, so
// every start of the service refreshes every profile once more.
type Refresher struct {
	handler   *Handler
	source    RefreshSource
	idle      time.Duration
	chunkSize int
	metrics   *RefreshMetrics
	log       zerolog.Logger

	watermark time.Time // reference time of the last complete refresh
}

// NewRefresher returns a Refresher that produces through h after h has
// handled no batch for idle, reading chunkSize profiles per chunk. An idle
// of 0 disables it.
func NewRefresher(h *Handler, source RefreshSource, idle time.Duration, chunkSize int, m *RefreshMetrics,
	log zerolog.Logger) *Refresher {
	return &Refresher{handler: h, source: source, idle: idle, chunkSize: chunkSize, metrics: m, log: log}
}

// Run checks for a due refresh until ctx ends and returns nil then. A
// refresh that fails is logged and tried again at the next check. With an
// idle of 0 it returns at once.
func (r *Refresher) Run(ctx context.Context) error {
	if r.idle <= 0 {
		r.log.Info().Msg("refresh disabled")
		return nil
	}
	timer := time.NewTimer(r.idle)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		}
		timer.Reset(r.check(ctx))
	}
}

// check refreshes every profile when the handler is idle and the reference
// time advanced, and returns the time until the next check.
func (r *Refresher) check(ctx context.Context) time.Duration {
	batches, lastBatchAt := r.handler.activity()
	isIdle, wait := idleWait(time.Now(), lastBatchAt, r.idle)
	if !isIdle {
		return wait
	}

	// The batch count is taken before the reference time, so a batch that
	// starts after this point stops the refresh at its next chunk.
	ref, err := r.source.ReferenceTime(ctx)
	if err != nil {
		r.logFailure(ctx, err)
		if ctx.Err() == nil {
			r.metrics.observe(refreshFailed, 0)
		}
		return wait
	}
	if !referenceAdvanced(ref, r.watermark) {
		return wait
	}

	started := time.Now()
	result := refreshCompleted
	if err := r.refresh(ctx, batches, ref); errors.Is(err, errInterrupted) {
		result = refreshInterrupted
		r.log.Info().Time("reference_time", ref).Msg("refresh interrupted by a batch, starting again when idle")
	} else if err != nil {
		result = refreshFailed
		r.logFailure(ctx, err)
	}
	if ctx.Err() == nil {
		r.metrics.observe(result, time.Since(started))
	}
	return wait
}

// refresh produces the traits of every profile with aggregates against
// ref, one chunk of profile ids at a time, and moves the watermark to ref
// when every chunk was produced.
func (r *Refresher) refresh(ctx context.Context, batches uint64, ref time.Time) error {
	started := time.Now()
	count, err := r.source.ProfileCount(ctx)
	if err != nil {
		return err
	}
	r.log.Info().Time("reference_time", ref).Time("previous_reference_time", r.watermark).
		Int("profiles", count).Msg("refresh starting")

	// Fresh thresholds make the result a function of the ClickHouse state
	// alone, whatever the age of the cached ones.
	rfm, err := r.source.RefreshRFMThresholds(ctx)
	if err != nil {
		return err
	}
	in := traits.Inputs{ReferenceTime: ref, ModelVersion: r.handler.modelVersion, RFM: rfm}

	produced, after := 0, ""
	for {
		ids, err := r.source.ProfileIDsAfter(ctx, after, r.chunkSize)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			break
		}
		n, err := r.refreshChunk(ctx, batches, ids, in)
		produced += n
		if err != nil {
			return err
		}
		if len(ids) < r.chunkSize {
			break
		}
		after = ids[len(ids)-1]
	}

	r.watermark = ref
	r.log.Info().Time("reference_time", ref).Int("profiles", produced).
		Dur("duration", time.Since(started)).Msg("refresh completed")
	return nil
}

// refreshChunk computes and produces the traits of ids while no batch can
// run, unless a batch ran since the refresh started. It returns the number
// of records produced.
func (r *Refresher) refreshChunk(ctx context.Context, batches uint64, ids []string, in traits.Inputs) (int, error) {
	h := r.handler
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.batches != batches {
		return 0, errInterrupted
	}

	aggs, err := r.source.Load(ctx, ids)
	if err != nil {
		return 0, err
	}
	recs, err := h.traitRecords(ids, aggs, in)
	if err != nil {
		return 0, err
	}
	if err := h.produce(ctx, recs...); err != nil {
		return 0, fmt.Errorf("producing %d refreshed traits to %s: %w", len(recs), h.topic, err)
	}
	r.metrics.profiles.Add(float64(len(recs)))
	return len(recs), nil
}

// logFailure logs a failed refresh, unless the failure comes from the
// shutdown.
func (r *Refresher) logFailure(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	r.log.Warn().Err(err).Time("previous_reference_time", r.watermark).
		Msg("refresh failed, trying again at the next check")
}
