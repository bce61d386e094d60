package catalogue

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	feecodes "github.com/profilehub/platform/pkg/catalogue"
)

// selectProducts reads the rows of a set of product ids in one round trip.
const selectProducts = `SELECT product_id, category, is_fee FROM catalogue_products WHERE product_id = ANY($1)`

// Catalogue resolves product ids to their category and fee flag. It is safe
// for concurrent use.
type Catalogue struct {
	pool   *pgxpool.Pool
	cache  *cache
	hits   prometheus.Counter
	misses prometheus.Counter
}

// New returns a Catalogue over pool that caches up to size products for ttl
// each, with its cache metrics registered in reg.
func New(pool *pgxpool.Pool, size int, ttl time.Duration, reg prometheus.Registerer) (*Catalogue, error) {
	c := &Catalogue{
		pool:  pool,
		cache: newCache(size, ttl, time.Now),
		hits: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "profilehub", Subsystem: "enrichment", Name: "catalogue_cache_hits_total",
			Help: "Product lookups answered from the catalogue cache.",
		}),
		misses: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "profilehub", Subsystem: "enrichment", Name: "catalogue_cache_misses_total",
			Help: "Product lookups that read Postgres because the cache had no fresh entry.",
		}),
	}
	for _, col := range []prometheus.Collector{c.hits, c.misses} {
		if err := reg.Register(col); err != nil {
			return nil, fmt.Errorf("registering catalogue metrics: %w", err)
		}
	}
	return c, nil
}

// Lookup returns the product of every id in ids. Ids the cache lacks are
// read from catalogue_products in one query. Ids absent there get category
// "" and the fee flag of pkg/catalogue.IsFeeStockCode. They are not cached,
// so a product added to the catalogue later is found by the next batch.
// An error means Postgres failed and is transient.
func (c *Catalogue) Lookup(ctx context.Context, ids []string) (map[string]Product, error) {
	products := make(map[string]Product, len(ids))
	var missing []string
	for _, id := range ids {
		if _, seen := products[id]; seen {
			continue
		}
		if p, ok := c.cache.get(id); ok {
			products[id] = p
			c.hits.Inc()
			continue
		}
		products[id] = Product{}
		missing = append(missing, id)
	}
	if len(missing) == 0 {
		return products, nil
	}
	c.misses.Add(float64(len(missing)))

	found, err := c.query(ctx, missing)
	if err != nil {
		return nil, err
	}
	for _, id := range missing {
		p, ok := found[id]
		if !ok {
			products[id] = Product{IsFee: feecodes.IsFeeStockCode(id)}
			continue
		}
		c.cache.put(id, p)
		products[id] = p
	}
	return products, nil
}

func (c *Catalogue) query(ctx context.Context, ids []string) (map[string]Product, error) {
	rows, err := c.pool.Query(ctx, selectProducts, ids)
	if err != nil {
		return nil, fmt.Errorf("querying catalogue_products for %d products: %w", len(ids), err)
	}
	defer rows.Close()

	found := make(map[string]Product, len(ids))
	for rows.Next() {
		var id string
		p := Product{Found: true}
		if err := rows.Scan(&id, &p.Category, &p.IsFee); err != nil {
			return nil, fmt.Errorf("reading catalogue_products row: %w", err)
		}
		found[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading catalogue_products rows: %w", err)
	}
	return found, nil
}
