package enrich

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/enrichment/internal/catalogue"
	"github.com/profilehub/platform/services/enrichment/internal/session"
)

// 2011-12-05 was a Monday.
var monday = time.Date(2011, 12, 5, 9, 15, 0, 0, time.UTC)

func retailOrder(id string, at time.Time, payload any) *events.Event {
	eventType := events.TypeOrderCompleted
	if _, ok := payload.(*events.OrderCancelled); ok {
		eventType = events.TypeOrderCancelled
	}
	return &events.Event{
		EventID: id, EventType: eventType, EventTime: at, ReceivedAt: at,
		ProfileID: "p1", Source: "import-online-retail",
		Context: events.Context{Timezone: "Europe/London", Country: "United Kingdom", Channel: "import"},
		Payload: payload,
	}
}

func money(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestRowsOrderAndCancellation(t *testing.T) {
	order := retailOrder("e1", monday, &events.OrderCompleted{
		OrderID: "536365", Currency: "GBP",
		Lines: []events.OrderLine{
			{LineNo: 1, ProductID: "85123A", Quantity: 6, UnitPrice: money("2.55")},
			{LineNo: 2, ProductID: "POST", Quantity: 1, UnitPrice: money("18.00")},
		},
	})
	cancel := retailOrder("e2", monday.Add(2*time.Hour), &events.OrderCancelled{
		OrderID: "C536379", Currency: "GBP",
		Lines: []events.OrderLine{{LineNo: 1, ProductID: "85123A", Quantity: -2, UnitPrice: money("2.55")}},
	})
	products := map[string]catalogue.Product{
		"85123A": {Category: "candles", Found: true},
		"POST":   {IsFee: true},
	}

	rows, lines := New(session.DefaultGap).Rows([]*events.Event{order, cancel}, Input{Products: products})

	require.Len(t, rows, 2)
	require.Len(t, lines, 3)
	assert.Equal(t, "536365", rows[0].OrderID)
	assert.Equal(t, "C536379", rows[1].OrderID)

	assert.True(t, lines[0].Amount.Equal(money("15.30")), "6 x 2.55, got %s", lines[0].Amount)
	assert.Equal(t, "candles", lines[0].Category)
	assert.False(t, lines[0].IsFee)
	assert.True(t, lines[1].IsFee, "POST is a fee by the catalogue")
	assert.True(t, lines[1].Amount.Equal(money("18")))

	assert.True(t, lines[2].IsCancellation)
	assert.Equal(t, int32(-2), lines[2].Quantity, "the quantity is stored as sent")
	assert.True(t, lines[2].Amount.Equal(money("-5.10")), "got %s", lines[2].Amount)
}

func TestRowsLineFeeFlagWins(t *testing.T) {
	order := retailOrder("e1", monday, &events.OrderCompleted{
		OrderID: "1", Currency: "GBP",
		Lines: []events.OrderLine{{LineNo: 1, ProductID: "X1", Quantity: 1, UnitPrice: money("1"), IsFee: true}},
	})

	_, lines := New(session.DefaultGap).Rows([]*events.Event{order}, Input{})

	require.Len(t, lines, 1)
	assert.True(t, lines[0].IsFee)
}

func TestRowsGuestFlag(t *testing.T) {
	tests := []struct {
		name    string
		userID  string
		payload any
		want    bool
	}{
		{"order with account", "u1", &events.OrderCompleted{OrderID: "1"}, false},
		{"order marked guest", "u1", &events.OrderCompleted{OrderID: "1", Guest: true}, true},
		{"order without user id", "", &events.OrderCompleted{OrderID: "1"}, true},
		{"view with user id", "u1", &events.ProductViewed{ProductID: "X1"}, false},
		{"view without user id", "", &events.ProductViewed{ProductID: "X1"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := retailOrder("e1", monday, tt.payload)
			ev.UserID = tt.userID

			rows, _ := New(session.DefaultGap).Rows([]*events.Event{ev}, Input{})

			require.Len(t, rows, 1)
			assert.Equal(t, tt.want, rows[0].Guest)
		})
	}
}

func TestRowsContextFields(t *testing.T) {
	view := &events.Event{
		EventID: "v1", EventType: events.TypeProductViewed, ProfileID: "p1",
		EventTime: time.Date(2011, 6, 6, 23, 30, 0, 0, time.UTC), // a Monday, 00:30 Tuesday in London
		Context: events.Context{
			Timezone:  "Europe/London",
			UserAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
		},
		Payload: &events.ProductViewed{ProductID: "NEW1", Category: "candles"},
	}

	rows, lines := New(session.DefaultGap).Rows([]*events.Event{view}, Input{
		Products: map[string]catalogue.Product{"NEW1": {}},
	})

	require.Len(t, rows, 1)
	assert.Empty(t, lines)
	row := rows[0]
	assert.Equal(t, "mobile", row.Device)
	assert.Equal(t, "safari", row.Browser)
	assert.Equal(t, "ios", row.OS)
	assert.Equal(t, "Europe/London", row.Timezone)
	assert.Equal(t, uint8(0), row.LocalHour)
	assert.Equal(t, uint8(1), row.LocalDow, "Tuesday")
	assert.Equal(t, uint8(24), row.HourOfWeek)
	assert.Equal(t, "candles", row.Category, "the producer's category stays when the catalogue lacks the product")
	assert.Equal(t, session.DeriveID("p1", view.EventTime), row.SessionID)
}

func TestRowsContinuePreviousSession(t *testing.T) {
	view := &events.Event{
		EventID: "v1", EventType: events.TypeProductViewed, ProfileID: "p1", EventTime: monday,
		Payload: &events.ProductViewed{ProductID: "A"},
	}
	previous := map[string]session.Previous{"p1": {Time: monday.Add(-10 * time.Minute), SessionID: "s-stored"}}

	rows, _ := New(session.DefaultGap).Rows([]*events.Event{view}, Input{Previous: previous})

	assert.Equal(t, "s-stored", rows[0].SessionID)
	assert.Equal(t, "UTC", rows[0].Timezone, "no zone means UTC")
}

func TestValidateRejects(t *testing.T) {
	valid := func() *events.Event {
		return &events.Event{
			EventID: "e1", EventType: events.TypeCartUpdated, ProfileID: "p1", EventTime: monday, ReceivedAt: monday,
			Payload: &events.CartUpdated{Action: events.CartActionAdded, ProductID: "A", Quantity: 1},
		}
	}
	tests := []struct {
		name   string
		change func(*events.Event)
	}{
		{"missing event id", func(e *events.Event) { e.EventID = "" }},
		{"missing profile id", func(e *events.Event) { e.ProfileID = "" }},
		{"missing event time", func(e *events.Event) { e.EventTime = time.Time{} }},
		{"event time before 1970", func(e *events.Event) { e.EventTime = time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC) }},
		{"event time after 2106", func(e *events.Event) { e.EventTime = time.Date(2107, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"missing received at", func(e *events.Event) { e.ReceivedAt = time.Time{} }},
		{"line amount too large", func(e *events.Event) {
			e.EventType = events.TypeOrderCompleted
			e.Payload = &events.OrderCompleted{OrderID: "o", Lines: []events.OrderLine{
				{LineNo: 1, ProductID: "A", Quantity: 1_000_000, UnitPrice: money("1000000")},
			}}
		}},
		{"payload of other type", func(e *events.Event) { e.Payload = &events.Track{Name: "x"} }},
		{"missing payload", func(e *events.Event) { e.Payload = nil }},
	}

	assert.NoError(t, Validate(valid()))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := valid()
			tt.change(ev)
			assert.ErrorIs(t, Validate(ev), ErrInvalid)
		})
	}
}

