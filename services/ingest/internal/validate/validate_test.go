package validate

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/events"
)

var now = time.Date(2026, 12, 4, 16, 0, 0, 0, time.UTC)

// validEvent returns a product_viewed event that passes Check with the
// default rules.
func validEvent() *events.Event {
	return &events.Event{
		EventID:     "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b",
		EventType:   events.TypeProductViewed,
		EventTime:   now.Add(-time.Minute),
		ReceivedAt:  now,
		AnonymousID: "device-1",
		Source:      "shop-web",
		Payload:     &events.ProductViewed{ProductID: "85123A"},
	}
}

var defaultRules = Rules{MaxClockSkew: 10 * time.Minute}

func TestCheckRejects(t *testing.T) {
	cases := []struct {
		name   string
		rules  Rules
		modify func(*events.Event)
		reason string
		field  string
	}{
		{"missing event id", defaultRules, func(e *events.Event) { e.EventID = "" }, ReasonMissingField, "event_id"},
		{"event id not a uuid", defaultRules, func(e *events.Event) { e.EventID = "order-17" }, ReasonInvalidField, "event_id"},
		{"missing event type", defaultRules, func(e *events.Event) { e.EventType = "" }, ReasonMissingField, "event_type"},
		{"unknown event type", defaultRules, func(e *events.Event) { e.EventType = "page_viewed" }, ReasonUnknownType, "event_type"},
		{"no identifier", defaultRules, func(e *events.Event) { e.AnonymousID = "" }, ReasonMissingIdentifier, "user_id"},
		{"zero event time", defaultRules, func(e *events.Event) { e.EventTime = time.Time{} }, ReasonMissingField, "event_time"},
		{"epoch event time", defaultRules, func(e *events.Event) { e.EventTime = time.UnixMilli(0) }, ReasonMissingField, "event_time"},
		{
			"event time beyond skew", defaultRules,
			func(e *events.Event) { e.EventTime = now.Add(10*time.Minute + time.Millisecond) },
			ReasonFutureEventTime, "event_time",
		},
		{
			"skew measured from received_at", defaultRules,
			func(e *events.Event) { e.ReceivedAt = now.Add(-time.Hour); e.EventTime = now.Add(-30 * time.Minute) },
			ReasonFutureEventTime, "event_time",
		},
		{
			"zero skew rejects any future", Rules{},
			func(e *events.Event) { e.EventTime = now.Add(time.Millisecond) },
			ReasonFutureEventTime, "event_time",
		},
		{
			"received_at in the future", defaultRules,
			func(e *events.Event) { e.ReceivedAt = now.Add(time.Hour); e.EventTime = now.Add(time.Hour) },
			ReasonFutureReceivedAt, "received_at",
		},
		{
			"older than max age", Rules{MaxClockSkew: time.Minute, MaxEventAge: 24 * time.Hour},
			func(e *events.Event) { e.EventTime = now.Add(-25 * time.Hour) },
			ReasonTooOld, "event_time",
		},
		{"payload missing", defaultRules, func(e *events.Event) { e.Payload = nil }, ReasonPayloadMismatch, "payload"},
		{
			"identify without payload", defaultRules,
			func(e *events.Event) { e.EventType = events.TypeIdentify; e.Payload = nil },
			ReasonPayloadMismatch, "payload",
		},
		{
			"payload of another type", defaultRules,
			func(e *events.Event) { e.Payload = &events.Track{Name: "x"} },
			ReasonPayloadMismatch, "payload",
		},
		{
			"empty product id", defaultRules,
			func(e *events.Event) { e.Payload = &events.ProductViewed{} },
			ReasonMissingField, "payload.product_id",
		},
		{
			"cart action unknown", defaultRules,
			func(e *events.Event) {
				e.EventType = events.TypeCartUpdated
				e.Payload = &events.CartUpdated{Action: "EMPTIED", ProductID: "p1", Quantity: 1}
			},
			ReasonInvalidField, "payload.action",
		},
		{
			"order line without product", defaultRules,
			func(e *events.Event) {
				e.EventType = events.TypeOrderCompleted
				e.Payload = &events.OrderCompleted{OrderID: "536365", Currency: "GBP",
					Lines: []events.OrderLine{{LineNo: 1, ProductID: "85123A"}, {LineNo: 2}}}
			},
			ReasonMissingField, "payload.lines[1].product_id",
		},
		{
			"order without currency", defaultRules,
			func(e *events.Event) {
				e.EventType = events.TypeOrderCancelled
				e.Payload = &events.OrderCancelled{OrderID: "C536379"}
			},
			ReasonMissingField, "payload.currency",
		},
		{
			"rating out of range", defaultRules,
			func(e *events.Event) {
				e.EventType = events.TypeReviewSubmitted
				e.Payload = &events.ReviewSubmitted{ProductID: "p1", Rating: 6}
			},
			ReasonInvalidField, "payload.rating",
		},
		{
			"track without name", defaultRules,
			func(e *events.Event) { e.EventType = events.TypeTrack; e.Payload = &events.Track{} },
			ReasonMissingField, "payload.name",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := validEvent()
			tc.modify(ev)
			_, err := New(tc.rules).Check(ev, now)
			var verr *Error
			require.True(t, errors.As(err, &verr), "error %v is not a *validate.Error", err)
			require.Equal(t, tc.reason, verr.Reason)
			require.Equal(t, tc.field, verr.Field)
		})
	}
}

