// Package avro encodes and decodes the platform's Avro records in the two
// wire formats that Kafka values use, and resolves data written with
// another version of a schema to the version the reader compiled with.
//
// A Registry loads the *.avsc files of the schemas module. Each file's
// top-level record is a reader schema, available as a Codec. Encode writes
// Avro single-object encoding: 0xC3 0x01, the schema's CRC-64-AVRO
// fingerprint in little-endian order, and the binary body. EncodeConfluent
// writes the Confluent wire format: 0x00, a big-endian 4-byte schema id and
// the body. Decode accepts both and returns goavro's native form: records
// as map[string]any, unions as nil or map[string]any{branch: value},
// timestamp-millis as time.Time in UTC and decimals as *big.Rat.
//
// goavro v2.15 decodes only with the schema the data was written with, so
// Decode does it in two steps. It decodes the body with the writer schema.
// Then it converts the result to the reader schema by the resolution rules
// of the Avro specification. Fields match by name or reader alias, missing
// reader fields get their default, and types are promoted, union branches
// selected and unknown enum symbols replaced by the enum default. The
// conversion is compiled once per writer and reader pair, and data written
// with the reader schema itself skips it.
//
// Fingerprints follow the specification's Parsing Canonical Form. goavro's
// own Codec.Rabin differs for schemas with logical types, so this package
// computes fingerprints itself, and other Avro implementations produce the
// same values for the same schemas.
//
// Decode errors that retrying cannot fix are *DecodeError values wrapping
// ErrMalformed, ErrUnknownSchema or ErrIncompatible. IsPermanent
// distinguishes them from a schema registry that cannot be reached.
package avro
