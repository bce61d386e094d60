package aggregates

import (
	"context"
	"time"

	"github.com/profilehub/platform/services/inference/internal/traits"
)

// Source is the inference handler's access to ClickHouse: a Reader whose
// RFM thresholds come through an RFMCache.
type Source struct {
	*Reader
	rfm *RFMCache
}

// NewSource returns a Source on r, refreshing the RFM
// thresholds at most once per rfmRefresh (0 refreshes for every batch).
func NewSource(r *Reader, rfmRefresh time.Duration) *Source {
	return &Source{Reader: r, rfm: NewRFMCache(r, rfmRefresh)}
}

// RFMThresholds returns the cached population thresholds.
func (s *Source) RFMThresholds(ctx context.Context) (*traits.RFMThresholds, error) {
	return s.rfm.Get(ctx)
}

// RefreshRFMThresholds queries the population thresholds now, so the
// batches that follow use them too, and returns them.
func (s *Source) RefreshRFMThresholds(ctx context.Context) (*traits.RFMThresholds, error) {
	return s.rfm.Refresh(ctx)
}
