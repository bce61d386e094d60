package aggregates

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/services/inference/internal/traits"
)

// RFMThresholds queries the population quintile thresholds. It returns nil
// when no profile has an order yet.
func (r *Reader) RFMThresholds(ctx context.Context) (*traits.RFMThresholds, error) {
	var (
		profiles        uint64
		lastDays, freqs []int64
		monetary        []float64
	)
	err := r.conn.QueryRow(ctx, queryRFMThresholds).Scan(&profiles, &lastDays, &freqs, &monetary)
	if err != nil {
		return nil, fmt.Errorf("querying rfm thresholds from profile_daily: %w", err)
	}
	if profiles == 0 || len(lastDays) != 4 || len(freqs) != 4 || len(monetary) != 4 {
		return nil, nil
	}

	th := &traits.RFMThresholds{}
	copy(th.LastOrderDay[:], lastDays)
	copy(th.Frequency[:], freqs)
	for i, m := range monetary {
		th.Monetary[i] = decimal.NewFromFloat(m).Round(4)
	}
	return th, nil
}

// RFMCache keeps the last thresholds and queries them again when they are
// older than the refresh interval. Traits scored from cached thresholds can
// lag the population by up to that interval.
type RFMCache struct {
	reader   *Reader
	interval time.Duration
	now      func() time.Time

	mu        sync.Mutex
	value     *traits.RFMThresholds
	fetchedAt time.Time
}

// NewRFMCache returns a cache that refreshes at most once per interval; an
// interval of 0 queries on every call.
func NewRFMCache(r *Reader, interval time.Duration) *RFMCache {
	return &RFMCache{reader: r, interval: interval, now: time.Now}
}

// Get returns the cached thresholds, refreshing them first when they are
// due. A failed refresh returns the error, and the next call queries again.
func (c *RFMCache) Get(ctx context.Context) (*traits.RFMThresholds, error) {
	c.mu.Lock()
	defer c.mu.Unlock()

	if !c.fetchedAt.IsZero() && c.interval > 0 && c.now().Sub(c.fetchedAt) < c.interval {
		return c.value, nil
	}
	return c.fetch(ctx)
}

// Refresh queries the thresholds now, whatever their age, caches them and
// returns them. A failed query returns the error and keeps the old value.
func (c *RFMCache) Refresh(ctx context.Context) (*traits.RFMThresholds, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fetch(ctx)
}

// fetch queries and caches the thresholds. The caller must hold c.mu.
func (c *RFMCache) fetch(ctx context.Context) (*traits.RFMThresholds, error) {
	now := c.now()
	th, err := c.reader.RFMThresholds(ctx)
	if err != nil {
		return nil, err
	}
	c.value, c.fetchedAt = th, now
	return th, nil
}
