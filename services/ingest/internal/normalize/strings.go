// Package normalize rewrites the string fields of an event into one canonical
// form, so that equal values compare equal in every later stage and store.
package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// String returns s as valid UTF-8 in Unicode normalization form C, with NUL
// bytes removed and leading and trailing white space trimmed. Each invalid
// byte sequence becomes one U+FFFD replacement character.
func String(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return nfc(strings.TrimSpace(s))
}

// nfc returns s in normalization form C. The quick check avoids an
// allocation for text that is already in NFC, which includes all ASCII.
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// Email returns the normalized form of an email address: String, then lower
// case. Lower-casing the local part is not required by RFC 5321, but the
// platform treats addresses that differ only in case as the same person.
func Email(s string) string {
	// Lower-casing can leave a string that is no longer in NFC.
	return nfc(strings.ToLower(String(s)))
}

// Strings normalizes every element of values in place and returns values.
func Strings(values []string) []string {
	for i, v := range values {
		values[i] = String(v)
	}
	return values
}

// StringMap returns a copy of m with normalized keys and values. When two
// keys become equal after normalization, the value of the key that sorts
// last in byte order wins, so the result does not depend on map iteration
// order.
func StringMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	origin := make(map[string]string, len(m))
	for k, v := range m {
		key := String(k)
		if prev, ok := origin[key]; ok && prev > k {
			continue
		}
		origin[key] = k
		out[key] = String(v)
	}
	return out
}
