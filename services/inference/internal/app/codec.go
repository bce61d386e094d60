package app

import (
	"fmt"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
)

// codec is the Avro codec of the handler's input and output records.
type codec struct {
	activity *events.ProfileActivityCodec
	traits   *events.ProfileTraitsCodec
}

func newCodec(schemaRegistryURL string) (*codec, error) {
	reg, err := avro.RegistryFromURL(schemaRegistryURL)
	if err != nil {
		return nil, fmt.Errorf("loading avro schemas: %w", err)
	}
	activity, err := events.NewProfileActivityCodec(reg)
	if err != nil {
		return nil, fmt.Errorf("creating profile activity codec: %w", err)
	}
	traits, err := events.NewProfileTraitsCodec(reg)
	if err != nil {
		return nil, fmt.Errorf("creating profile traits codec: %w", err)
	}
	return &codec{activity: activity, traits: traits}, nil
}

func (c *codec) DecodeActivity(data []byte) (*events.ProfileActivity, error) {
	return c.activity.Decode(data)
}

func (c *codec) EncodeTraits(t *events.ProfileTraits) ([]byte, error) {
	return c.traits.Encode(t)
}
