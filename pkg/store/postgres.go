package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/profilehub/platform/pkg/config"
)

// OpenPostgres creates a pgx connection pool for cfg.DSN and pings until the
// server answers, for at most cfg.ConnectWait. The caller closes the pool.
// Errors name the host and database but never the DSN, which may contain a
// password.
func OpenPostgres(ctx context.Context, cfg config.Postgres) (*pgxpool.Pool, error) {
	poolCfg, err := pgxpool.ParseConfig(cfg.DSN.Reveal())
	if err != nil {
		// pgconn's parse errors redact the password.
		return nil, fmt.Errorf("parsing postgres.dsn: %w", err)
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
