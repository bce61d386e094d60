package app

import (
	"fmt"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
)

// codec is the Avro codec of the handler's input and output records.
type codec struct {
	traits     *events.ProfileTraitsCodec
	membership *events.SegmentMembershipCodec
}

func newCodec(schemaRegistryURL string) (*codec, error) {
	reg, err := avro.RegistryFromURL(schemaRegistryURL)
	if err != nil {
		return nil, fmt.Errorf("loading avro schemas: %w", err)
	}
	traits, err := events.NewProfileTraitsCodec(reg)
	if err != nil {
		return nil, fmt.Errorf("creating profile traits codec: %w", err)
	}
	membership, err := events.NewSegmentMembershipCodec(reg)
	if err != nil {
		return nil, fmt.Errorf("creating segment membership codec: %w", err)
	}
	return &codec{traits: traits, membership: membership}, nil
}

func (c *codec) DecodeTraits(data []byte) (*events.ProfileTraits, error) {
	return c.traits.Decode(data)
}

func (c *codec) EncodeMembership(m *events.SegmentMembership) ([]byte, error) {
	return c.membership.Encode(m)
}
