package handler

import (
	"fmt"
	"time"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/vectorize/internal/store"
)

// AvroCodec is the Codec of the platform's Avro schemas.
type AvroCodec struct {
	activity *events.ProfileActivityCodec
	vector   *events.PreferenceVectorCodec
}

// NewAvroCodec builds the codecs from reg.
func NewAvroCodec(reg *avro.Registry) (*AvroCodec, error) {
	activity, err := events.NewProfileActivityCodec(reg)
	if err != nil {
		return nil, fmt.Errorf("building profile activity codec: %w", err)
	}
	vector, err := events.NewPreferenceVectorCodec(reg)
	if err != nil {
		return nil, fmt.Errorf("building preference vector codec: %w", err)
	}
	return &AvroCodec{activity: activity, vector: vector}, nil
}

// DecodeActivity returns the profile id and as_of of a ProfileActivity.
func (c *AvroCodec) DecodeActivity(value []byte) (string, time.Time, error) {
	a, err := c.activity.Decode(value)
	if err != nil {
		return "", time.Time{}, err
	}
	return a.ProfileID, a.AsOf, nil
}

// EncodeVector encodes r as a PreferenceVector.
func (c *AvroCodec) EncodeVector(r store.Row) ([]byte, error) {
	return c.vector.Encode(&events.PreferenceVector{
		ProfileID:      r.ProfileID,
		VectorSpace:    r.VectorSpace,
		AsOf:           r.AsOf,
		Values:         r.Vector.Values,
		TopFeatures:    r.Vector.TopFeatures,
		EvidenceEvents: r.Vector.Evidence,
	})
}
