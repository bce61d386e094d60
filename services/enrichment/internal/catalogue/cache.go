// Package catalogue looks products up in the Postgres catalogue_products
// table, through a cache of bounded size whose entries expire, so a product
// edited in the catalogue reaches new events within the time to live.
package catalogue

import (
	"container/list"
	"sync"
	"time"
)

// Product is the catalogue entry of one product id, as enrichment uses it.
type Product struct {
	Category string // "" when the product is not in the catalogue
	IsFee    bool   // postage, discounts, adjustments and other non-products
	Found    bool   // whether the catalogue has a row for the id
}

// cache is a least-recently-used map from product id to Product whose
// entries expire ttl after they were stored. It is safe for concurrent use.
type cache struct {
	mu      sync.Mutex
	size    int
	ttl     time.Duration
	now     func() time.Time
	order   *list.List // front is the most recently used
	entries map[string]*list.Element
}

type entry struct {
	id       string
	product  Product
	storedAt time.Time
}

func newCache(size int, ttl time.Duration, now func() time.Time) *cache {
	return &cache{
		size:    size,
		ttl:     ttl,
		now:     now,
		order:   list.New(),
		entries: make(map[string]*list.Element, size),
	}
}

// get returns the cached product of id unless it is missing or expired.
func (c *cache) get(id string) (Product, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()

	el, ok := c.entries[id]
	if !ok {
		return Product{}, false
	}
	e := el.Value.(*entry)
	if c.now().Sub(e.storedAt) >= c.ttl {
		c.order.Remove(el)
		delete(c.entries, id)
		return Product{}, false
	}
	c.order.MoveToFront(el)
	return e.product, true
}

// put stores product under id and evicts the least recently used entries
// beyond the size bound.
func (c *cache) put(id string, product Product) {
	c.mu.Lock()
	defer c.mu.Unlock()

	now := c.now()
	if el, ok := c.entries[id]; ok {
		el.Value = &entry{id: id, product: product, storedAt: now}
		c.order.MoveToFront(el)
		return
	}
	c.entries[id] = c.order.PushFront(&entry{id: id, product: product, storedAt: now})
	for c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*entry).id)
	}
}

// len returns the number of entries, expired ones included.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
