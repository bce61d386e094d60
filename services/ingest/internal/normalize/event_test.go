package normalize

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/events"
)

func TestEventEnvelope(t *testing.T) {
	ev := &events.Event{
		EventID:     " 3F1C2B4A-5D6E-4F70-8A9B-0C1D2E3F4A5B ",
		EventType:   "product_viewed\x00",
		AnonymousID: "\tdevice-1\n",
		UserID:      "Ren\u0065\u0301",
		Source:      "shop-web ",
		Context: events.Context{
			Locale:    " en-GB ",
			Timezone:  "Europe/London ",
			Country:   "  United Kingdom ",
			UserAgent: "Mozilla\xff/5.0",
			Channel:   "web\x00",
			SessionID: " s1 ",
		},
	}
	Event(ev)

	require.Equal(t, "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b", ev.EventID)
	require.Equal(t, "product_viewed", ev.EventType)
	require.Equal(t, "device-1", ev.AnonymousID)
	require.Equal(t, "Ren\u00e9", ev.UserID, "user id is NFC but keeps its case")
	require.Equal(t, "shop-web", ev.Source)
	require.Equal(t, "en-GB", ev.Context.Locale)
	require.Equal(t, "Europe/London", ev.Context.Timezone)
	require.Equal(t, "United Kingdom", ev.Context.Country)
	require.Equal(t, "Mozilla\ufffd/5.0", ev.Context.UserAgent)
	require.Equal(t, "web", ev.Context.Channel)
	require.Equal(t, "s1", ev.Context.SessionID)
}

func TestEventKeepsInvalidEventID(t *testing.T) {
	ev := &events.Event{EventID: " order-17 "}
	Event(ev)
	require.Equal(t, "order-17", ev.EventID, "validation rejects it later")
}

func TestEventIdentifyPayload(t *testing.T) {
	p := &events.Identify{
		Email:               "  Zoe\u0308.Martin@Example.ORG ",
		Phone:               " +44 20 7946 0000 ",
		FirstName:           "Zoe\u0308",
		Country:             " FR ",
		Language:            "fr\x00",
		ExplicitPreferences: []string{" woody ", "fresh"},
	}
	Event(&events.Event{Payload: p})

	require.Equal(t, "zo\u00eb.martin@example.org", p.Email)
	require.Equal(t, "+44 20 7946 0000", p.Phone)
	require.Equal(t, "Zo\u00eb", p.FirstName)
	require.Equal(t, "FR", p.Country)
	require.Equal(t, "fr", p.Language)
	require.Equal(t, []string{"woody", "fresh"}, p.ExplicitPreferences)
}

func TestEventPayloads(t *testing.T) {
	order := &events.OrderCompleted{
		OrderID: " 536365 ", Currency: "GBP ",
		Lines: []events.OrderLine{{ProductID: " 85123A", Description: "WHITE HANGING HEART\x00 "}},
	}
	quiz := &events.QuizCompleted{QuizID: "q1 ", Values: []string{" calm"}, ScentPreferences: []string{"ambre\u0301 "}}
	track := &events.Track{Name: " wishlist_added ", Properties: map[string]string{" sku ": " 22423 "}}
	for _, p := range []any{order, quiz, track} {
		Event(&events.Event{Payload: p})
	}

	require.Equal(t, "536365", order.OrderID)
	require.Equal(t, "GBP", order.Currency)
	require.Equal(t, "85123A", order.Lines[0].ProductID)
	require.Equal(t, "WHITE HANGING HEART", order.Lines[0].Description)
	require.Equal(t, "q1", quiz.QuizID)
	require.Equal(t, []string{"calm"}, quiz.Values)
	require.Equal(t, []string{"ambr\u00e9"}, quiz.ScentPreferences)
	require.Equal(t, "wishlist_added", track.Name)
	require.Equal(t, map[string]string{"sku": "22423"}, track.Properties)
}
