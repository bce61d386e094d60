package events

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func testTraits(t testing.TB) *ProfileTraits {
	recency := int32(12)
	return &ProfileTraits{
		ProfileID: "5d1c6f0e-8a49-5b0c-9a43-0c1f4e2b7d90", ModelVersion: "rfm-v1",
		AsOf: testTime, ReferenceTime: testReceived, Orders: 7, Cancellations: 1,
		NetRevenue: money(t, "1234.5678"), AverageOrderValue: money(t, "-0.0001"),
		FirstOrderAt: testTime.Add(-48 * time.Hour), RecencyDays: &recency, Frequency: 5,
		DistinctProducts: 19, ProductViews: 40, FavouriteProducts: []string{"22728"},
		FavouriteCategories: []string{"clocks", "candles"}, UsualHours: []int32{9, 20}, UsualDays: []int32{1, 7},
		EngagementLevel: "high", RFMScore: "545", Guest: true, ComputedAt: testTime.Add(time.Minute),
	}
}

func testVector() *PreferenceVector {
	return &PreferenceVector{
		ProfileID: "5d1c6f0e-8a49-5b0c-9a43-0c1f4e2b7d90", VectorSpace: "scent-notes-v1", AsOf: testTime,
		Values: []float32{0.6, 0.8, 0}, TopFeatures: []string{"vanilla", "oud"}, EvidenceEvents: 14,
	}
}

func TestStageRoundTrips(t *testing.T) {
	reg := registry(t)
	birth := int32(1990)

	t.Run("profile activity", func(t *testing.T) {
		codec, err := NewProfileActivityCodec(reg)
		require.NoError(t, err)
		roundTrip(t, codec, &ProfileActivity{ProfileID: "p1", AsOf: testTime, Events: 3,
			EventTypes: []string{TypeOrderCompleted, TypeProductViewed}})
	})
	t.Run("profile traits", func(t *testing.T) {
		codec, err := NewProfileTraitsCodec(reg)
		require.NoError(t, err)
		roundTrip(t, codec, testTraits(t))
	})
	t.Run("profile traits with nulls", func(t *testing.T) {
		codec, err := NewProfileTraitsCodec(reg)
		require.NoError(t, err)
		roundTrip(t, codec, &ProfileTraits{ProfileID: "p1", ModelVersion: "rfm-v1", AsOf: testTime,
			ReferenceTime: testTime, NetRevenue: money(t, "0"), AverageOrderValue: money(t, "0"), EngagementLevel: "none"})
	})
	t.Run("preference vector", func(t *testing.T) {
		codec, err := NewPreferenceVectorCodec(reg)
		require.NoError(t, err)
		roundTrip(t, codec, testVector())
	})
	t.Run("segment membership", func(t *testing.T) {
		codec, err := NewSegmentMembershipCodec(reg)
		require.NoError(t, err)
		roundTrip(t, codec, &SegmentMembership{ProfileID: "p1", RulesVersion: "2026-12-01", AsOf: testTime,
			Segments: []string{"loyal", "night_owl"}, Joined: []string{"night_owl"}, Left: []string{"new"},
			ReferenceTime: testTime.Add(time.Hour), TraitsComputedAt: testTime.Add(2 * time.Hour)})
		roundTrip(t, codec, &SegmentMembership{ProfileID: "p1", RulesVersion: "2026-12-01", AsOf: testTime,
			Segments: []string{"loyal"}})
	})
	t.Run("profile", func(t *testing.T) {
		codec, err := NewProfileCodec(reg)
		require.NoError(t, err)
		roundTrip(t, codec, &Profile{
			ProfileID: "p1", Version: 42, UpdatedAt: testTime, UserIDHash: "hmac:ab12",
			Demographics:        Demographics{BirthYear: &birth, Country: "GB", Timezone: "Europe/London"},
			Communication:       Communication{PreferredChannel: "email", HasEmail: true},
			Consent:             map[string]bool{"marketing": false, "analytics": true},
			ExplicitPreferences: []string{"unscented"},
			Psychographics:      Psychographics{PersonalityType: "4w5", PersonalitySystem: "enneagram", Values: []string{"calm"}},
			Behaviour:           testTraits(t),
			PreferenceVector:    testVector(),
			Segments:            []string{"loyal"},
		})
	})
	t.Run("empty profile", func(t *testing.T) {
		codec, err := NewProfileCodec(reg)
		require.NoError(t, err)
		roundTrip(t, codec, &Profile{ProfileID: "p2", Version: 1, UpdatedAt: testTime})
	})
}

func roundTrip[T any](t *testing.T, codec *Codec[T], in *T) {
	t.Helper()
	data, err := codec.Encode(in)
	require.NoError(t, err)
	out, err := codec.Decode(data)
	require.NoError(t, err)
	require.Equal(t, in, out)
}

func TestMoneyLimits(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		message string
	}{
		{"five decimal places", "3.75001", "unit_price: 3.75001 has more than 4 decimal places"},
		{"rounding not applied", "0.00005", "has more than 4 decimal places"},
		{"above precision 18", "100000000000000", "does not fit decimal(18,4)"},
		{"below negative limit", "-100000000000000", "does not fit decimal(18,4)"},
	}
	codec, err := NewEventCodec(registry(t))
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := orderEvent(t)
			e.Payload.(*OrderCompleted).Lines[1].UnitPrice = money(t, "0").Add(mustDecimal(t, tt.value))
			_, err := codec.Encode(e)
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.message)
		})
	}

	e := orderEvent(t)
	e.Payload.(*OrderCompleted).Lines[1].UnitPrice = money(t, "99999999999999.9999")
	e.Payload.(*OrderCompleted).Lines[2].UnitPrice = money(t, "-99999999999999.9999")
	roundTrip(t, codec, e)
}
