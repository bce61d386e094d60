package avro

import (
	"errors"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestResolveWriterToReader(t *testing.T) {
	tests := []struct {
		name   string
		writer string
		reader string
		in     map[string]any
		want   map[string]any
	}{
		{
			name:   "promotions",
			writer: `{"type":"record","name":"P","fields":[{"name":"a","type":"int"},{"name":"b","type":"float"},{"name":"c","type":"string"},{"name":"d","type":"long"},{"name":"e","type":{"type":"array","items":"int"}},{"name":"f","type":{"type":"map","values":"float"}},{"name":"g","type":"bytes"},{"name":"h","type":"int"}]}`,
			reader: `{"type":"record","name":"P","fields":[{"name":"a","type":"long"},{"name":"b","type":"double"},{"name":"c","type":"bytes"},{"name":"d","type":"double"},{"name":"e","type":{"type":"array","items":"double"}},{"name":"f","type":{"type":"map","values":"double"}},{"name":"g","type":"string"},{"name":"h","type":"float"}]}`,
			in: map[string]any{"a": int32(-7), "b": float32(1.5), "c": "héllo", "d": int64(1 << 40),
				"e": []any{int32(1), int32(2)}, "f": map[string]any{"k": float32(0.25)}, "g": []byte("raw"), "h": int32(3)},
			want: map[string]any{"a": int64(-7), "b": float64(1.5), "c": []byte("héllo"), "d": float64(1 << 40),
				"e": []any{float64(1), float64(2)}, "f": map[string]any{"k": float64(0.25)}, "g": "raw", "h": float32(3)},
		},
		{
			name:   "union changes",
			writer: `{"type":"record","name":"U","fields":[{"name":"x","type":["null","int"]},{"name":"y","type":"string"},{"name":"z","type":["null","string"]},{"name":"w","type":["string","long"]}]}`,
			reader: `{"type":"record","name":"U","fields":[{"name":"x","type":["null","string","long"]},{"name":"y","type":["null","string"]},{"name":"z","type":"string"},{"name":"w","type":["null","long","string"]}]}`,
			in:     map[string]any{"x": map[string]any{"int": int32(5)}, "y": "plain", "z": map[string]any{"string": "set"}, "w": map[string]any{"long": int64(9)}},
			want:   map[string]any{"x": map[string]any{"long": int64(5)}, "y": map[string]any{"string": "plain"}, "z": "set", "w": map[string]any{"long": int64(9)}},
		},
		{
			name:   "union null stays null",
			writer: `{"type":"record","name":"U","fields":[{"name":"x","type":["null","int"]}]}`,
			reader: `{"type":"record","name":"U","fields":[{"name":"x","type":["string","null","long"]}]}`,
			in:     map[string]any{"x": nil},
			want:   map[string]any{"x": nil},
		},
		{
			name:   "enum unknown symbol takes reader default",
			writer: `{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"Size","symbols":["S","M","XL"]}}]}`,
			reader: `{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"Size","symbols":["UNKNOWN","S","M"],"default":"UNKNOWN"}}]}`,
			in:     map[string]any{"s": "XL"},
			want:   map[string]any{"s": "UNKNOWN"},
		},
		{
			name:   "enum known symbol kept",
			writer: `{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"Size","symbols":["S","M","XL"]}}]}`,
			reader: `{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"Size","symbols":["UNKNOWN","S","M"],"default":"UNKNOWN"}}]}`,
			in:     map[string]any{"s": "M"},
			want:   map[string]any{"s": "M"},
		},
		{
			name:   "removed field dropped and added fields defaulted",
			writer: `{"type":"record","name":"R","namespace":"v1","fields":[{"name":"id","type":"string"},{"name":"legacy","type":{"type":"array","items":"string"}}]}`,
			reader: `{"type":"record","name":"R","namespace":"v2","fields":[{"name":"id","type":"string"},
				{"name":"count","type":"long","default":3},
				{"name":"tags","type":{"type":"array","items":"string"},"default":["a"]},
				{"name":"attrs","type":{"type":"map","values":"int"},"default":{"k":1}},
				{"name":"opt","type":["null","string"],"default":null},
				{"name":"first","type":["string","null"],"default":"x"},
				{"name":"at","type":{"type":"long","logicalType":"timestamp-millis"},"default":1000},
				{"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":2},"default":"\u0001\u0000"},
				{"name":"nested","type":{"type":"record","name":"N","fields":[{"name":"f","type":"boolean","default":true},{"name":"g","type":"double"}]},"default":{"g":2.5}}]}`,
			in: map[string]any{"id": "r1", "legacy": []any{"gone"}},
			want: map[string]any{"id": "r1", "count": int64(3), "tags": []any{"a"}, "attrs": map[string]any{"k": int32(1)},
				"opt": nil, "first": map[string]any{"string": "x"}, "at": time.UnixMilli(1000).UTC(),
				"price": big.NewRat(256, 100), "nested": map[string]any{"f": true, "g": 2.5}},
		},
		{
			name:   "field alias and record alias",
			writer: `{"type":"record","name":"old.Customer","fields":[{"name":"mail","type":"string"}]}`,
			reader: `{"type":"record","name":"Client","namespace":"new","aliases":["old.Customer"],"fields":[{"name":"email","aliases":["mail"],"type":"string"}]}`,
			in:     map[string]any{"mail": "a@example.com"},
			want:   map[string]any{"email": "a@example.com"},
		},
		{
			name: "nested records in arrays and named references",
			writer: `{"type":"record","name":"Order","fields":[{"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"qty","type":"int"},{"name":"sku","type":"string"}]}}},
				{"name":"refund","type":["null",{"type":"array","items":"Line"}]}]}`,
			reader: `{"type":"record","name":"Order","fields":[{"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"qty","type":"long"},{"name":"fee","type":"boolean","default":false}]}}},
				{"name":"refund","type":["null",{"type":"array","items":"Line"}]}]}`,
			in: map[string]any{
				"lines":  []any{map[string]any{"qty": int32(2), "sku": "A"}},
				"refund": map[string]any{"array": []any{map[string]any{"qty": int32(-1), "sku": "A"}}},
			},
			want: map[string]any{
				"lines":  []any{map[string]any{"qty": int64(2), "fee": false}},
				"refund": map[string]any{"array": []any{map[string]any{"qty": int64(-1), "fee": false}}},
			},
		},
		{
			name:   "recursive record",
			writer: `{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}`,
			reader: `{"type":"record","name":"Node","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","Node"]}]}`,
			in:     map[string]any{"v": int32(1), "next": map[string]any{"Node": map[string]any{"v": int32(2), "next": nil}}},
			want:   map[string]any{"v": int64(1), "next": map[string]any{"Node": map[string]any{"v": int64(2), "next": nil}}},
		},
		{
			name: "logical types to and from underlying types",
			// The extra field keeps the writer's canonical form, which has no
			// logical types, apart from the reader's.
			writer: `{"type":"record","name":"L","fields":[{"name":"extra","type":"null"},{"name":"t","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"n","type":"long"},{"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},{"name":"u","type":["null",{"type":"long","logicalType":"timestamp-millis"}]}]}`,
			reader: `{"type":"record","name":"L","fields":[{"name":"t","type":"long"},{"name":"n","type":{"type":"long","logicalType":"timestamp-millis"}},{"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":18,"scale":4}},{"name":"u","type":["null",{"type":"long","logicalType":"timestamp-millis"}]}]}`,
			in: map[string]any{"extra": nil, "t": time.UnixMilli(1500).UTC(), "n": int64(2500), "d": big.NewRat(-1234, 100),
				"u": map[string]any{"long.timestamp-millis": time.UnixMilli(7).UTC()}},
			want: map[string]any{"t": int64(1500), "n": time.UnixMilli(2500).UTC(), "d": big.NewRat(-1234, 100),
				"u": map[string]any{"long.timestamp-millis": time.UnixMilli(7).UTC()}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, reader := readerRegistry(t, tt.reader)
			data := encodeAsWriter(t, reg, tt.writer, tt.in)

			got, err := reader.Decode(data)
			require.NoError(t, err)
			require.Equal(t, tt.want, got)

			// The reader codec must accept what resolution produced.
			_, err = reader.Encode(got)
			require.NoError(t, err)
		})
	}
}

func TestResolveRejectsIncompatibleData(t *testing.T) {
	tests := []struct {
		name    string
		writer  string
		reader  string
		in      map[string]any
		message string
	}{
		{
			name:    "enum unknown symbol without default",
			writer:  `{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"Size","symbols":["S","XL"]}}]}`,
			reader:  `{"type":"record","name":"E","fields":[{"name":"s","type":{"type":"enum","name":"Size","symbols":["S"]}}]}`,
			in:      map[string]any{"s": "XL"},
			message: `symbol "XL" of writer enum Size is not in reader enum Size, which has no default`,
		},
		{
			name:    "added field without default",
			writer:  `{"type":"record","name":"R","fields":[{"name":"id","type":"string"}]}`,
			reader:  `{"type":"record","name":"R","fields":[{"name":"id","type":"string"},{"name":"n","type":"int"}]}`,
			in:      map[string]any{"id": "x"},
			message: "reader field R.n is missing from writer record R and has no default",
		},
		{
			name:    "no promotion from long to int",
			writer:  `{"type":"record","name":"R","fields":[{"name":"n","type":"long"}]}`,
			reader:  `{"type":"record","name":"R","fields":[{"name":"n","type":"int"}]}`,
			in:      map[string]any{"n": int64(1)},
			message: "R.n: writer type long cannot be read as reader type int",
		},
		{
			name:    "writer union branch missing from reader",
			writer:  `{"type":"record","name":"R","fields":[{"name":"v","type":["null","string","boolean"]}]}`,
			reader:  `{"type":"record","name":"R","fields":[{"name":"v","type":["null","string"]}]}`,
			in:      map[string]any{"v": map[string]any{"boolean": true}},
			message: "writer union branch boolean has no matching branch in the reader union",
		},
		{
			name:    "null written for a reader field that is not a union",
			writer:  `{"type":"record","name":"R","fields":[{"name":"v","type":["null","string"]}]}`,
			reader:  `{"type":"record","name":"R","fields":[{"name":"v","type":"string"}]}`,
			in:      map[string]any{"v": nil},
			message: "R.v: writer type null cannot be read as reader type string",
		},
		{
			name:    "record names differ",
			writer:  `{"type":"record","name":"A","fields":[]}`,
			reader:  `{"type":"record","name":"B","fields":[]}`,
			in:      map[string]any{},
			message: "writer type record A cannot be read as reader type record B",
		},
		{
			name:    "decimal with more places than the reader scale",
			writer:  `{"type":"record","name":"R","fields":[{"name":"extra","type":"null"},{"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":3}}]}`,
			reader:  `{"type":"record","name":"R","fields":[{"name":"d","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}`,
			in:      map[string]any{"extra": nil, "d": big.NewRat(1001, 1000)},
			message: "decimal 1.001000 has more than 2 decimal places",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg, reader := readerRegistry(t, tt.reader)
			data := encodeAsWriter(t, reg, tt.writer, tt.in)

			_, err := reader.Decode(data)
			require.Error(t, err)
			require.ErrorIs(t, err, ErrIncompatible)
			require.True(t, IsPermanent(err))
			require.Contains(t, err.Error(), tt.message)
		})
	}
}

