// Package pseudonym replaces identifiers with keyed hashes, so that topics
// and analytical stores can join on an identifier without carrying it.
//
// A hash is the lower-case hex HMAC-SHA256 of "<kind>:<value>" under a
// secret key. Without the key, a hash cannot be recomputed from a guessed
// identifier, and rotating the key changes every hash.
package pseudonym

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// MinKeyBytes is the minimum key length: the output size of SHA-256, as
// RFC 2104 recommends for HMAC keys.
const MinKeyBytes = 32

// Identifier kinds. The kind is part of the hashed message, so equal
// values of different kinds hash differently.
const (
	KindUser  = "user"
	KindEmail = "email"
	KindPhone = "phone"
)

// Hasher computes keyed hashes. It is safe for concurrent use.
type Hasher struct {
	key []byte
}

// New returns a Hasher for key, which must be at least MinKeyBytes long.
func New(key []byte) (*Hasher, error) {
	if len(key) < MinKeyBytes {
		return nil, fmt.Errorf("pseudonym key has %d bytes, need at least %d", len(key), MinKeyBytes)
	}
	return &Hasher{key: append([]byte(nil), key...)}, nil
}

// Hash returns the hex HMAC-SHA256 of "<kind>:<value>".
func (h *Hasher) Hash(kind, value string) string {
	mac := hmac.New(sha256.New, h.key)
	mac.Write([]byte(kind))
	mac.Write([]byte{':'})
	mac.Write([]byte(value))
	return hex.EncodeToString(mac.Sum(nil))
}
