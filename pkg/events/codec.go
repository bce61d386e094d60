package events

import (
	"context"
	"fmt"

	"github.com/profilehub/platform/pkg/avro"
)

// Codec encodes and decodes one Go type with its reader schema. It is safe
// for concurrent use.
type Codec[T any] struct {
	avro       *avro.Codec
	toNative   func(*T) (map[string]any, error)
	fromNative func(map[string]any) (*T, error)
}

// Typed codecs of the platform's schemas.
type (
	EventCodec             = Codec[Event]
	ProfileActivityCodec   = Codec[ProfileActivity]
	ProfileTraitsCodec     = Codec[ProfileTraits]
	PreferenceVectorCodec  = Codec[PreferenceVector]
	SegmentMembershipCodec = Codec[SegmentMembership]
	ProfileCodec           = Codec[Profile]
)

func newCodec[T any](reg *avro.Registry, name string, to func(*T) (map[string]any, error),
	from func(map[string]any) (*T, error)) (*Codec[T], error) {
	c, err := reg.Codec(name)
	if err != nil {
		return nil, fmt.Errorf("building codec: %w", err)
	}
	return &Codec[T]{avro: c, toNative: to, fromNative: from}, nil
}

// NewEventCodec returns the codec of Event.
func NewEventCodec(reg *avro.Registry) (*EventCodec, error) {
	return newCodec(reg, EventSchema, (*Event).ToNative, EventFromNative)
}

// NewProfileActivityCodec returns the codec of ProfileActivity.
func NewProfileActivityCodec(reg *avro.Registry) (*ProfileActivityCodec, error) {
	return newCodec(reg, ProfileActivitySchema, (*ProfileActivity).ToNative, ProfileActivityFromNative)
}

// NewProfileTraitsCodec returns the codec of ProfileTraits.
func NewProfileTraitsCodec(reg *avro.Registry) (*ProfileTraitsCodec, error) {
	return newCodec(reg, ProfileTraitsSchema, (*ProfileTraits).ToNative, ProfileTraitsFromNative)
}

// NewPreferenceVectorCodec returns the codec of PreferenceVector.
func NewPreferenceVectorCodec(reg *avro.Registry) (*PreferenceVectorCodec, error) {
	return newCodec(reg, PreferenceVectorSchema, (*PreferenceVector).ToNative, PreferenceVectorFromNative)
}

// NewSegmentMembershipCodec returns the codec of SegmentMembership.
func NewSegmentMembershipCodec(reg *avro.Registry) (*SegmentMembershipCodec, error) {
	return newCodec(reg, SegmentMembershipSchema, (*SegmentMembership).ToNative, SegmentMembershipFromNative)
}

// NewProfileCodec returns the codec of Profile.
func NewProfileCodec(reg *avro.Registry) (*ProfileCodec, error) {
	return newCodec(reg, ProfileSchema, (*Profile).ToNative, ProfileFromNative)
}

// Avro returns the underlying codec, for its schema, fingerprint and
// Register.
func (c *Codec[T]) Avro() *avro.Codec { return c.avro }

// Encode returns v in Avro single-object encoding. It does not call
// Event.Validate.
func (c *Codec[T]) Encode(v *T) ([]byte, error) {
	native, err := c.toNative(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", avro.ErrInvalidDatum, err)
	}
	return c.avro.Encode(native)
}

// EncodeConfluent returns v in the Confluent wire format with schemaID,
// which avro.Codec.Register returns.
func (c *Codec[T]) EncodeConfluent(schemaID uint32, v *T) ([]byte, error) {
	native, err := c.toNative(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", avro.ErrInvalidDatum, err)
	}
	return c.avro.EncodeConfluent(schemaID, native)
}

// Decode decodes single-object or Confluent wire format data, resolving
// older and newer writer schemas. A *avro.DecodeError is permanent. Any
// other error comes from the schema registry and is worth retrying.
func (c *Codec[T]) Decode(data []byte) (*T, error) {
	return c.DecodeContext(context.Background(), data)
}

// DecodeContext is Decode with a context for schema registry requests.
func (c *Codec[T]) DecodeContext(ctx context.Context, data []byte) (*T, error) {
	native, err := c.avro.DecodeContext(ctx, data)
	if err != nil {
		return nil, err
	}
	v, err := c.fromNative(native)
	if err != nil {
		return nil, &avro.DecodeError{Reader: c.avro.Name(), Err: fmt.Errorf("%w: %w", avro.ErrMalformed, err)}
	}
	return v, nil
}
