package events

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEventRoundTripPayloads(t *testing.T) {
	year := int32(1988)
	duration := int64(42_000)
	payloads := map[string]any{
		TypeIdentify: &Identify{Email: "a@example.com", FirstName: "Ada", BirthYear: &year, Country: "GB",
			PreferredChannel: "email", ExplicitPreferences: []string{"vegan", "unscented"}},
		TypeProductViewed:  &ProductViewed{ProductID: "85123A", Category: "home", Price: moneyPtr(t, "2.55"), Currency: "GBP"},
		TypeCartUpdated:    &CartUpdated{Action: CartActionRemoved, ProductID: "85123A", Quantity: 2, Price: moneyPtr(t, "-0.0001")},
		TypeOrderCompleted: orderEvent(t).Payload,
		TypeOrderCancelled: &OrderCancelled{OrderID: "C536379", OriginalOrderID: "536370", Currency: "GBP", Reason: "refund",
			Lines: []OrderLine{{LineNo: 1, ProductID: "D", Quantity: -1, UnitPrice: money(t, "27.5"), IsFee: true}}},
		TypeReviewSubmitted: &ReviewSubmitted{ProductID: "22728", Rating: 4, Title: "Loud", Text: "Rings well."},
		TypeQuizCompleted: &QuizCompleted{QuizID: "scent-1", PersonalityType: "INFJ", PersonalitySystem: "mbti",
			Values: []string{"calm"}, ScentPreferences: []string{"vanilla", "oud"}},
		TypeContentViewed:  &ContentViewed{ContentID: "blog-9", Topics: []string{"citrus"}, DurationMS: &duration},
		TypeFeatureUsed:    &FeatureUsed{Feature: "wishlist", Action: "add"},
		TypeConsentUpdated: &ConsentUpdated{Purpose: "marketing", Granted: true, PolicyVersion: "2026-01"},
		TypeTrack:          &Track{Name: "newsletter_opened", Properties: map[string]string{"campaign": "winter"}},
	}
	codec, err := NewEventCodec(registry(t))
	require.NoError(t, err)

	for eventType, payload := range payloads {
		t.Run(eventType, func(t *testing.T) {
			in := orderEvent(t)
			in.EventType, in.Payload = eventType, payload
			require.NoError(t, in.Validate())

			data, err := codec.Encode(in)
			require.NoError(t, err)
			out, err := codec.Decode(data)
			require.NoError(t, err)
			require.Equal(t, in, out)
		})
	}
}
