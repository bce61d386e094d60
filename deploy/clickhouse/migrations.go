// Package clickhouse embeds the ClickHouse migrations, applied in file-name
// order by package migrate of the pkg module. Files are append-only: a
// change to the schema is a new file.
package clickhouse

import "embed"

// Migrations contains every *.sql file of this directory. Statements end
// with a semicolon at the end of a line. The runner replaces {database} with
// the target database name.
//
//go:embed *.sql
var Migrations embed.FS
