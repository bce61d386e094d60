package convert

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/pseudonym"
	"github.com/profilehub/platform/services/projector/internal/profile"
)

const pid = "9d4b1a6f-5e7c-5f9a-9b2c-3d4e5f6a7b8c"

var at = time.Date(2011, 2, 1, 10, 0, 0, 0, time.FixedZone("CET", 3600))

func hasher(t *testing.T) *pseudonym.Hasher {
	t.Helper()
	h, err := pseudonym.New([]byte("0123456789abcdef0123456789abcdef"))
	require.NoError(t, err)
	return h
}

func TestFromEventTypes(t *testing.T) {
	cases := []struct {
		name     string
		event    events.Event
		wantKind string
		wantErr  string
	}{
		{"identify", events.Event{EventType: events.TypeIdentify, Payload: &events.Identify{}}, "identify", ""},
		{"quiz", events.Event{EventType: events.TypeQuizCompleted, Payload: &events.QuizCompleted{}}, "quiz", ""},
		{"consent", events.Event{EventType: events.TypeConsentUpdated,
			Payload: &events.ConsentUpdated{Purpose: "marketing"}}, "consent", ""},
		{"product view is irrelevant", events.Event{EventType: events.TypeProductViewed,
			Payload: &events.ProductViewed{}}, "", "does not change a profile"},
		{"empty consent purpose", events.Event{EventType: events.TypeConsentUpdated,
			Payload: &events.ConsentUpdated{Purpose: " "}}, "", "purpose is empty"},
		{"payload of another type", events.Event{EventType: events.TypeIdentify,
			Payload: &events.Track{}}, "", "has payload"},
		{"missing profile id", events.Event{EventType: events.TypeIdentify, ProfileID: "-",
			Payload: &events.Identify{}}, "", "not a UUID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := c.event
			e.EventTime = at
			if e.ProfileID == "" {
				e.ProfileID = pid
			}
			u, err := FromEvent(&e, hasher(t))
			if c.wantErr != "" {
				require.ErrorContains(t, err, c.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.wantKind, u.Kind())
			require.Equal(t, pid, u.Profile())
		})
	}
}

func TestFromIdentify(t *testing.T) {
	e := &events.Event{EventType: events.TypeIdentify, EventTime: at, ProfileID: pid, UserID: "17850",
		Context: events.Context{Timezone: "Europe/London"},
		Payload: &events.Identify{Email: "ann@example.com", Gender: "f"}}
	u, err := FromEvent(e, hasher(t))
	require.NoError(t, err)
	id := u.(*profile.Identify)
	require.Equal(t, at.UTC(), id.AsOf)
	require.Equal(t, at.UTC().Location(), id.AsOf.Location())
	require.Equal(t, hasher(t).Hash(pseudonym.KindUser, "17850"), id.UserIDHash)
	require.Equal(t, "ann@example.com", *id.Communication.Email)
	require.Nil(t, id.Communication.Phone, "an empty field is not sent")
	require.Equal(t, "Europe/London", *id.Demographics.Timezone)
}

func TestToEventCarriesNoPersonalData(t *testing.T) {
	p := &profile.Profile{ProfileID: pid, Version: 3, UserIDHash: "h",
		Communication: profile.Section[profile.Communication]{Value: &profile.Communication{
			Email: strPtr("ann@example.com"), FirstName: strPtr("Ann")}},
		Demographics: profile.Section[profile.Demographics]{Value: &profile.Demographics{City: strPtr("Leeds"),
			Country: strPtr("United Kingdom")}},
		Consent: profile.Consent{"marketing": {Granted: false}, "analytics": {Granted: true}},
		Behaviour: profile.Section[profile.Behaviour]{Value: &profile.Behaviour{NetRevenue: "10.5000",
			AverageOrderValue: "5.2500"}},
		Segments: profile.Section[profile.Segments]{Value: &profile.Segments{Segments: []string{"vip", "lapsed"}}},
	}
	out, err := ToEvent(p)
	require.NoError(t, err)
	require.True(t, out.Communication.HasEmail)
	require.False(t, out.Communication.HasPhone)
	require.Equal(t, "United Kingdom", out.Demographics.Country)
	require.Equal(t, map[string]bool{"marketing": false, "analytics": true}, out.Consent)
	require.True(t, decimal.RequireFromString("10.5").Equal(out.Behaviour.NetRevenue))
	require.Equal(t, pid, out.Behaviour.ProfileID)
	require.Equal(t, []string{"lapsed", "vip"}, out.Segments)
	require.Nil(t, out.PreferenceVector)
}

func TestToEventRejectsCorruptMoney(t *testing.T) {
	p := &profile.Profile{ProfileID: pid, Behaviour: profile.Section[profile.Behaviour]{
		Value: &profile.Behaviour{NetRevenue: "ten", AverageOrderValue: "0"}}}
	_, err := ToEvent(p)
	require.ErrorContains(t, err, "net_revenue")
}

// The guest flag travels from the traits through the stored JSON of the
// behaviour section to the profiles topic.
func TestGuestFlagFlowsToProfile(t *testing.T) {
	traits := &events.ProfileTraits{ProfileID: pid, ModelVersion: "m1", AsOf: at, ReferenceTime: at,
		NetRevenue: decimal.RequireFromString("5"), AverageOrderValue: decimal.RequireFromString("5"),
		EngagementLevel: "low", Guest: true}
	u, err := FromTraits(traits)
	require.NoError(t, err)
	update := u.(*profile.Traits)
	require.True(t, update.Behaviour.Guest)

	stored, err := json.Marshal(update.Behaviour)
	require.NoError(t, err)
	require.Contains(t, string(stored), `"guest":true`)
	var loaded profile.Behaviour
	require.NoError(t, json.Unmarshal(stored, &loaded))

	out, err := ToEvent(&profile.Profile{ProfileID: pid,
		Behaviour: profile.Section[profile.Behaviour]{Value: &loaded}})
	require.NoError(t, err)
	require.True(t, out.Behaviour.Guest)
}

func strPtr(s string) *string { return &s }
