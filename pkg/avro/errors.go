package avro

import (
	"errors"
	"fmt"
)

var (
	// ErrMalformed marks data that cannot be decoded: a short or unknown
	// header, a body that does not match the writer schema, or bytes left
	// after the body.
	ErrMalformed = errors.New("malformed avro data")

	// ErrUnknownSchema marks a writer fingerprint, schema registry id or
	// type name that the registry does not contain.
	ErrUnknownSchema = errors.New("unknown avro schema")

	// ErrIncompatible marks data whose writer schema cannot be resolved to
	// the reader schema by the Avro specification's rules.
	ErrIncompatible = errors.New("incompatible avro schemas")

	// ErrInvalidDatum marks a native value that the schema cannot encode.
	ErrInvalidDatum = errors.New("invalid avro datum")
)

// Wire formats that Decode recognizes by the first byte.
const (
	FormatSingleObject = "single-object" // 0xC3 0x01, 8-byte fingerprint
	FormatConfluent    = "confluent"     // 0x00, 4-byte schema id
)

// DecodeError is the permanent error of Decode: retrying the same bytes
// fails the same way. Err wraps ErrMalformed, ErrUnknownSchema or
// ErrIncompatible, so errors.Is works on a *DecodeError.
type DecodeError struct {
	Reader      string // full name of the reader schema
	Format      string // FormatSingleObject, FormatConfluent or "" before the header was read
	Fingerprint uint64 // writer fingerprint, for FormatSingleObject
	SchemaID    uint32 // writer schema id, for FormatConfluent
	Err         error
}

func (e *DecodeError) Error() string {
	switch e.Format {
	case FormatSingleObject:
		return fmt.Sprintf("decoding %s from single-object avro with writer fingerprint %#016x: %s",
			e.Reader, e.Fingerprint, e.Err.Error())
	case FormatConfluent:
		return fmt.Sprintf("decoding %s from confluent avro with writer schema id %d: %s",
			e.Reader, e.SchemaID, e.Err.Error())
	}
	return fmt.Sprintf("decoding %s from avro: %s", e.Reader, e.Err.Error())
}

func (e *DecodeError) Unwrap() error { return e.Err }

// IsPermanent reports whether err comes from data that can never be
// decoded, so that a consumer should dead-letter the record instead of
// retrying it. A failure to reach the schema registry is not permanent.
func IsPermanent(err error) bool {
	var decodeErr *DecodeError
	return errors.As(err, &decodeErr)
}
