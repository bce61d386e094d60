package events

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestEventValidate(t *testing.T) {
	var nilOrder *OrderCompleted
	tests := []struct {
		name    string
		edit    func(e *Event)
		message string
	}{
		{"valid", func(*Event) {}, ""},
		{"missing event id", func(e *Event) { e.EventID = "" }, "event_id is missing"},
		{"event id not a uuid", func(e *Event) { e.EventID = "order-1" }, `event_id "order-1" is not a UUID`},
		{"unknown event type", func(e *Event) { e.EventType = "page_view" }, `event_type "page_view" is not a known event type`},
		{"missing event time", func(e *Event) { e.EventTime = time.Time{} }, "event_time is missing"},
		{"missing payload", func(e *Event) { e.Payload = nil }, "payload is missing, event_type order_completed needs a *events.OrderCompleted"},
		{"typed nil payload", func(e *Event) { e.Payload = nilOrder }, "payload is missing"},
		{"payload of another type", func(e *Event) { e.Payload = &Track{Name: "x"} },
			"payload is *events.Track, event_type order_completed needs a *events.OrderCompleted"},
		{"payload by value", func(e *Event) { e.Payload = OrderCompleted{} }, "payload is events.OrderCompleted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := orderEvent(t)
			tt.edit(e)
			err := e.Validate()
			if tt.message == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrInvalidEvent)
			require.Contains(t, err.Error(), tt.message)
		})
	}
}

func TestEventEncodeRejectsUnknownPayload(t *testing.T) {
	codec, err := NewEventCodec(registry(t))
	require.NoError(t, err)
	e := orderEvent(t)
	e.Payload = OrderCompleted{}
	_, err = codec.Encode(e)
	require.ErrorContains(t, err, "payload of type events.OrderCompleted is not a payload pointer type")
}

func TestEventEncodeDefaults(t *testing.T) {
	codec, err := NewEventCodec(registry(t))
	require.NoError(t, err)
	e := orderEvent(t)
	e.Source, e.Payload = "", nil
	data, err := codec.Encode(e)
	require.NoError(t, err)

	got, err := codec.Decode(data)
	require.NoError(t, err)
	require.Equal(t, DefaultSource, got.Source)
	require.Nil(t, got.Payload)
}

func TestKnownType(t *testing.T) {
	require.True(t, KnownType(TypeTrack))
	require.False(t, KnownType("Track"))
}
