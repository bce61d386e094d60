package catalogue

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
)

// A product missing from the catalogue is looked up again by the next
// call, so one added later is found without waiting for a cache expiry.
// A found product is served from the cache.
func TestLookupFindsProductAddedLater(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	ctx := context.Background()
	c, err := New(pool, 100, time.Hour, prometheus.NewRegistry())
	require.NoError(t, err)

	first, err := c.Lookup(ctx, []string{"84029G", "POST"})
	require.NoError(t, err)
	require.Equal(t, "", first["84029G"].Category)
	require.False(t, first["84029G"].IsFee)
	require.True(t, first["POST"].IsFee, "fee codes are fees without a catalogue row")

	_, err = pool.Exec(ctx, `INSERT INTO catalogue_products (product_id, source, name, category, is_fee)
		VALUES ('84029G', 'test', 'KNITTED UNION FLAG HOT WATER BOTTLE', 'bath and body', false)`)
	require.NoError(t, err)
	second, err := c.Lookup(ctx, []string{"84029G"})
	require.NoError(t, err)
	require.Equal(t, "bath and body", second["84029G"].Category)

	_, err = pool.Exec(ctx, `UPDATE catalogue_products SET category = 'kitchen' WHERE product_id = '84029G'`)
	require.NoError(t, err)
	third, err := c.Lookup(ctx, []string{"84029G"})
	require.NoError(t, err)
	require.Equal(t, "bath and body", third["84029G"].Category, "a found product is cached")
}
