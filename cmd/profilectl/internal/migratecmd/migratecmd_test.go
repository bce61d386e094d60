package migratecmd

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
)

// Running the migrations again on migrated databases changes nothing and
// succeeds.
func TestRunIdempotent(t *testing.T) {
	_, chConfig := testenv.ClickHouse(t)
	pool, pgConfig := testenv.Postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	var out bytes.Buffer
	args := []string{"--clickhouse-addr", chConfig.Addr, "--clickhouse-database", chConfig.Database,
		"--postgres-dsn", pgConfig.DSN.Reveal()}
	require.NoError(t, Run(ctx, args, &out))
	assert.Contains(t, out.String(), "migrations applied")

	var tables int
	require.NoError(t, pool.QueryRow(ctx,
		`SELECT count(*) FROM information_schema.tables WHERE table_name = 'catalogue_products'`).Scan(&tables))
	assert.Equal(t, 1, tables)
}

func TestRunRejectsInvalidDatabase(t *testing.T) {
	err := Run(context.Background(), []string{"--clickhouse-database", "x; DROP"}, &bytes.Buffer{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "clickhouse.database")
}