func TestCheckAccepts(t *testing.T) {
	cases := []struct {
		name   string
		rules  Rules
		modify func(*events.Event)
	}{
		{"valid event", defaultRules, func(*events.Event) {}},
		{"user id only", defaultRules, func(e *events.Event) { e.AnonymousID = ""; e.UserID = "17850" }},
		{"event time at skew limit", defaultRules, func(e *events.Event) { e.EventTime = now.Add(10 * time.Minute) }},
		{"received_at within skew", defaultRules, func(e *events.Event) { e.ReceivedAt = now.Add(5 * time.Minute) }},
		{
			"historical event without age limit", defaultRules,
			func(e *events.Event) { e.EventTime = time.Date(2010, 12, 1, 8, 26, 0, 0, time.UTC) },
		},
		{
			"event at max age", Rules{MaxClockSkew: time.Minute, MaxEventAge: time.Hour},
			func(e *events.Event) { e.EventTime = now.Add(-time.Hour) },
		},
		{
			"identify with payload", defaultRules,
			func(e *events.Event) {
				e.EventType = events.TypeIdentify
				e.UserID = "17850"
				e.Payload = &events.Identify{Email: "jane@example.com"}
			},
		},
		{
			"order with lines", defaultRules,
			func(e *events.Event) {
				e.EventType = events.TypeOrderCompleted
				e.Payload = &events.OrderCompleted{OrderID: "536365", Currency: "GBP",
					Lines: []events.OrderLine{{LineNo: 1, ProductID: "85123A", Quantity: 6}}}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev := validEvent()
			tc.modify(ev)
			clamped, err := New(tc.rules).Check(ev, now)
			require.NoError(t, err)
			require.False(t, clamped)
		})
	}
}

func TestCheckFillsReceivedAt(t *testing.T) {
	ev := validEvent()
	ev.ReceivedAt = time.Time{}
	_, err := New(defaultRules).Check(ev, now)
	require.NoError(t, err)
	require.Equal(t, now, ev.ReceivedAt)
}

func TestCheckClampsFutureEventTime(t *testing.T) {
	ev := validEvent()
	ev.EventTime = now.Add(time.Hour)
	clamped, err := New(Rules{MaxClockSkew: 10 * time.Minute, ClampFuture: true}).Check(ev, now)
	require.NoError(t, err)
	require.True(t, clamped)
	require.Equal(t, ev.ReceivedAt, ev.EventTime)
}

func TestErrorMessageNamesField(t *testing.T) {
	ev := validEvent()
	ev.EventType = "page_viewed"
	_, err := New(defaultRules).Check(ev, now)
	require.EqualError(t, err, `event_type: unknown type "page_viewed"`)
}
