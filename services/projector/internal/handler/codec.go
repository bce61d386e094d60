package handler

import (
	"fmt"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
)

// AvroCodec is the Codec of the platform's Avro schemas, and encodes the
// profiles topic's records.
type AvroCodec struct {
	event    *events.EventCodec
	traits   *events.ProfileTraitsCodec
	vector   *events.PreferenceVectorCodec
	segments *events.SegmentMembershipCodec
	profile  *events.ProfileCodec
}

// NewAvroCodec builds the codecs from reg.
func NewAvroCodec(reg *avro.Registry) (*AvroCodec, error) {
	var (
		c   AvroCodec
		err error
	)
	if c.event, err = events.NewEventCodec(reg); err != nil {
		return nil, fmt.Errorf("building event codec: %w", err)
	}
	if c.traits, err = events.NewProfileTraitsCodec(reg); err != nil {
		return nil, fmt.Errorf("building profile traits codec: %w", err)
	}
	if c.vector, err = events.NewPreferenceVectorCodec(reg); err != nil {
		return nil, fmt.Errorf("building preference vector codec: %w", err)
	}
	if c.segments, err = events.NewSegmentMembershipCodec(reg); err != nil {
		return nil, fmt.Errorf("building segment membership codec: %w", err)
	}
	if c.profile, err = events.NewProfileCodec(reg); err != nil {
		return nil, fmt.Errorf("building profile codec: %w", err)
	}
	return &c, nil
}

// DecodeEvent decodes an events.resolved value.
func (c *AvroCodec) DecodeEvent(v []byte) (*events.Event, error) { return c.event.Decode(v) }

// DecodeTraits decodes a traits.inferred value.
func (c *AvroCodec) DecodeTraits(v []byte) (*events.ProfileTraits, error) { return c.traits.Decode(v) }

// DecodeVector decodes a vectors.updated value.
func (c *AvroCodec) DecodeVector(v []byte) (*events.PreferenceVector, error) {
	return c.vector.Decode(v)
}

// DecodeSegments decodes a segments.changed value.
func (c *AvroCodec) DecodeSegments(v []byte) (*events.SegmentMembership, error) {
	return c.segments.Decode(v)
}

// EncodeProfile encodes a profiles topic value.
func (c *AvroCodec) EncodeProfile(p *events.Profile) ([]byte, error) { return c.profile.Encode(p) }
