package resolve

import (
	"container/list"
	"sync"
)

// cache is a bounded least-recently-used map from anonymous id to profile id.
// It is safe for concurrent use.
type cache struct {
	mu      sync.Mutex
	size    int
	order   *list.List // front is the most recently used entry
	entries map[string]*list.Element
}

type cacheEntry struct {
	anonymousID string
	profileID   string
}

// newCache returns a cache that keeps at most size entries. A size of zero or
// less disables caching.
func newCache(size int) *cache {
	return &cache{size: size, order: list.New(), entries: make(map[string]*list.Element)}
}

func (c *cache) get(anonymousID string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()

	elem, ok := c.entries[anonymousID]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(elem)
	return elem.Value.(*cacheEntry).profileID, true
}

func (c *cache) put(anonymousID, profileID string) {
	if c.size <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()

	if elem, ok := c.entries[anonymousID]; ok {
		elem.Value.(*cacheEntry).profileID = profileID
		c.order.MoveToFront(elem)
		return
	}
	c.entries[anonymousID] = c.order.PushFront(&cacheEntry{anonymousID: anonymousID, profileID: profileID})

	// Evict the least recently used entry once the bound is exceeded.
	if c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*cacheEntry).anonymousID)
	}
}

func (c *cache) remove(anonymousID string) {
	c.mu.Lock()
	defer c.mu.Unlock()

	if elem, ok := c.entries[anonymousID]; ok {
		c.order.Remove(elem)
		delete(c.entries, anonymousID)
	}
}

func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
