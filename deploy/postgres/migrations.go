// Package postgres embeds the PostgreSQL migrations, applied in file-name
// order by package migrate of the pkg module, each in one transaction.
// Files are append-only: a change to the schema is a new file.
package postgres

import "embed"

// Migrations contains every *.sql file of this directory.
//
//go:embed *.sql
var Migrations embed.FS
