package avro

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

const (
	pointV2 = `{"type": "record", "name": "Point", "namespace": "test",
		"fields": [{"name": "x", "type": "long"}, {"name": "label", "type": "string", "default": "none"}]}`
	pointV1 = `{"type": "record", "name": "Point", "namespace": "test",
		"fields": [{"name": "x", "type": "int"}]}`
)

// A record written with an earlier version kept in history/ decodes into
// the current reader schema, with defaults for the fields it lacks.
func TestRegistryLoadsHistory(t *testing.T) {
	files := fstest.MapFS{
		"point.avsc":         {Data: []byte(pointV2)},
		"history/point.avsc": {Data: []byte(pointV1)},
		"history/README.md":  {Data: []byte("not a schema")},
	}
	reg, err := NewRegistry(files)
	require.NoError(t, err)
	data := encodeWithV1(t)

	reader, err := reg.Codec("test.Point")
	require.NoError(t, err)
	got, err := reader.Decode(data)
	require.NoError(t, err)
	require.Equal(t, map[string]any{"x": int64(7), "label": "none"}, got)
}

// Without the history file, the same record is rejected as written with an
// unknown schema.
func TestRegistryWithoutHistoryRejectsOldRecord(t *testing.T) {
	data := encodeWithV1(t)

	current, err := NewRegistry(fstest.MapFS{"point.avsc": {Data: []byte(pointV2)}})
	require.NoError(t, err)
	reader, err := current.Codec("test.Point")
	require.NoError(t, err)
	_, err = reader.Decode(data)
	require.ErrorIs(t, err, ErrUnknownSchema)
}

// encodeWithV1 encodes a point with a producer whose registry has only version 1.
func encodeWithV1(t *testing.T) []byte {
	t.Helper()
	producer, err := NewRegistry(fstest.MapFS{"point.avsc": {Data: []byte(pointV1)}})
	require.NoError(t, err)
	codec, err := producer.Codec("test.Point")
	require.NoError(t, err)
	data, err := codec.Encode(map[string]any{"x": int32(7)})
	require.NoError(t, err)
	return data
}
