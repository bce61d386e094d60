package migrate_test

import (
	"context"
	"io/fs"
	"testing"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/stretchr/testify/require"
)

func fsGlob(files fs.FS) ([]string, error) { return fs.Glob(files, "*.sql") }

func mustRead(t *testing.T, files fs.FS, name string) []byte {
	t.Helper()
	data, err := fs.ReadFile(files, name)
	require.NoError(t, err)
	return data
}

func assertTable(t *testing.T, ctx context.Context, conn driver.Conn, database, table string) {
	t.Helper()
	var n uint64
	require.NoError(t, conn.QueryRow(ctx,
		"SELECT count() FROM system.tables WHERE database = '"+database+"' AND name = '"+table+"'").Scan(&n))
	require.Equal(t, uint64(1), n, "table %s.%s exists", database, table)
}
