package importcmd

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
)

func TestImportCatalogueRealFiles(t *testing.T) {
	fragranticaFile := testenv.DataFile(t, "fragrantica/fragrantica.csv")
	sephoraFile := testenv.DataFile(t, "sephora-fragrance-reviews/products.csv")
	pool, pgConfig := testenv.Postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	args := []string{"--fragrantica", fragranticaFile, "--sephora", sephoraFile,
		"--postgres-dsn", pgConfig.DSN.Reveal(), "--log-level", "error"}
	require.NoError(t, runCatalogue(ctx, args, io.Discard))
	require.NoError(t, runCatalogue(ctx, args, io.Discard), "a second import replaces the rows")

	var perfumes, retailer int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE source = 'fragrantica'),
		count(*) FILTER (WHERE source = 'sephora') FROM catalogue_products`).Scan(&perfumes, &retailer))
	assert.Equal(t, 2325, perfumes)
	assert.Equal(t, 10, retailer)

	var brand string
	var notes, accords []string
	var votes int32
	require.NoError(t, pool.QueryRow(ctx, `SELECT brand, scent_notes, accords, rating_count FROM catalogue_products
		WHERE product_id = 'fragrantica:Terre-d-Hermes-17'`).Scan(&brand, &notes, &accords, &votes))
	assert.Equal(t, "Hermès", brand)
	assert.Contains(t, notes, "vetiver", "base note from the description")
	assert.Contains(t, accords, "fresh spicy")
	assert.Positive(t, votes)
}
