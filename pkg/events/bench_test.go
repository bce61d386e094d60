package events

import (
	"testing"

	"github.com/linkedin/goavro/v2"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/schemas"
)

// BenchmarkDecodeOrderEvent decodes an order_completed event with three
// lines, written either with the reader schema (no resolution) or with a
// newer writer schema that has one more top-level field and one more field
// per line (resolution through a cached plan). The goavro_body_only case is
// the baseline: goavro decoding the body without header or lookup.
func BenchmarkDecodeOrderEvent(b *testing.B) {
	reg, err := avro.NewRegistry(schemas.Files)
	require.NoError(b, err)
	codec, err := NewEventCodec(reg)
	require.NoError(b, err)

	event := orderEvent(b)
	same, err := codec.Encode(event)
	require.NoError(b, err)

	newer := eventSchemaVariant(b, func(e map[string]any) {
		e["fields"] = append(fieldList(e), map[string]any{"name": "tenant", "type": "string", "default": "main"})
		line := fieldNamed(payloadBranch(e, "OrderCompleted"), "lines")["type"].(map[string]any)["items"].(map[string]any)
		line["fields"] = append(fieldList(line), map[string]any{"name": "gift_wrap", "type": "boolean", "default": false})
	})
	native, err := event.ToNative()
	require.NoError(b, err)
	native["tenant"] = "eu"
	resolved, err := writerCodec(b, reg, newer).Encode(native)
	require.NoError(b, err)

	// The baseline is goavro alone on the body, without header or lookup.
	body, err := goavro.NewCodec(codec.Avro().Schema())
	require.NoError(b, err)
	b.Run("goavro_body_only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := body.NativeFromBinary(same[10:]); err != nil {
				b.Fatal(err)
			}
		}
	})

	for _, input := range []struct {
		name string
		data []byte
	}{{"same_schema", same}, {"resolved", resolved}} {
		b.Run(input.name+"/native", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := codec.Avro().Decode(input.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(input.name+"/typed", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := codec.Decode(input.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncodeOrderEvent(b *testing.B) {
	codec, err := NewEventCodec(registry(b))
	require.NoError(b, err)
	event := orderEvent(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := codec.Encode(event); err != nil {
			b.Fatal(err)
		}
	}
}
