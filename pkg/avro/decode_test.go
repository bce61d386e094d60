package avro

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDecodeRejectsBadInput(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	c, err := reg.Codec("profilehub.events.Event")
	require.NoError(t, err)
	valid, err := c.Encode(minimalEvent())
	require.NoError(t, err)

	unknown := append([]byte(nil), valid...)
	binary.LittleEndian.PutUint64(unknown[2:], 0x1122334455667788)

	tests := []struct {
		name    string
		data    []byte
		target  error
		message string
	}{
		{"empty input", nil, ErrMalformed, "empty input"},
		{"short single-object header", valid[:9], ErrMalformed, "got 9 bytes"},
		{"second magic byte wrong", append([]byte{0xC3, 0x02}, valid[2:]...), ErrMalformed, "single-object header needs 0xC3 0x01"},
		{"unknown first byte", append([]byte{0x7B}, valid[1:]...), ErrMalformed, "first byte 0x7b is neither"},
		{"short confluent header", []byte{0x00, 0x00, 0x01}, ErrMalformed, "confluent header needs"},
		{"confluent without schema registry", []byte{0x00, 0, 0, 0, 7, 0x02}, ErrUnknownSchema, "needs a schema registry client and none is configured"},
		{"unknown fingerprint", unknown, ErrUnknownSchema, "fingerprint 0x1122334455667788"},
		{"truncated body", valid[:len(valid)-3], ErrMalformed, "body does not match the writer schema"},
		{"trailing bytes", append(append([]byte(nil), valid...), 0x00, 0x00), ErrMalformed, "2 bytes left after the body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Decode(tt.data)
			require.Error(t, err)
			require.ErrorIs(t, err, tt.target)
			require.True(t, IsPermanent(err), "error %q must be permanent", err)
			require.Contains(t, err.Error(), tt.message)
			require.Contains(t, err.Error(), "profilehub.events.Event")
		})
	}
}

func TestEncodeRejectsInvalidDatum(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	c, err := reg.Codec("profilehub.events.Event")
	require.NoError(t, err)

	native := minimalEvent()
	delete(native, "event_id")
	_, err = c.Encode(native)
	require.ErrorIs(t, err, ErrInvalidDatum)
	require.Contains(t, err.Error(), "event_id")
}

func TestRegistryRejectsUnknownNames(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)

	_, err = reg.Codec("profilehub.events.Missing")
	require.ErrorIs(t, err, ErrUnknownSchema)

	_, err = reg.AddWriter(`{"type":"record","name":"W","fields":[{"name":"x","type":"profilehub.events.Missing"}]}`)
	require.ErrorContains(t, err, `unknown type name "profilehub.events.Missing"`)

	_, err = reg.WriterCodec(42)
	require.ErrorIs(t, err, ErrUnknownSchema)
}

func TestAddWriterInlinesPlatformTypes(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)

	// A writer of another record that embeds the platform's ProfileTraits
	// by name, as profile.avsc does.
	fp, err := reg.AddWriter(`{"type":"record","name":"Wrapper","namespace":"x",
		"fields":[{"name":"traits","type":["null","profilehub.stages.ProfileTraits"],"default":null}]}`)
	require.NoError(t, err)
	w, err := reg.WriterCodec(fp)
	require.NoError(t, err)
	require.Contains(t, w.Schema(), `"engagement_level"`)
}