func TestResolvePlanIsCached(t *testing.T) {
	reg, reader := readerRegistry(t, `{"type":"record","name":"R","fields":[{"name":"n","type":"long"}]}`)
	data := encodeAsWriter(t, reg, `{"type":"record","name":"R","fields":[{"name":"n","type":"int"}]}`,
		map[string]any{"n": int32(4)})

	for range 3 {
		got, err := reader.Decode(data)
		require.NoError(t, err)
		require.Equal(t, map[string]any{"n": int64(4)}, got)
	}
	plans := 0
	reg.plans.Range(func(any, any) bool { plans++; return true })
	require.Equal(t, 1, plans)
}

func TestResolveSameSchemaSkipsPlan(t *testing.T) {
	reg, reader := readerRegistry(t, `{"type":"record","name":"R","fields":[{"name":"n","type":"long"}]}`)
	data, err := reader.Encode(map[string]any{"n": int64(4)})
	require.NoError(t, err)

	got, err := reader.Decode(data)
	require.NoError(t, err)
	require.Equal(t, map[string]any{"n": int64(4)}, got)
	reg.plans.Range(func(key, _ any) bool {
		t.Errorf("unexpected plan %v for data written with the reader schema", key)
		return true
	})
}

func TestDecodeErrorsAreTyped(t *testing.T) {
	_, err := (&Codec{reader: &schemaEntry{parsed: &schema{name: "x.R"}}}).Decode(nil)
	var decodeErr *DecodeError
	require.True(t, errors.As(err, &decodeErr))
	require.Equal(t, "x.R", decodeErr.Reader)
}

func TestResolveConcurrentDecodes(t *testing.T) {
	reg, reader := readerRegistry(t, `{"type":"record","name":"R","fields":[{"name":"n","type":"long"},
		{"name":"tags","type":{"type":"array","items":"string"},"default":["a"]}]}`)
	data := encodeAsWriter(t, reg, `{"type":"record","name":"R","fields":[{"name":"n","type":"int"},{"name":"old","type":"string"}]}`,
		map[string]any{"n": int32(4), "old": "x"})

	var wg sync.WaitGroup
	results := make([]map[string]any, 8)
	errs := make([]error, len(results))
	for i := range results {
		wg.Go(func() {
			results[i], errs[i] = reader.Decode(data)
		})
	}
	wg.Wait()
	for i := range results {
		require.NoError(t, errs[i])
		require.Equal(t, map[string]any{"n": int64(4), "tags": []any{"a"}}, results[i])
	}

	// Each decode gets its own copy of a mutable default.
	results[0]["tags"].([]any)[0] = "changed"
	require.Equal(t, []any{"a"}, results[1]["tags"])
}
