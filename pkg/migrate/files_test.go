package migrate

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitStatements(t *testing.T) {
	tests := []struct {
		name string
		sql  string
		want []string
	}{
		{"single without semicolon", "CREATE TABLE a (x Int8)\n", []string{"CREATE TABLE a (x Int8)"}},
		{"two statements", "CREATE TABLE a (x Int8);\nCREATE TABLE b (y Int8);\n",
			[]string{"CREATE TABLE a (x Int8)", "CREATE TABLE b (y Int8)"}},
		{"semicolon at end of file", "SELECT 1;", []string{"SELECT 1"}},
		{"trailing spaces and CRLF", "SELECT 1;  \r\nSELECT 2", []string{"SELECT 1", "SELECT 2"}},
		{"semicolon inside a line stays", "SELECT ';' AS x;\n", []string{"SELECT ';' AS x"}},
		{"comment-only parts dropped", "-- header\n\nSELECT 1;\n-- trailer\n", []string{"-- header\n\nSELECT 1"}},
		{"empty file", "\n\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, splitStatements(tt.sql))
		})
	}
}

func TestReadFilesSortsByName(t *testing.T) {
	files := fstest.MapFS{
		"010_b.sql":           {Data: []byte("b")},
		"002_a.sql":           {Data: []byte("a")},
		bookkeepingFile:       {Data: []byte("k")},
		"README.md":           {Data: []byte("not a migration")},
		"sub/003_ignored.sql": {Data: []byte("nested files are not migrations")},
	}
	got, err := readFiles(files)
	require.NoError(t, err)

	names := make([]string, len(got))
	for i, f := range got {
		names[i] = f.name
	}
	assert.Equal(t, []string{bookkeepingFile, "002_a.sql", "010_b.sql"}, names)
}

func TestReadFilesRequiresBookkeeping(t *testing.T) {
	_, err := readFiles(fstest.MapFS{"001_a.sql": {Data: []byte("a")}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), bookkeepingFile)
}

func TestIdentifier(t *testing.T) {
	for name, ok := range map[string]bool{
		"profilehub": true, "test_0a1b": true, "_x": true,
		"": false, "1db": false, "a-b": false, "a;DROP": false, "a b": false,
	} {
		assert.Equal(t, ok, identifier.MatchString(name), "database name %q", name)
	}
}
