package migrate_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	chmigrations "github.com/profilehub/platform/deploy/clickhouse"
	pgmigrations "github.com/profilehub/platform/deploy/postgres"
	"github.com/profilehub/platform/pkg/migrate"
	"github.com/profilehub/platform/pkg/testenv"
)

// testenv.ClickHouse applied the migrations once; a second run must change
// nothing and record nothing new.
func TestApplyClickHouseTwiceIsOnce(t *testing.T) {
	conn, cfg := testenv.ClickHouse(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	names, err := fsGlob(chmigrations.Migrations)
	require.NoError(t, err)
	countRows := func() uint64 {
		var n uint64
		require.NoError(t, conn.QueryRow(ctx, "SELECT count() FROM "+cfg.Database+".schema_migrations").Scan(&n))
		return n
	}
	require.Equal(t, uint64(len(names)), countRows(), "one row per file after the first run")

	require.NoError(t, migrate.ApplyClickHouse(ctx, conn, cfg.Database))
	assert.Equal(t, uint64(len(names)), countRows(), "second run records nothing")

	// Files that only alter a table, such as 007_events_guest.sql, create
	// none.
	creating := 0
	for _, name := range names {
		if strings.Contains(string(mustRead(t, chmigrations.Migrations, name)), "CREATE TABLE") {
			creating++
		}
	}
	var tables uint64
	require.NoError(t, conn.QueryRow(ctx,
		"SELECT count() FROM system.tables WHERE database = '"+cfg.Database+"'").Scan(&tables))
	assert.GreaterOrEqual(t, tables, uint64(creating), "every CREATE TABLE file created at least one table")
}

// Several statements in one file, {database} replaced, and a later file
// applied on a later run.
func TestApplyClickHouseFSStatements(t *testing.T) {
	conn, cfg := testenv.ClickHouse(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	files := fstest.MapFS{
		"000_schema_migrations.sql": {Data: mustRead(t, chmigrations.Migrations, "000_schema_migrations.sql")},
		"900_a.sql": {Data: []byte("-- two tables\nCREATE TABLE IF NOT EXISTS {database}.fs_a (x UInt8) ENGINE = Memory;\n" +
			"CREATE TABLE IF NOT EXISTS {database}.fs_b (x UInt8) ENGINE = Memory;\n")},
	}
	require.NoError(t, migrate.ApplyClickHouseFS(ctx, conn, cfg.Database, files))
	assertTable(t, ctx, conn, cfg.Database, "fs_a")
	assertTable(t, ctx, conn, cfg.Database, "fs_b")

	files["901_c.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE {database}.fs_c (x UInt8) ENGINE = Memory")}
	require.NoError(t, migrate.ApplyClickHouseFS(ctx, conn, cfg.Database, files),
		"900_a.sql must be skipped, 901_c.sql applied")
	assertTable(t, ctx, conn, cfg.Database, "fs_c")
}

func TestApplyClickHouseRejectsBadDatabaseName(t *testing.T) {
	err := migrate.ApplyClickHouse(context.Background(), nil, "x; DROP DATABASE y")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "invalid clickhouse database name")
}

// testenv.Postgres applied the migrations once; a second run must change
// nothing.
func TestApplyPostgresTwiceIsOnce(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	names, err := fsGlob(pgmigrations.Migrations)
	require.NoError(t, err)
	countRows := func() int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n))
		return n
	}
	require.Equal(t, len(names), countRows(), "one row per file after the first run")

	require.NoError(t, migrate.ApplyPostgres(ctx, pool))
	assert.Equal(t, len(names), countRows(), "second run records nothing")
}

// A failing file rolls back completely and is not recorded; the files
// before it stay applied.
func TestApplyPostgresFailingFileRollsBack(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	files := fstest.MapFS{
		"000_schema_migrations.sql": {Data: mustRead(t, pgmigrations.Migrations, "000_schema_migrations.sql")},
		"900_ok.sql":                {Data: []byte("CREATE TABLE fs_ok (x int);")},
		"901_bad.sql":               {Data: []byte("CREATE TABLE fs_half (x int);\nSELECT * FROM no_such_table;")},
	}
	err := migrate.ApplyPostgresFS(ctx, pool, files)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "901_bad.sql")

	var ok, half bool
	require.NoError(t, pool.QueryRow(ctx, "SELECT to_regclass('fs_ok') IS NOT NULL").Scan(&ok))
	require.NoError(t, pool.QueryRow(ctx, "SELECT to_regclass('fs_half') IS NOT NULL").Scan(&half))
	assert.True(t, ok, "file before the failure applied")
	assert.False(t, half, "failing file rolled back")

	var recorded bool
	require.NoError(t, pool.QueryRow(ctx,
		"SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = '901_bad.sql')").Scan(&recorded))
	assert.False(t, recorded, "failing file not recorded")
}

// Concurrent runs on one database wait for each other on the advisory lock,
// so each file is applied once.
func TestApplyPostgresConcurrent(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	files := fstest.MapFS{
		"000_schema_migrations.sql": {Data: mustRead(t, pgmigrations.Migrations, "000_schema_migrations.sql")},
		// Not idempotent on purpose: a second application would fail.
		"900_once.sql": {Data: []byte("CREATE TABLE fs_once (x int);")},
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() { errs <- migrate.ApplyPostgresFS(ctx, pool, files) }()
	}
	for range 4 {
		assert.NoError(t, <-errs)
	}
}
