// Package identity derives the platform's stable identifiers: profile ids
// from the identifiers an event carries, and deterministic event ids for
// imports.
package identity

import (
	"github.com/google/uuid"
)

// namespace is the UUIDv5 namespace of every identifier this package derives.
// Changing it changes every profile id and event id: it is fixed for good.
var namespace = uuid.MustParse("5b1c3f0e-8f4a-4a8e-9d43-2f0c6e7b9a11")

// Identifier kinds that profile ids are derived from.
const (
	KindUser      = "user"
	KindAnonymous = "anonymous"
)

// ProfileID returns the profile id that a user id or an anonymous id maps
// to before any identity link applies: UUIDv5 of "<kind>:<value>".
func ProfileID(kind, value string) string {
	return uuid.NewSHA1(namespace, []byte(kind+":"+value)).String()
}

// EventID returns a deterministic event id for the record of an import, so
// that importing the same file twice produces the same ids. source names the
// data set and key identifies the record within it.
func EventID(source, key string) string {
	return uuid.NewSHA1(namespace, []byte("event:"+source+":"+key)).String()
}
