package events

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/schemas"
)

// eventSchemaVariant returns event.avsc after edit changed its JSON.
func eventSchemaVariant(t testing.TB, edit func(event map[string]any)) string {
	t.Helper()
	data, err := schemas.Files.ReadFile("event.avsc")
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	edit(doc)
	out, err := json.Marshal(doc)
	require.NoError(t, err)
	return string(out)
}

func fieldList(record map[string]any) []any { return record["fields"].([]any) }

func fieldNamed(record map[string]any, name string) map[string]any {
	for _, f := range fieldList(record) {
		if f.(map[string]any)["name"] == name {
			return f.(map[string]any)
		}
	}
	panic("no field " + name)
}

func removeFields(record map[string]any, names ...string) {
	keep := []any{}
	for _, f := range fieldList(record) {
		drop := false
		for _, n := range names {
			drop = drop || f.(map[string]any)["name"] == n
		}
		if !drop {
			keep = append(keep, f)
		}
	}
	record["fields"] = keep
}

// payloadBranch returns the record of the payload union named name.
func payloadBranch(event map[string]any, name string) map[string]any {
	for _, b := range fieldNamed(event, "payload")["type"].([]any) {
		if m, ok := b.(map[string]any); ok && m["name"] == name {
			return m
		}
	}
	panic("no payload branch " + name)
}

// writerCodec adds schema to reg and returns a codec that writes with it.
func writerCodec(t testing.TB, reg *avro.Registry, schema string) *avro.Codec {
	t.Helper()
	fp, err := reg.AddWriter(schema)
	require.NoError(t, err)
	c, err := reg.WriterCodec(fp)
	require.NoError(t, err)
	return c
}

func TestEventFromOlderWriterGetsDefaults(t *testing.T) {
	reg, err := avro.NewRegistry(schemas.Files)
	require.NoError(t, err)
	older := eventSchemaVariant(t, func(event map[string]any) {
		removeFields(event, "profile_id", "source")
		removeFields(fieldNamed(event, "context")["type"].(map[string]any), "session_id", "channel")
		removeFields(payloadBranch(event, "Identify"), "culture", "explicit_preferences")
	})
	writer := writerCodec(t, reg, older)

	native, err := orderEvent(t).ToNative()
	require.NoError(t, err)
	delete(native, "profile_id")
	delete(native, "source")
	native["payload"] = map[string]any{"profilehub.events.Identify": map[string]any{
		"email": map[string]any{"string": "a@example.com"},
	}}
	data, err := writer.Encode(native)
	require.NoError(t, err)

	codec, err := NewEventCodec(reg)
	require.NoError(t, err)
	got, err := codec.Decode(data)
	require.NoError(t, err)
	require.Equal(t, "", got.ProfileID)
	require.Equal(t, DefaultSource, got.Source)
	require.Equal(t, "", got.Context.SessionID)
	require.Equal(t, "", got.Context.Channel)
	require.Equal(t, "France", got.Context.Country)
	require.Equal(t, &Identify{Email: "a@example.com"}, got.Payload)
}

func TestEventFromNewerWriterDropsFields(t *testing.T) {
	reg, err := avro.NewRegistry(schemas.Files)
	require.NoError(t, err)
	newer := eventSchemaVariant(t, func(event map[string]any) {
		event["fields"] = append(fieldList(event), map[string]any{"name": "tenant", "type": "string", "default": "main"})
		order := payloadBranch(event, "OrderCompleted")
		line := fieldNamed(order, "lines")["type"].(map[string]any)["items"].(map[string]any)
		line["fields"] = append(fieldList(line), map[string]any{"name": "gift_wrap", "type": "boolean", "default": false})
		payload := fieldNamed(event, "payload")
		payload["type"] = append(payload["type"].([]any), map[string]any{
			"type": "record", "name": "WishlistUpdated", "fields": []any{map[string]any{"name": "product_id", "type": "string"}},
		})
	})
	writer := writerCodec(t, reg, newer)
	codec, err := NewEventCodec(reg)
	require.NoError(t, err)

	want := orderEvent(t)
	native, err := want.ToNative()
	require.NoError(t, err)
	native["tenant"] = "eu"
	for _, line := range native["payload"].(map[string]any)["profilehub.events.OrderCompleted"].(map[string]any)["lines"].([]any) {
		line.(map[string]any)["gift_wrap"] = true
	}
	data, err := writer.Encode(native)
	require.NoError(t, err)
	got, err := codec.Decode(data)
	require.NoError(t, err)
	require.Equal(t, want, got)

	// A payload branch the reader does not know cannot be read.
	native["event_type"] = "wishlist_updated"
	native["payload"] = map[string]any{"profilehub.events.WishlistUpdated": map[string]any{"product_id": "22728"}}
	data, err = writer.Encode(native)
	require.NoError(t, err)
	_, err = codec.Decode(data)
	require.ErrorIs(t, err, avro.ErrIncompatible)
	require.True(t, avro.IsPermanent(err))
	require.Contains(t, err.Error(), "record profilehub.events.WishlistUpdated has no matching branch")
}

func TestEventDecodeRejectsMoneyBeyondScale(t *testing.T) {
	reg, err := avro.NewRegistry(schemas.Files)
	require.NoError(t, err)
	// A writer with a wider scale produces money the reader cannot hold.
	wider := eventSchemaVariant(t, func(event map[string]any) {
		event["fields"] = append(fieldList(event), map[string]any{"name": "extra", "type": "null", "default": nil})
		order := payloadBranch(event, "OrderCompleted")
		line := fieldNamed(order, "lines")["type"].(map[string]any)["items"].(map[string]any)
		fieldNamed(line, "unit_price")["type"] = map[string]any{"type": "bytes", "logicalType": "decimal", "precision": 18, "scale": 6}
	})
	writer := writerCodec(t, reg, wider)
	native, err := orderEvent(t).ToNative()
	require.NoError(t, err)
	native["extra"] = nil
	lines := native["payload"].(map[string]any)["profilehub.events.OrderCompleted"].(map[string]any)["lines"].([]any)
	lines[0].(map[string]any)["unit_price"] = mustRat(t, "3.123456")
	data, err := writer.Encode(native)
	require.NoError(t, err)

	codec, err := NewEventCodec(reg)
	require.NoError(t, err)
	_, err = codec.Decode(data)
	require.True(t, avro.IsPermanent(err))
	require.Contains(t, err.Error(), "more than 4 decimal places")
}

// Traits written before the guest field existed decode as not a guest.
func TestTraitsWithoutGuestDecodeAsNotGuest(t *testing.T) {
	reg, err := avro.NewRegistry(schemas.Files)
	require.NoError(t, err)
	data, err := schemas.Files.ReadFile("profile_traits.avsc")
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	removeFields(doc, "guest")
	older, err := json.Marshal(doc)
	require.NoError(t, err)
	writer := writerCodec(t, reg, string(older))

	want := testTraits(t)
	native, err := want.ToNative()
	require.NoError(t, err)
	delete(native, "guest")
	encoded, err := writer.Encode(native)
	require.NoError(t, err)

	codec, err := NewProfileTraitsCodec(reg)
	require.NoError(t, err)
	got, err := codec.Decode(encoded)
	require.NoError(t, err)
	require.False(t, got.Guest)
	want.Guest = false
	require.Equal(t, want, got)
}
