package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/profilehub/platform/pkg/config"
)

// OpenPostgres creates a pgx connection pool for cfg.DSN and pings until the
// server responds, for at most cfg.ConnectWait. The caller closes the pool.
// Errors name the host and database but never the DSN, which may contain a
// password.
func OpenPostgres(ctx context.Context, cfg config.Postgres) (*pgxpool.Pool, error) {
	poolCfg, err := pgxpool.ParseConfig(cfg.DSN.Reveal())
	if err != nil {
		return nil, dsnError(err)
	}
	where := fmt.Sprintf("%s:%d database %s", poolCfg.ConnConfig.Host, poolCfg.ConnConfig.Port,
		poolCfg.ConnConfig.Database)

	pool, err := pgxpool.NewWithConfig(ctx, poolCfg)
	if err != nil {
		return nil, fmt.Errorf("creating postgres pool for %s: %w", where, err)
	}

	if err := waitForPing(ctx, cfg.ConnectWait, pool.Ping); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to postgres %s: %w", where, err)
	}
	return pool, nil
}

// dsnError describes a DSN parse failure without the DSN. pgconn's
// ParseConfigError prints the connection string with the password masked
// only on a best-effort basis (pgx v5.13), so its text is not used.
func dsnError(err error) error {
	var parseErr *pgconn.ParseConfigError
	if errors.As(err, &parseErr) {
		if inner := parseErr.Unwrap(); inner != nil {
			return fmt.Errorf("parsing postgres.dsn: invalid connection string: %w", inner)
		}
	}
	return errors.New("parsing postgres.dsn: invalid connection string: expected a postgres:// URL or key=value pairs")
}
