package migrate

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	chmigrations "github.com/profilehub/platform/deploy/clickhouse"
)

// ApplyClickHouse applies the embedded ClickHouse migrations to database,
// which must exist. See ApplyClickHouseFS.
func ApplyClickHouse(ctx context.Context, conn driver.Conn, database string) error {
	return ApplyClickHouseFS(ctx, conn, database, chmigrations.Migrations)
}

// ApplyClickHouseFS applies the *.sql files of files to database: the
// statements of each file in order, with {database} replaced by the name,
// then a row in {database}.schema_migrations. Files already recorded there
// are skipped.
//
// ClickHouse has no transactions, so a file that fails halfway leaves its
// earlier statements applied and is not recorded. The next run executes the
// file from the start, which is why statements use IF NOT EXISTS.
//
// NOTE: there is no lock, so two processes migrating one database at the
// same time may both apply a file. Run migrations from one process.
func ApplyClickHouseFS(ctx context.Context, conn driver.Conn, database string, files fs.FS) error {
	if !identifier.MatchString(database) {
		return fmt.Errorf("invalid clickhouse database name %q: use letters, digits and underscores", database)
	}
	migrations, err := readFiles(files)
	if err != nil {
		return err
	}

	// The bookkeeping file must run before its table can be read.
	if err := execClickHouseFile(ctx, conn, database, migrations[0]); err != nil {
		return err
	}
	applied, err := appliedClickHouse(ctx, conn, database)
	if err != nil {
		return err
	}

	for _, m := range migrations {
		if applied[m.name] {
			continue
		}
		if m.name != bookkeepingFile {
			if err := execClickHouseFile(ctx, conn, database, m); err != nil {
				return err
			}
		}
		if err := recordClickHouse(ctx, conn, database, m.name); err != nil {
			return err
		}
	}
	return nil
}

func execClickHouseFile(ctx context.Context, conn driver.Conn, database string, m file) error {
	sql := strings.ReplaceAll(m.sql, "{database}", database)
	for i, stmt := range splitStatements(sql) {
		if err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("applying clickhouse migration %s, statement %d: %w", m.name, i+1, err)
		}
	}
	return nil
}

func appliedClickHouse(ctx context.Context, conn driver.Conn, database string) (map[string]bool, error) {
	rows, err := conn.Query(ctx, "SELECT DISTINCT name FROM "+database+".schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("reading %s.schema_migrations: %w", database, err)
	}
	defer rows.Close()

	applied := make(map[string]bool)
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("reading %s.schema_migrations: %w", database, err)
		}
		applied[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading %s.schema_migrations: %w", database, err)
	}
	return applied, nil
}

// recordClickHouse inserts the file name through a batch, because ClickHouse
// 18.16 does not respond to an INSERT … VALUES sent through Exec.
func recordClickHouse(ctx context.Context, conn driver.Conn, database, name string) error {
	batch, err := conn.PrepareBatch(ctx, "INSERT INTO "+database+".schema_migrations (name, applied_at)")
	if err != nil {
		return fmt.Errorf("recording clickhouse migration %s: %w", name, err)
	}
	if err := batch.Append(name, time.Now().UTC()); err != nil {
		_ = batch.Abort()
		return fmt.Errorf("recording clickhouse migration %s: %w", name, err)
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("recording clickhouse migration %s: %w", name, err)
	}
	return nil
}
