// Package migratecmd implements "profilectl migrate".
package migratecmd

import (
	"context"
	"flag"
	"fmt"
	"io"
	"regexp"

	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/migrate"
	"github.com/profilehub/platform/pkg/store"
)

// databaseName is the form of a database name that is safe to splice into
// a statement.
var databaseName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Run creates the ClickHouse database if needed, applies its pending
// migrations, then applies the pending Postgres migrations.
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl migrate", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := flags.Load()
	if err != nil {
		return err
	}

	if !databaseName.MatchString(cfg.ClickHouse.Database) {
		return fmt.Errorf("clickhouse.database: invalid name %q: use letters, digits and underscores",
			cfg.ClickHouse.Database)
	}
	// The database may not exist yet, so connect to "default" and create it.
	server := cfg.ClickHouse
	server.Database = "default"
	conn, err := store.OpenClickHouse(ctx, server)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+cfg.ClickHouse.Database); err != nil {
		return fmt.Errorf("creating clickhouse database %s: %w", cfg.ClickHouse.Database, err)
	}
	if err := migrate.ApplyClickHouse(ctx, conn, cfg.ClickHouse.Database); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "clickhouse %s: migrations applied\n", cfg.ClickHouse.Database)

	pool, err := store.OpenPostgres(ctx, cfg.Postgres)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := migrate.ApplyPostgres(ctx, pool); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "postgres: migrations applied")
	return nil
}
