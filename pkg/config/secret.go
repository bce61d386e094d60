package config

import "encoding/json"

// Secret is a string that never prints: String, GoString, MarshalJSON and
// MarshalText all return "[redacted]", so a Secret in a log line, an error
// or a dumped config stays hidden. Reveal returns the value itself.
type Secret string

const redacted = "[redacted]"

// String returns "[redacted]".
func (Secret) String() string { return redacted }

// GoString returns "[redacted]", so %#v does not print the value.
func (Secret) GoString() string { return redacted }

// MarshalJSON encodes the secret as the JSON string "[redacted]". zerolog's
// Interface and Any fields go through this method.
func (Secret) MarshalJSON() ([]byte, error) { return json.Marshal(redacted) }

// MarshalText returns "[redacted]" for encoders that prefer text.
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// Reveal returns the secret's value, to hand to a client library.
func (s Secret) Reveal() string { return string(s) }

// IsSet reports whether the secret has a non-empty value.
func (s Secret) IsSet() bool { return s != "" }