func TestActivityPerProfile(t *testing.T) {
	evs := []*events.Event{
		{EventID: "1", EventType: events.TypeProductViewed, ProfileID: "p2", EventTime: monday},
		{EventID: "2", EventType: events.TypeOrderCompleted, ProfileID: "p1", EventTime: monday.Add(time.Hour)},
		{EventID: "3", EventType: events.TypeProductViewed, ProfileID: "p1", EventTime: monday},
		{EventID: "4", EventType: events.TypeProductViewed, ProfileID: "p1", EventTime: monday.Add(time.Minute)},
	}

	got := Activity(evs)

	require.Len(t, got, 2)
	assert.Equal(t, "p1", got[0].ProfileID)
	assert.Equal(t, int32(3), got[0].Events)
	assert.Equal(t, monday.Add(time.Hour), got[0].AsOf)
	assert.Equal(t, []string{"order_completed", "product_viewed"}, got[0].EventTypes)
	assert.Equal(t, "p2", got[1].ProfileID)
	assert.Equal(t, int32(1), got[1].Events)
}

func TestProductIDsDistinct(t *testing.T) {
	evs := []*events.Event{
		retailOrder("e1", monday, &events.OrderCompleted{Lines: []events.OrderLine{{ProductID: "B"}, {ProductID: "A"}}}),
		{EventID: "v", EventType: events.TypeProductViewed, Payload: &events.ProductViewed{ProductID: "A"}},
		{EventID: "t", EventType: events.TypeTrack, Payload: &events.Track{Name: "x"}},
	}

	assert.Equal(t, []string{"A", "B"}, ProductIDs(evs))
}
