package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/store"
	"github.com/profilehub/platform/pkg/testenv"
)

// Errors of real servers: a syntax error and an unknown table are permanent.
func TestIsTransientRealServers(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	t.Run("clickhouse", func(t *testing.T) {
		conn, _ := testenv.ClickHouse(t)
		err := conn.Exec(ctx, "SELEC 1")
		require.Error(t, err)
		assert.False(t, store.IsTransient(err), "syntax error: %v", err)

		err = conn.Exec(ctx, "SELECT * FROM no_such_table")
		require.Error(t, err)
		assert.False(t, store.IsTransient(err), "unknown table: %v", err)
	})

	t.Run("postgres", func(t *testing.T) {
		pool, _ := testenv.Postgres(t)
		_, err := pool.Exec(ctx, "SELEC 1")
		require.Error(t, err)
		assert.False(t, store.IsTransient(err), "syntax error: %v", err)

		_, err = pool.Exec(ctx, "SELECT * FROM no_such_table")
		require.Error(t, err)
		assert.False(t, store.IsTransient(err), "unknown table: %v", err)
	})
}

// A config from testenv opens again through the public constructors.
func TestOpenWithTestenvConfig(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	_, chCfg := testenv.ClickHouse(t)
	conn, err := store.OpenClickHouse(ctx, chCfg)
	require.NoError(t, err)
	assert.NoError(t, conn.Close())

	_, pgCfg := testenv.Postgres(t)
	pool, err := store.OpenPostgres(ctx, pgCfg)
	require.NoError(t, err)
	pool.Close()
}
