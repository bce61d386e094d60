package testenv

import (
	"context"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/migrate"
	"github.com/profilehub/platform/pkg/store"
)

// ClickHouse creates a database named test_<random>, applies the ClickHouse
// migrations to it and returns a connection that uses it by default, with
// the config section that opens it. At cleanup it closes the connection and
// drops the database.
func ClickHouse(t testing.TB) (driver.Conn, config.ClickHouse) {
	t.Helper()
	cfg := config.ClickHouse{
		Addr:        envOr("PROFILEHUB_TEST_CLICKHOUSE_ADDR", DefaultClickHouseAddr),
		Database:    "default",
		Username:    envOr("PROFILEHUB_TEST_CLICKHOUSE_USERNAME", "default"),
		Password:    config.Secret(envOr("PROFILEHUB_TEST_CLICKHOUSE_PASSWORD", "")),
		DialTimeout: reachTimeout,
	}
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()

	admin, err := store.OpenClickHouse(ctx, cfg)
	if err != nil {
		unavailable(t, "clickhouse at "+cfg.Addr, err)
	}
	cfg.Database = "test_" + randomSuffix(t)
	t.Cleanup(func() { dropClickHouse(t, admin, cfg.Database) })

	if err := admin.Exec(ctx, "CREATE DATABASE "+cfg.Database); err != nil {
		t.Fatalf("creating clickhouse database %s: %v", cfg.Database, err)
	}
	if err := migrate.ApplyClickHouse(ctx, admin, cfg.Database); err != nil {
		t.Fatalf("migrating clickhouse database %s: %v", cfg.Database, err)
	}

	cfg.DialTimeout = 10 * time.Second
	conn, err := store.OpenClickHouse(ctx, cfg)
	if err != nil {
		t.Fatalf("opening clickhouse database %s: %v", cfg.Database, err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn, cfg
}

// dropClickHouse drops the test database and closes the admin connection.
func dropClickHouse(t testing.TB, admin driver.Conn, database string) {
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	if err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+database); err != nil {
		t.Logf("dropping clickhouse database %s: %v", database, err)
	}
	_ = admin.Close()
}
