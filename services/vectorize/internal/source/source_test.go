package source

import (
	"context"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

const (
	alice = "4f1c6e8a-7d9b-5cae-8f3a-5b6c7d8e9fa0"
	bob   = "5a2d7f9b-8eac-5dbf-9a4b-6c7d8e9fa0b1"
)

var lastAt = time.Date(2011, 11, 30, 17, 5, 0, 0, time.UTC)

// insertProducts writes profile_products rows: profile, product,
// category, units, views, version.
func insertProducts(t *testing.T, conn driver.Conn, database string, rows [][]any) {
	t.Helper()
	ctx := context.Background()
	batch, err := conn.PrepareBatch(ctx, `INSERT INTO `+database+`.profile_products
		(profile_id, product_id, category, units, revenue, orders, views, cart_adds, reviews, rating_sum,
		 last_at, version)`)
	require.NoError(t, err)
	for _, r := range rows {
		require.NoError(t, batch.Append(r[0], r[1], r[2], r[3], decimal.Zero, uint32(0), r[4],
			uint32(0), uint32(0), uint32(0), lastAt, r[5]))
	}
	require.NoError(t, batch.Send())
}

func TestProductsReadsLatestVersion(t *testing.T) {
	conn, cfg := testenv.ClickHouse(t)
	insertProducts(t, conn, cfg.Database, [][]any{
		{alice, "84029E", "candles", int64(1), uint32(0), uint64(1)},
		{alice, "84029E", "candles", int64(3), uint32(2), uint64(2)},
		{alice, "21731", "kitchen", int64(-1), uint32(0), uint64(1)},
		{bob, "22423", "kitchen", int64(2), uint32(0), uint64(1)},
	})

	got, err := NewProducts(conn, cfg.Database).ByProfile(context.Background(), []string{alice, "missing"})
	require.NoError(t, err)
	require.Len(t, got, 1, "only the requested profiles with rows")
	require.ElementsMatch(t, []vector.ProductActivity{
		{ProductID: "84029E", Category: "candles", Units: 3, Views: 2, LastAt: lastAt},
		{ProductID: "21731", Category: "kitchen", Units: -1, LastAt: lastAt},
	}, got[alice])

	empty, err := NewProducts(conn, cfg.Database).ByProfile(context.Background(), nil)
	require.NoError(t, err)
	require.Empty(t, empty)
}

func TestCatalogueFeaturesAndCache(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	ctx := context.Background()
	_, err := pool.Exec(ctx, `INSERT INTO catalogue_products (product_id, source, name, category, scent_notes, accords)
		VALUES ('84029E', 'online-retail', 'LAVENDER CANDLE', 'candles', '{lavender}', '{}'),
		       ('fragrantica:rose-1', 'fragrantica', 'Rose One', 'fragrance', '{rose,musk}', '{floral}')`)
	require.NoError(t, err)

	now := time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC)
	c := NewCatalogue(pool, time.Minute, 100)
	c.now = func() time.Time { return now }

	got, err := c.Features(ctx, []string{"84029E", "fragrantica:rose-1", "UNKNOWN"})
	require.NoError(t, err)
	require.Equal(t, vector.ProductFeatures{Category: "candles", Notes: []string{"lavender"}, Accords: []string{}},
		got["84029E"])
	require.Equal(t, []string{"floral"}, got["fragrantica:rose-1"].Accords)
	require.Equal(t, vector.ProductFeatures{}, got["UNKNOWN"], "a missing product has no features")

	// Within the TTL the cache returns the stored features, so a catalogue
	// edit is not seen yet.
	_, err = pool.Exec(ctx, `UPDATE catalogue_products SET category = 'home fragrance' WHERE product_id = '84029E'`)
	require.NoError(t, err)
	got, err = c.Features(ctx, []string{"84029E"})
	require.NoError(t, err)
	require.Equal(t, "candles", got["84029E"].Category)

	// After the TTL the product is read again.
	now = now.Add(2 * time.Minute)
	got, err = c.Features(ctx, []string{"84029E"})
	require.NoError(t, err)
	require.Equal(t, "home fragrance", got["84029E"].Category)
}
