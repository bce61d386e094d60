package migrate

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	pgmigrations "github.com/profilehub/platform/deploy/postgres"
)

// advisoryLockKey identifies the migration lock among the advisory locks of
// a database. The value is arbitrary but fixed.
const advisoryLockKey int64 = 0x70726f66696c65 // "profile" in ASCII

// ApplyPostgres applies the embedded PostgreSQL migrations to the pool's
// database. See ApplyPostgresFS.
func ApplyPostgres(ctx context.Context, pool *pgxpool.Pool) error {
	return ApplyPostgresFS(ctx, pool, pgmigrations.Migrations)
}

// ApplyPostgresFS applies the *.sql files of files to the pool's database,
// each in its own transaction together with its row in schema_migrations, so
// a file is applied completely or not at all. Files already recorded are
// skipped. A session advisory lock held for the whole run makes concurrent
// callers on one database wait for each other.
func ApplyPostgresFS(ctx context.Context, pool *pgxpool.Pool, files fs.FS) error {
	migrations, err := readFiles(files)
	if err != nil {
		return err
	}

	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquiring postgres connection for migrations: %w", err)
	}
	defer conn.Release()

	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", advisoryLockKey); err != nil {
		return fmt.Errorf("taking postgres migration lock: %w", err)
	}
	defer unlock(ctx, conn)

	// The bookkeeping file must run before its table can be read.
	if _, err := conn.Exec(ctx, migrations[0].sql); err != nil {
		return fmt.Errorf("applying postgres migration %s: %w", migrations[0].name, err)
	}
	applied, err := appliedPostgres(ctx, conn)
	if err != nil {
		return err
	}

	for _, m := range migrations {
		if applied[m.name] {
			continue
		}
		if err := applyPostgresFile(ctx, conn, m); err != nil {
			return err
		}
	}
	return nil
}

// unlock releases the advisory lock with a fresh context, so it is also
// released when ctx has ended. If that fails, the lock goes with the
// connection, which is destroyed.
func unlock(ctx context.Context, conn *pgxpool.Conn) {
	uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, err := conn.Exec(uctx, "SELECT pg_advisory_unlock($1)", advisoryLockKey); err != nil {
		_ = conn.Conn().Close(uctx)
	}
}

func appliedPostgres(ctx context.Context, conn *pgxpool.Conn) (map[string]bool, error) {
	rows, err := conn.Query(ctx, "SELECT name FROM schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("reading schema_migrations: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("reading schema_migrations: %w", err)
	}

	applied := make(map[string]bool, len(names))
	for _, n := range names {
		applied[n] = true
	}
	return applied, nil
}

// applyPostgresFile runs the file through the simple protocol, which accepts
// several statements, and records it in the same transaction.
func applyPostgresFile(ctx context.Context, conn *pgxpool.Conn, m file) error {
	err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if m.name != bookkeepingFile {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
		}
		_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (name) VALUES ($1)", m.name)
		return err
	})
	if err != nil {
		return fmt.Errorf("applying postgres migration %s: %w", m.name, err)
	}
	return nil
}
