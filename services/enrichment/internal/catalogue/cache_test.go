package catalogue

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

type fakeClock struct{ at time.Time }

func (c *fakeClock) now() time.Time { return c.at }

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	clock := &fakeClock{at: time.Unix(0, 0)}
	c := newCache(2, time.Hour, clock.now)

	c.put("a", Product{Category: "candles"})
	c.put("b", Product{Category: "bags"})
	_, hitA := c.get("a") // a is now more recent than b
	c.put("c", Product{Category: "toys"})

	_, hitB := c.get("b")
	gotA, hitAAgain := c.get("a")
	assert.True(t, hitA)
	assert.False(t, hitB, "b was the least recently used entry")
	assert.True(t, hitAAgain)
	assert.Equal(t, "candles", gotA.Category)
	assert.Equal(t, 2, c.len())
}

func TestCacheExpiresAfterTTL(t *testing.T) {
	clock := &fakeClock{at: time.Unix(0, 0)}
	c := newCache(10, time.Minute, clock.now)
	c.put("a", Product{Category: "candles", Found: true})

	clock.at = clock.at.Add(59 * time.Second)
	_, fresh := c.get("a")
	clock.at = clock.at.Add(time.Second)
	_, expired := c.get("a")

	assert.True(t, fresh)
	assert.False(t, expired)
	assert.Equal(t, 0, c.len(), "an expired entry is removed when read")
}

func TestCachePutReplaces(t *testing.T) {
	clock := &fakeClock{at: time.Unix(0, 0)}
	c := newCache(10, time.Minute, clock.now)
	c.put("a", Product{Category: "candles"})

	clock.at = clock.at.Add(50 * time.Second)
	c.put("a", Product{Category: "lighting"})
	clock.at = clock.at.Add(50 * time.Second)
	got, ok := c.get("a")

	assert.True(t, ok, "a replaced entry gets a fresh time to live")
	assert.Equal(t, "lighting", got.Category)
	assert.Equal(t, 1, c.len())
}
