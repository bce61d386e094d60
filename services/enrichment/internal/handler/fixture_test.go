package handler

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
)

// The hand-made data set of the integration tests. 2011-12-05 was a Monday
// and London is on UTC in December.
var (
	profileA = identity.ProfileID(identity.KindUser, "17850")
	profileB = identity.ProfileID(identity.KindUser, "13047")
	monday   = time.Date(2011, 12, 5, 0, 0, 0, 0, time.UTC)
)

const chromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 " +
	"(KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36"

func money(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func fixtureEvent(id, eventType, profileID string, at time.Time, zone string, payload any) *events.Event {
	return &events.Event{
		EventID: id, EventType: eventType, EventTime: at, ReceivedAt: at.Add(time.Second),
		UserID: "17850", ProfileID: profileID, Source: "test",
		Context: events.Context{Timezone: zone, Country: "United Kingdom", Channel: "web", UserAgent: chromeOnWindows},
		Payload: payload,
	}
}

// fixtureEvents returns profile A's view, cart add, order with a fee line,
// a cancellation two hours later and a review, and profile B's order on the
// next day with a product missing from the catalogue.
func fixtureEvents() []*events.Event {
	london, newYork := "Europe/London", "America/New_York"
	return []*events.Event{
		fixtureEvent("e1", events.TypeProductViewed, profileA, monday.Add(9*time.Hour), london,
			&events.ProductViewed{ProductID: "85123A"}),
		fixtureEvent("e2", events.TypeCartUpdated, profileA, monday.Add(9*time.Hour+5*time.Minute), london,
			&events.CartUpdated{Action: events.CartActionAdded, ProductID: "85123A", Quantity: 6}),
		fixtureEvent("e3", events.TypeOrderCompleted, profileA, monday.Add(9*time.Hour+10*time.Minute), london,
			&events.OrderCompleted{OrderID: "536365", Currency: "GBP", Lines: []events.OrderLine{
				{LineNo: 1, ProductID: "85123A", Quantity: 6, UnitPrice: money("2.55")},
				{LineNo: 2, ProductID: "71053", Quantity: 6, UnitPrice: money("3.39")},
				{LineNo: 3, ProductID: "POST", Quantity: 1, UnitPrice: money("18.00")},
			}}),
		fixtureEvent("e4", events.TypeOrderCancelled, profileA, monday.Add(11*time.Hour), london,
			&events.OrderCancelled{OrderID: "C536379", OriginalOrderID: "536365", Currency: "GBP",
				Lines: []events.OrderLine{{LineNo: 1, ProductID: "85123A", Quantity: -2, UnitPrice: money("2.55")}}}),
		fixtureEvent("e5", events.TypeReviewSubmitted, profileA, monday.Add(11*time.Hour+5*time.Minute), london,
			&events.ReviewSubmitted{ProductID: "85123A", Rating: 4}),
		fixtureEvent("e6", events.TypeOrderCompleted, profileB, monday.Add(32*time.Hour), newYork,
			&events.OrderCompleted{OrderID: "536400", Currency: "GBP", Lines: []events.OrderLine{
				{LineNo: 1, ProductID: "85123A", Quantity: 12, UnitPrice: money("2.10")},
				{LineNo: 2, ProductID: "NEWCODE", Quantity: 1, UnitPrice: money("9.99")},
			}}),
	}
}

// encodeRecords returns one events.resolved record per event, keyed by
// profile id, with distinct offsets.
func encodeRecords(t testing.TB, codec *events.EventCodec, topic string, evs []*events.Event) []*kgo.Record {
	t.Helper()
	recs := make([]*kgo.Record, len(evs))
	for i, ev := range evs {
		value, err := codec.Encode(ev)
		require.NoError(t, err)
		recs[i] = &kgo.Record{Topic: topic, Key: []byte(ev.ProfileID), Value: value, Offset: int64(i)}
	}
	return recs
}

// seedCatalogue writes the catalogue rows of the data set. POST is a fee by
// the catalogue; NEWCODE is absent.
func seedCatalogue(t testing.TB, pool *pgxpool.Pool) {
	t.Helper()
	_, err := pool.Exec(context.Background(), `INSERT INTO catalogue_products (product_id, source, category, is_fee)
		VALUES ('85123A', 'online-retail', 'candles', false),
		       ('71053', 'online-retail', 'lighting', false),
		       ('POST', 'online-retail', 'fee', true)`)
	require.NoError(t, err)
}
