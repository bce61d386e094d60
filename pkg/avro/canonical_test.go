package avro

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The fingerprints are the Apache Avro project's test vectors
// (share/test/data/schema-tests.txt), as signed 64-bit values, in the form
// that the tests of other Avro implementations quote them.
func TestCanonicalFormAndFingerprint(t *testing.T) {
	tests := []struct {
		name        string
		schema      string
		canonical   string
		fingerprint int64
	}{
		{"null", `"null"`, `"null"`, 7195948357588979594},
		{"null object", `{"type":"null"}`, `"null"`, 7195948357588979594},
		{"boolean", `"boolean"`, `"boolean"`, -6970731678124411036},
		{"int", `{"type":"int"}`, `"int"`, 8247732601305521295},
		{"long", `"long"`, `"long"`, -3434872931120570953},
		{"float", `"float"`, `"float"`, 5583340709985441680},
		{"double", `"double"`, `"double"`, -8181574048448539266},
		{"bytes", `"bytes"`, `"bytes"`, 5746618253357095269},
		{"string", `"string"`, `"string"`, -8142146995180207161},
		{"union", `[ "int", "boolean" ]`, `["int","boolean"]`, 5392556393470105090},
		{"empty record", `{"type":"record","name":"foo","fields":[]}`,
			`{"name":"foo","type":"record","fields":[]}`, -4824392279771201922},
		{"record", `{"fields":[{"type":"boolean","name":"f1"},{"name":"f2","type":"int"}],"type":"record","name":"foo"}`,
			`{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}`,
			-4860222112080293046},
		{"enum", `{"type":"enum","name":"foo","symbols":["A1"],"doc":"stripped"}`,
			`{"name":"foo","type":"enum","symbols":["A1"]}`, -6342190197741309591},
		{"fixed", `{"type":"fixed","name":"foo","size":15}`,
			`{"name":"foo","type":"fixed","size":15}`, 1756455273707447556},
		{"recursive record", `{"type":"record","name":"PigValue","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}`,
			`{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}`,
			-1759257747318642341},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parseSchemaJSON(tt.schema)
			require.NoError(t, err)
			canonical := canonicalForm(s)
			require.Equal(t, tt.canonical, canonical)
			require.Equal(t, uint64(tt.fingerprint), Fingerprint([]byte(canonical)))
		})
	}
}

func TestCanonicalFormStripsAttributes(t *testing.T) {
	s, err := parseSchemaJSON(`{"type":"record","name":"R","namespace":"a.b","doc":"d","aliases":["Q"],"fields":[
		{"name":"t","type":{"type":"long","logicalType":"timestamp-millis"},"default":0,"doc":"d"},
		{"name":"m","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":4}},
		{"name":"e","type":{"type":"enum","name":"E","symbols":["X"],"default":"X"}},
		{"name":"e2","type":"E"},
		{"name":"o","type":{"type":"record","name":"c.O","fields":[{"name":"back","type":["null","a.b.E"]}]}}]}`)
	require.NoError(t, err)
	require.Equal(t, `{"name":"a.b.R","type":"record","fields":[{"name":"t","type":"long"},`+
		`{"name":"m","type":"bytes"},{"name":"e","type":{"name":"a.b.E","type":"enum","symbols":["X"]}},`+
		`{"name":"e2","type":"a.b.E"},{"name":"o","type":{"name":"c.O","type":"record","fields":[`+
		`{"name":"back","type":["null","a.b.E"]}]}}]}`, canonicalForm(s))
}

func TestCodecHeaderCarriesFingerprint(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	c, err := reg.Codec("profilehub.events.Event")
	require.NoError(t, err)
	require.Equal(t, Fingerprint([]byte(c.CanonicalSchema())), c.Fingerprint())

	data, err := c.Encode(minimalEvent())
	require.NoError(t, err)
	require.Equal(t, []byte{0xC3, 0x01}, data[:2])
	fp := c.Fingerprint()
	for i := range 8 {
		require.Equal(t, byte(fp>>(8*i)), data[2+i], "fingerprint byte %d", i)
	}
}

func TestFingerprintDiffersFromGoavroForLogicalTypes(t *testing.T) {
	reg, err := Default()
	require.NoError(t, err)
	event, err := reg.Codec("profilehub.events.Event")
	require.NoError(t, err)
	require.NotEqual(t, event.reader.codec.Rabin, event.Fingerprint())
	require.NotContains(t, event.CanonicalSchema(), "logicalType")
	require.NotContains(t, event.CanonicalSchema(), "bytes.decimal")

	_, plain := readerRegistry(t, `{"type":"record","name":"R","fields":[{"name":"n","type":"long"}]}`)
	require.Equal(t, plain.reader.codec.Rabin, plain.Fingerprint())
}
