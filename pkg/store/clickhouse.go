package store

import (
	"context"
	"fmt"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/profilehub/platform/pkg/config"
)

// OpenClickHouse connects to ClickHouse over the native protocol with LZ4
// compression, using the address, database and credentials of cfg, and
// pings until the server responds, for at most cfg.ConnectWait. The caller
// closes the returned connection pool.
//
// The server of the local stack is ClickHouse 18.16, so callers insert
// through PrepareBatch with a named column list. An INSERT … VALUES
// through Exec hangs there until the read timeout.
func OpenClickHouse(ctx context.Context, cfg config.ClickHouse) (driver.Conn, error) {
	conn, err := clickhouse.Open(&clickhouse.Options{
		Protocol: clickhouse.Native,
		Addr:     []string{cfg.Addr},
		Auth: clickhouse.Auth{
			Database: cfg.Database,
			Username: cfg.Username,
			Password: cfg.Password.Reveal(),
		},
		DialTimeout: cfg.DialTimeout,
		Compression: &clickhouse.Compression{Method: clickhouse.CompressionLZ4},
	})
	if err != nil {
		return nil, fmt.Errorf("opening clickhouse %s database %s: %w", cfg.Addr, cfg.Database, err)
	}

	if err := waitForPing(ctx, cfg.ConnectWait, conn.Ping); err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("connecting to clickhouse %s database %s: %w", cfg.Addr, cfg.Database, err)
	}
	return conn, nil
}
