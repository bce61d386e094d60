package products

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
)

func TestUpsertInsertsAndReplaces(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	votes := int32(12374)
	first := []Product{
		{ID: "POST", Source: "online-retail", Name: "POSTAGE", Category: "fee", IsFee: true,
			Price: decimal.NewNullDecimal(decimal.RequireFromString("18.0"))},
		{ID: "fragrantica:Arpege-Pour-Homme-14", Source: "fragrantica", Name: "Arpege Pour Homme Lanvin",
			Brand: "Lanvin", Category: "fragrance", ScentNotes: []string{"vanilla", "neroli"},
			Accords: []string{"woody"}, Rating: decimal.NewNullDecimal(decimal.RequireFromString("4.22")),
			RatingCount: &votes},
	}
	require.NoError(t, Upsert(ctx, pool, first))

	replaced := first[0]
	replaced.Name = "POSTAGE UK"
	require.NoError(t, Upsert(ctx, pool, []Product{replaced}))

	var count int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM catalogue_products`).Scan(&count))
	assert.Equal(t, 2, count)

	var name, price string
	var isFee bool
	var notes []string
	require.NoError(t, pool.QueryRow(ctx, `SELECT name, price::text, is_fee, scent_notes FROM catalogue_products
		WHERE product_id = 'POST'`).Scan(&name, &price, &isFee, &notes))
	assert.Equal(t, "POSTAGE UK", name)
	assert.Equal(t, "18.0000", price)
	assert.True(t, isFee)
	assert.Empty(t, notes)

	var rating string
	var ratingCount int32
	require.NoError(t, pool.QueryRow(ctx, `SELECT scent_notes, rating::text, rating_count FROM catalogue_products
		WHERE product_id = 'fragrantica:Arpege-Pour-Homme-14'`).Scan(&notes, &rating, &ratingCount))
	assert.Equal(t, []string{"vanilla", "neroli"}, notes)
	assert.Equal(t, "4.220", rating)
	assert.Equal(t, int32(12374), ratingCount)
}
