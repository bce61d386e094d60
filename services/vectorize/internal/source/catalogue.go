package source

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

// Catalogue reads product features from catalogue_products and caches
// them, including the absence of a product, for a fixed time.
type Catalogue struct {
	pool    *pgxpool.Pool
	ttl     time.Duration
	maxSize int
	now     func() time.Time

	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	features vector.ProductFeatures
	loadedAt time.Time
}

// NewCatalogue returns a catalogue reader whose cache keeps an entry for
// ttl (zero disables the cache) and at most maxSize entries.
func NewCatalogue(pool *pgxpool.Pool, ttl time.Duration, maxSize int) *Catalogue {
	return &Catalogue{pool: pool, ttl: ttl, maxSize: maxSize, now: time.Now, entries: map[string]cacheEntry{}}
}

// Features returns the features of each product id. A product missing from
// the catalogue maps to empty features, so the caller falls back to the
// category of the activity row.
func (c *Catalogue) Features(ctx context.Context, productIDs []string) (map[string]vector.ProductFeatures, error) {
	out := make(map[string]vector.ProductFeatures, len(productIDs))
	missing := c.cached(productIDs, out)
	if len(missing) == 0 {
		return out, nil
	}

	loaded, err := c.load(ctx, missing)
	if err != nil {
		return nil, err
	}
	for id, f := range loaded {
		out[id] = f
	}
	c.store(loaded)
	return out, nil
}

// cached copies fresh cache entries into out and returns the ids to load.
func (c *Catalogue) cached(ids []string, out map[string]vector.ProductFeatures) []string {
	c.mu.Lock()
	defer c.mu.Unlock()

	now := c.now()
	var missing []string
	for _, id := range ids {
		if e, ok := c.entries[id]; ok && now.Sub(e.loadedAt) < c.ttl {
			out[id] = e.features
			continue
		}
		missing = append(missing, id)
	}
	return missing
}

func (c *Catalogue) store(loaded map[string]vector.ProductFeatures) {
	if c.ttl == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()

	// Emptying a full cache is cruder than evicting the least recently used
	// entry, but the catalogue has a few thousand products, so the bound is
	// a safety net and not a working limit.
	if len(c.entries)+len(loaded) > c.maxSize {
		c.entries = map[string]cacheEntry{}
	}
	now := c.now()
	for id, f := range loaded {
		c.entries[id] = cacheEntry{features: f, loadedAt: now}
	}
}

// load reads ids from the catalogue; ids it does not contain get empty
// features.
func (c *Catalogue) load(ctx context.Context, ids []string) (map[string]vector.ProductFeatures, error) {
	rows, err := c.pool.Query(ctx,
		`SELECT product_id, category, scent_notes, accords FROM catalogue_products WHERE product_id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("querying catalogue_products for %d products: %w", len(ids), err)
	}
	defer rows.Close()

	out := make(map[string]vector.ProductFeatures, len(ids))
	for _, id := range ids {
		out[id] = vector.ProductFeatures{}
	}
	for rows.Next() {
		var (
			id string
			f  vector.ProductFeatures
		)
		if err := rows.Scan(&id, &f.Category, &f.Notes, &f.Accords); err != nil {
			return nil, fmt.Errorf("scanning catalogue_products: %w", err)
		}
		out[id] = f
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading catalogue_products: %w", err)
	}
	return out, nil
}
