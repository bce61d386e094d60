// Package migrate applies the platform's SQL migrations to ClickHouse and
// PostgreSQL. Files are applied in file-name order, each once, and recorded
// in a schema_migrations table that the first file, 000_schema_migrations.sql,
// creates. That file runs on every call, so it must be idempotent.
package migrate

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
)

// bookkeepingFile creates the schema_migrations table.
const bookkeepingFile = "000_schema_migrations.sql"

// file is one migration: its name and its SQL text.
type file struct {
	name string
	sql  string
}

// readFiles returns the *.sql files at the root of files, sorted by name,
// and checks that the first one is the bookkeeping file.
func readFiles(files fs.FS) ([]file, error) {
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("listing migration files: %w", err)
	}
	slices.Sort(names)
	if len(names) == 0 || names[0] != bookkeepingFile {
		return nil, fmt.Errorf("migration files must start with %s, found %v", bookkeepingFile, names)
	}

	out := make([]file, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, fmt.Errorf("reading migration %s: %w", name, err)
		}
		out = append(out, file{name: name, sql: string(data)})
	}
	return out, nil
}

// statementEnd is a semicolon at the end of a line, which ends a statement.
var statementEnd = regexp.MustCompile(`;[ \t]*(\r?\n|$)`)

// splitStatements splits a file into statements at statementEnd and drops
// the ones that hold only whitespace and "--" comment lines.
func splitStatements(sql string) []string {
	var out []string
	for _, part := range statementEnd.Split(sql, -1) {
		if hasCode(part) {
			out = append(out, strings.TrimSpace(part))
		}
	}
	return out
}

// hasCode reports whether s contains a line other than a blank or "--" comment.
func hasCode(s string) bool {
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "--") {
			return true
		}
	}
	return false
}

// identifier is a database name that is safe to splice into SQL unquoted.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
