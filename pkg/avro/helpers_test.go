package avro

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/require"
)

// minimalEvent returns the native form of an Event with only the required
// fields set.
func minimalEvent() map[string]any {
	return map[string]any{
		"event_id":    "0b7e6d8c-3c52-4c1e-9a0e-0d2f1b6f7a11",
		"event_type":  "track",
		"event_time":  time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC),
		"received_at": time.Date(2026, 12, 4, 9, 0, 1, 0, time.UTC),
		"context":     map[string]any{},
		"payload":     map[string]any{"profilehub.events.Track": map[string]any{"name": "opened"}},
	}
}

// readerRegistry builds a registry whose only file is readerSchema.
func readerRegistry(t testing.TB, readerSchema string, opts ...Option) (*Registry, *Codec) {
	t.Helper()
	reg, err := NewRegistry(fstest.MapFS{"reader.avsc": {Data: []byte(readerSchema)}}, opts...)
	require.NoError(t, err)
	names := reg.Names()
	require.Len(t, names, 1)
	c, err := reg.Codec(names[0])
	require.NoError(t, err)
	return reg, c
}

// encodeAsWriter adds writerSchema to reg and encodes native with it.
func encodeAsWriter(t testing.TB, reg *Registry, writerSchema string, native map[string]any) []byte {
	t.Helper()
	fp, err := reg.AddWriter(writerSchema)
	require.NoError(t, err)
	w, err := reg.WriterCodec(fp)
	require.NoError(t, err)
	data, err := w.Encode(native)
	require.NoError(t, err)
	return data
}
