package avro

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
)

const (
	singleObjectHeaderSize = 10 // 0xC3 0x01 and the 8-byte fingerprint
	confluentHeaderSize    = 5  // 0x00 and the 4-byte schema id
	encodeBufferSize       = 256
)

// Codec encodes and decodes one reader schema of a Registry. It is safe for
// concurrent use.
type Codec struct {
	registry *Registry
	reader   *schemaEntry
	header   [singleObjectHeaderSize]byte
}

func newCodec(r *Registry, entry *schemaEntry) *Codec {
	c := &Codec{registry: r, reader: entry}
	c.header[0], c.header[1] = 0xC3, 0x01
	binary.LittleEndian.PutUint64(c.header[2:], entry.fingerprint)
	return c
}

// Name returns the full name of the reader schema.
func (c *Codec) Name() string { return c.reader.parsed.name }

// Fingerprint returns the CRC-64-AVRO fingerprint of the reader schema.
func (c *Codec) Fingerprint() uint64 { return c.reader.fingerprint }

// Schema returns the reader schema as self-contained JSON, with the named
// types of other files inlined. Register sends this text.
func (c *Codec) Schema() string { return c.reader.text }

// CanonicalSchema returns the Parsing Canonical Form of the reader schema.
func (c *Codec) CanonicalSchema() string { return c.reader.canonical }

// Encode returns native in Avro single-object encoding with the reader
// schema: 0xC3 0x01, the schema's fingerprint in little-endian order and the
// binary body. Record fields missing from native get their schema default.
//
// NOTE: goavro v2.15 truncates a *big.Rat with more decimal places than the
// schema's scale without an error. Package events rejects such money before
// it gets here; other callers must check it themselves.
func (c *Codec) Encode(native map[string]any) ([]byte, error) {
	buf := make([]byte, singleObjectHeaderSize, encodeBufferSize)
	copy(buf, c.header[:])
	return c.appendBody(buf, native)
}

// EncodeConfluent returns native in the Confluent wire format: 0x00, the
// big-endian schemaID that Register returned for this codec, and the body.
func (c *Codec) EncodeConfluent(schemaID uint32, native map[string]any) ([]byte, error) {
	buf := make([]byte, confluentHeaderSize, encodeBufferSize)
	binary.BigEndian.PutUint32(buf[1:], schemaID)
	return c.appendBody(buf, native)
}

func (c *Codec) appendBody(buf []byte, native map[string]any) ([]byte, error) {
	out, err := c.reader.codec.BinaryFromNative(buf, native)
	if err != nil {
		return nil, fmt.Errorf("encoding %s: %w: %w", c.Name(), ErrInvalidDatum, err)
	}
	return out, nil
}

// Decode decodes single-object or Confluent wire format data into the
// goavro native form of the reader schema. It decodes the body with the
// writer schema that the header names. Then it resolves writer to reader by
// the Avro specification's rules, unless the writer is the reader schema
// itself. Decode returns a *DecodeError for data that can never be decoded.
// Any other error comes from the schema registry client and is worth
// retrying.
func (c *Codec) Decode(data []byte) (map[string]any, error) {
	return c.DecodeContext(context.Background(), data)
}

// DecodeContext is Decode with a context for the schema registry request
// that an unknown Confluent schema id needs.
func (c *Codec) DecodeContext(ctx context.Context, data []byte) (map[string]any, error) {
	writer, body, err := c.writerOf(ctx, data)
	if err != nil {
		return nil, err
	}

	native, rest, err := writer.codec.NativeFromBinary(body)
	if err != nil {
		return nil, c.decodeError(data, fmt.Errorf("%w: body does not match the writer schema %s: %w",
			ErrMalformed, writer.parsed.name, err))
	}
	if len(rest) > 0 {
		return nil, c.decodeError(data, fmt.Errorf("%w: %d bytes left after the body", ErrMalformed, len(rest)))
	}

	if writer.fingerprint != c.reader.fingerprint {
		plan := c.registry.resolutionFor(writer, c.reader)
		if plan.err != nil {
			return nil, c.decodeError(data, plan.err)
		}
		if plan.convert != nil {
			if native, err = plan.convert(native); err != nil {
				return nil, c.decodeError(data, err)
			}
		}
	}

	record, ok := native.(map[string]any)
	if !ok {
		return nil, c.decodeError(data, fmt.Errorf("%w: decoded %T, not a record", ErrMalformed, native))
	}
	return record, nil
}

// writerOf reads the header of data and returns the writer schema and the
// body.
func (c *Codec) writerOf(ctx context.Context, data []byte) (*schemaEntry, []byte, error) {
	if len(data) == 0 {
		return nil, nil, c.decodeError(data, fmt.Errorf("%w: empty input", ErrMalformed))
	}
	switch data[0] {
	case 0xC3:
		if len(data) < singleObjectHeaderSize || data[1] != 0x01 {
			return nil, nil, c.decodeError(data, fmt.Errorf(
				"%w: single-object header needs 0xC3 0x01 and an 8-byte fingerprint, got %d bytes", ErrMalformed, len(data)))
		}
		fingerprint := binary.LittleEndian.Uint64(data[2:])
		writer, ok := c.registry.writer(fingerprint)
		if !ok {
			return nil, nil, c.decodeError(data, fmt.Errorf(
				"%w: no writer schema with this fingerprint; add it with Registry.AddWriter", ErrUnknownSchema))
		}
		return writer, data[singleObjectHeaderSize:], nil
	case 0x00:
		if len(data) < confluentHeaderSize {
			return nil, nil, c.decodeError(data, fmt.Errorf(
				"%w: confluent header needs 0x00 and a 4-byte schema id, got %d bytes", ErrMalformed, len(data)))
		}
		writer, err := c.registry.writerByID(ctx, binary.BigEndian.Uint32(data[1:]))
		if err != nil {
			var decodeErr *DecodeError
			if errors.As(err, &decodeErr) {
				return nil, nil, c.decodeError(data, decodeErr.Err)
			}
			return nil, nil, err
		}
		return writer, data[confluentHeaderSize:], nil
	}
	return nil, nil, c.decodeError(data, fmt.Errorf(
		"%w: first byte %#02x is neither 0xC3 (single-object) nor 0x00 (confluent)", ErrMalformed, data[0]))
}

// decodeError builds the permanent error of data, with what its header
// says about the writer.
func (c *Codec) decodeError(data []byte, err error) *DecodeError {
	e := &DecodeError{Reader: c.Name(), Err: err}
	switch {
	case len(data) >= singleObjectHeaderSize && data[0] == 0xC3 && data[1] == 0x01:
		e.Format, e.Fingerprint = FormatSingleObject, binary.LittleEndian.Uint64(data[2:])
	case len(data) >= confluentHeaderSize && data[0] == 0x00:
		e.Format, e.SchemaID = FormatConfluent, binary.BigEndian.Uint32(data[1:])
	}
	return e
}
