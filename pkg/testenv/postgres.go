package testenv

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/migrate"
	"github.com/profilehub/platform/pkg/store"
)

// Postgres creates a database named test_<random> owned by the role of the
// test DSN, applies the PostgreSQL migrations and returns a pool on it with
// the config section that opens it. At cleanup it closes the pool and drops
// the database. The role needs the CREATEDB attribute.
func Postgres(t testing.TB) (*pgxpool.Pool, config.Postgres) {
	t.Helper()
	adminDSN := envOr("PROFILEHUB_TEST_POSTGRES_DSN", DefaultPostgresDSN)
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()

	admin := connectPostgresAdmin(t, ctx, adminDSN)
	database := "test_" + randomSuffix(t)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+database); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "42501" {
			t.Fatalf("creating postgres database %s: the role of the test DSN needs CREATEDB: %v", database, err)
		}
		t.Fatalf("creating postgres database %s: %v", database, err)
	}
	t.Cleanup(func() { dropPostgres(t, admin, database) })

	cfg := config.Postgres{DSN: config.Secret(withDatabase(t, adminDSN, database)), ConnectWait: 10 * time.Second}
	pool, err := store.OpenPostgres(ctx, cfg)
	if err != nil {
		t.Fatalf("opening postgres database %s: %v", database, err)
	}
	// Registered after the drop, so it runs before it: cleanups run last
	// in, first out, and the drop needs the pool closed.
	t.Cleanup(pool.Close)

	if err := migrate.ApplyPostgres(ctx, pool); err != nil {
		t.Fatalf("migrating postgres database %s: %v", database, err)
	}
	return pool, cfg
}

func connectPostgresAdmin(t testing.TB, ctx context.Context, dsn string) *pgx.Conn {
	t.Helper()
	connCfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatalf("parsing PROFILEHUB_TEST_POSTGRES_DSN: %v", err)
	}
	connCfg.ConnectTimeout = reachTimeout
	conn, err := pgx.ConnectConfig(ctx, connCfg)
	if err != nil {
		unavailable(t, "postgres", err)
	}
	return conn
}

// withDatabase returns dsn with its database replaced by database. Only the
// URL form is supported, as documented on the package.
func withDatabase(t testing.TB, dsn, database string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("PROFILEHUB_TEST_POSTGRES_DSN must be a postgres:// URL")
	}
	u.Path = "/" + database
	return u.String()
}

// dropPostgres drops the test database, ending sessions left open, and
// closes the admin connection.
func dropPostgres(t testing.TB, admin *pgx.Conn, database string) {
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+database+" WITH (FORCE)"); err != nil {
		t.Logf("dropping postgres database %s: %v", database, err)
	}
	_ = admin.Close(ctx)
}
