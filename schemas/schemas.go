// Package schemas embeds the platform's Avro schemas so that every service
// and tool encodes and decodes with the same files.
package schemas

import "embed"

// Files contains every *.avsc file of this folder, and the earlier
// versions in history/. A schema may name a record of another file by its
// full name; pkg/avro inlines it on load.
//
//go:embed *.avsc history
var Files embed.FS
