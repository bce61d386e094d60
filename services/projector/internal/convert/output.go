package convert

import (
	"fmt"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/projector/internal/profile"
)

// ToEvent returns the record of p for the profiles topic. It carries no
// personal data: email and phone become has_email and has_phone, and the
// first name and city are left out. Segments are sorted by name.
func ToEvent(p *profile.Profile) (*events.Profile, error) {
	out := &events.Profile{
		ProfileID:  p.ProfileID,
		Version:    p.Version,
		UpdatedAt:  p.UpdatedAt,
		UserIDHash: p.UserIDHash,
		Consent:    map[string]bool{},
		Segments:   []string{},
	}
	if d := p.Demographics.Value; d != nil {
		out.Demographics = events.Demographics{BirthYear: d.BirthYear, Gender: deref(d.Gender),
			Country: deref(d.Country), Language: deref(d.Language), Culture: deref(d.Culture),
			Timezone: deref(d.Timezone)}
	}
	if c := p.Communication.Value; c != nil {
		out.Communication = events.Communication{
			PreferredChannel: deref(c.PreferredChannel),
			ContactFrequency: deref(c.ContactFrequency),
			HasEmail:         deref(c.Email) != "",
			HasPhone:         deref(c.Phone) != "",
		}
	}
	for purpose, e := range p.Consent {
		out.Consent[purpose] = e.Granted
	}
	if e := p.Explicit.Value; e != nil {
		out.ExplicitPreferences = e.Preferences
	}
	if s := p.Psychographics.Value; s != nil {
		out.Psychographics = events.Psychographics{PersonalityType: deref(s.PersonalityType),
			PersonalitySystem: deref(s.PersonalitySystem), Values: s.Values, Lifestyle: s.Lifestyle,
			ScentPreferences: s.ScentPreferences}
	}
	if b := p.Behaviour.Value; b != nil {
		traits, err := traitsEvent(p.ProfileID, b)
		if err != nil {
			return nil, fmt.Errorf("profile %s: %w", p.ProfileID, err)
		}
		out.Behaviour = traits
	}
	if v := p.PreferenceVector.Value; v != nil {
		out.PreferenceVector = &events.PreferenceVector{ProfileID: p.ProfileID, VectorSpace: v.VectorSpace,
			AsOf: v.AsOf, Values: v.Values, TopFeatures: v.TopFeatures, EvidenceEvents: v.EvidenceEvents}
	}
	if s := p.Segments.Value; s != nil && s.Segments != nil {
		out.Segments = append([]string(nil), s.Segments...)
		sort.Strings(out.Segments)
	}
	return out, nil
}

func traitsEvent(profileID string, b *profile.Behaviour) (*events.ProfileTraits, error) {
	netRevenue, err := decimal.NewFromString(b.NetRevenue)
	if err != nil {
		return nil, fmt.Errorf("stored net_revenue %q: %w", b.NetRevenue, err)
	}
	average, err := decimal.NewFromString(b.AverageOrderValue)
	if err != nil {
		return nil, fmt.Errorf("stored average_order_value %q: %w", b.AverageOrderValue, err)
	}
	t := &events.ProfileTraits{
		ProfileID: profileID, ModelVersion: b.ModelVersion, AsOf: b.AsOf, ReferenceTime: b.ReferenceTime,
		Orders: b.Orders, Cancellations: b.Cancellations, NetRevenue: netRevenue, AverageOrderValue: average,
		RecencyDays: b.RecencyDays, Frequency: b.Frequency, DistinctProducts: b.DistinctProducts,
		ProductViews: b.ProductViews, FavouriteProducts: b.FavouriteProducts,
		FavouriteCategories: b.FavouriteCategories, UsualHours: b.UsualHours, UsualDays: b.UsualDays,
		EngagementLevel: b.EngagementLevel, RFMScore: b.RFMScore, Guest: b.Guest,
	}
	if b.FirstOrderAt != nil {
		t.FirstOrderAt = *b.FirstOrderAt
	}
	if b.ComputedAt != nil {
		t.ComputedAt = *b.ComputedAt
	}
	if b.LastOrderAt != nil {
		t.LastOrderAt = *b.LastOrderAt
	}
	return t, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
