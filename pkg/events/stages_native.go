package events

import "fmt"

// ToNative converts a to goavro's native form.
func (a *ProfileActivity) ToNative() (map[string]any, error) {
	return map[string]any{
		"profile_id":  a.ProfileID,
		"as_of":       a.AsOf,
		"events":      a.Events,
		"event_types": stringsNative(a.EventTypes),
	}, nil
}

// ProfileActivityFromNative converts goavro's native form to a
// ProfileActivity.
func ProfileActivityFromNative(m map[string]any) (*ProfileActivity, error) {
	r := &nativeReader{}
	a := &ProfileActivity{
		ProfileID:  r.str(m, "profile_id"),
		AsOf:       r.time(m, "as_of"),
		Events:     r.int32(m, "events"),
		EventTypes: r.strings(m, "event_types"),
	}
	if r.err != nil {
		return nil, fmt.Errorf("converting profile activity: %w", r.err)
	}
	return a, nil
}

// ToNative converts t to goavro's native form, rejecting money that
// decimal(18,4) cannot hold.
func (t *ProfileTraits) ToNative() (map[string]any, error) {
	revenue, err := moneyToRat(t.NetRevenue, "net_revenue")
	if err != nil {
		return nil, fmt.Errorf("converting profile traits: %w", err)
	}
	average, err := moneyToRat(t.AverageOrderValue, "average_order_value")
	if err != nil {
		return nil, fmt.Errorf("converting profile traits: %w", err)
	}
	return map[string]any{
		"profile_id":           t.ProfileID,
		"model_version":        t.ModelVersion,
		"as_of":                t.AsOf,
		"reference_time":       t.ReferenceTime,
		"orders":               t.Orders,
		"cancellations":        t.Cancellations,
		"net_revenue":          revenue,
		"average_order_value":  average,
		"first_order_at":       optionalTime(t.FirstOrderAt),
		"last_order_at":        optionalTime(t.LastOrderAt),
		"recency_days":         optionalInt(t.RecencyDays),
		"frequency":            t.Frequency,
		"distinct_products":    t.DistinctProducts,
		"product_views":        t.ProductViews,
		"favourite_products":   stringsNative(t.FavouriteProducts),
		"favourite_categories": stringsNative(t.FavouriteCategories),
		"usual_hours":          intsNative(t.UsualHours),
		"usual_days":           intsNative(t.UsualDays),
		"engagement_level":     t.EngagementLevel,
		"rfm_score":            t.RFMScore,
		"guest":                t.Guest,
		"computed_at":          optionalTime(t.ComputedAt),
	}, nil
}

// ProfileTraitsFromNative converts goavro's native form to ProfileTraits.
func ProfileTraitsFromNative(m map[string]any) (*ProfileTraits, error) {
	r := &nativeReader{}
	t := profileTraitsFromNative(r, m)
	if r.err != nil {
		return nil, fmt.Errorf("converting profile traits: %w", r.err)
	}
	return t, nil
}

func profileTraitsFromNative(r *nativeReader, m map[string]any) *ProfileTraits {
	return &ProfileTraits{
		ProfileID:           r.str(m, "profile_id"),
		ModelVersion:        r.str(m, "model_version"),
		AsOf:                r.time(m, "as_of"),
		ReferenceTime:       r.time(m, "reference_time"),
		Orders:              r.int64(m, "orders"),
		Cancellations:       r.int64(m, "cancellations"),
		NetRevenue:          r.money(m, "net_revenue"),
		AverageOrderValue:   r.money(m, "average_order_value"),
		FirstOrderAt:        r.optionalTime(m, "first_order_at"),
		LastOrderAt:         r.optionalTime(m, "last_order_at"),
		RecencyDays:         r.optionalInt(m, "recency_days"),
		Frequency:           r.int32(m, "frequency"),
		DistinctProducts:    r.int64(m, "distinct_products"),
		ProductViews:        r.int64(m, "product_views"),
		FavouriteProducts:   r.strings(m, "favourite_products"),
		FavouriteCategories: r.strings(m, "favourite_categories"),
		UsualHours:          r.ints(m, "usual_hours"),
		UsualDays:           r.ints(m, "usual_days"),
		EngagementLevel:     r.str(m, "engagement_level"),
		RFMScore:            r.str(m, "rfm_score"),
		Guest:               r.boolean(m, "guest"),
		ComputedAt:          r.optionalTime(m, "computed_at"),
	}
}

// ToNative converts v to goavro's native form.
func (v *PreferenceVector) ToNative() (map[string]any, error) {
	return map[string]any{
		"profile_id":      v.ProfileID,
		"vector_space":    v.VectorSpace,
		"as_of":           v.AsOf,
		"values":          floatsNative(v.Values),
		"top_features":    stringsNative(v.TopFeatures),
		"evidence_events": v.EvidenceEvents,
	}, nil
}

// PreferenceVectorFromNative converts goavro's native form to a
// PreferenceVector.
func PreferenceVectorFromNative(m map[string]any) (*PreferenceVector, error) {
	r := &nativeReader{}
	v := preferenceVectorFromNative(r, m)
	if r.err != nil {
		return nil, fmt.Errorf("converting preference vector: %w", r.err)
	}
	return v, nil
}

func preferenceVectorFromNative(r *nativeReader, m map[string]any) *PreferenceVector {
	return &PreferenceVector{
		ProfileID:      r.str(m, "profile_id"),
		VectorSpace:    r.str(m, "vector_space"),
		AsOf:           r.time(m, "as_of"),
		Values:         r.floats(m, "values"),
		TopFeatures:    r.strings(m, "top_features"),
		EvidenceEvents: r.int64(m, "evidence_events"),
	}
}

// ToNative converts s to goavro's native form.
func (s *SegmentMembership) ToNative() (map[string]any, error) {
	return map[string]any{
		"profile_id":         s.ProfileID,
		"rules_version":      s.RulesVersion,
		"as_of":              s.AsOf,
		"segments":           stringsNative(s.Segments),
		"joined":             stringsNative(s.Joined),
		"left":               stringsNative(s.Left),
		"reference_time":     optionalTime(s.ReferenceTime),
		"traits_computed_at": optionalTime(s.TraitsComputedAt),
	}, nil
}

// SegmentMembershipFromNative converts goavro's native form to a
// SegmentMembership.
func SegmentMembershipFromNative(m map[string]any) (*SegmentMembership, error) {
	r := &nativeReader{}
	s := &SegmentMembership{
		ProfileID:        r.str(m, "profile_id"),
		RulesVersion:     r.str(m, "rules_version"),
		AsOf:             r.time(m, "as_of"),
		Segments:         r.strings(m, "segments"),
		Joined:           r.strings(m, "joined"),
		Left:             r.strings(m, "left"),
		ReferenceTime:    r.optionalTime(m, "reference_time"),
		TraitsComputedAt: r.optionalTime(m, "traits_computed_at"),
	}
	if r.err != nil {
		return nil, fmt.Errorf("converting segment membership: %w", r.err)
	}
	return s, nil
}
