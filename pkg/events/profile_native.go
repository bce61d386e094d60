package events

import "fmt"

const (
	profileTraitsBranch    = "profilehub.stages.ProfileTraits"
	preferenceVectorBranch = "profilehub.stages.PreferenceVector"
)

// ToNative converts p to goavro's native form of profilehub.profiles.Profile.
func (p *Profile) ToNative() (map[string]any, error) {
	var behaviour, vector any
	if p.Behaviour != nil {
		traits, err := p.Behaviour.ToNative()
		if err != nil {
			return nil, fmt.Errorf("converting profile %s behaviour: %w", p.ProfileID, err)
		}
		behaviour = map[string]any{profileTraitsBranch: traits}
	}
	if p.PreferenceVector != nil {
		native, _ := p.PreferenceVector.ToNative()
		vector = map[string]any{preferenceVectorBranch: native}
	}
	consent := make(map[string]any, len(p.Consent))
	for purpose, granted := range p.Consent {
		consent[purpose] = granted
	}
	d, c, s := p.Demographics, p.Communication, p.Psychographics
	return map[string]any{
		"profile_id":   p.ProfileID,
		"version":      p.Version,
		"updated_at":   p.UpdatedAt,
		"user_id_hash": optionalString(p.UserIDHash),
		"demographics": map[string]any{
			"birth_year": optionalInt(d.BirthYear),
			"gender":     optionalString(d.Gender),
			"country":    optionalString(d.Country),
			"language":   optionalString(d.Language),
			"culture":    optionalString(d.Culture),
			"timezone":   optionalString(d.Timezone),
		},
		"communication": map[string]any{
			"preferred_channel": optionalString(c.PreferredChannel),
			"contact_frequency": optionalString(c.ContactFrequency),
			"has_email":         c.HasEmail,
			"has_phone":         c.HasPhone,
		},
		"consent":              consent,
		"explicit_preferences": stringsNative(p.ExplicitPreferences),
		"psychographics": map[string]any{
			"personality_type":   optionalString(s.PersonalityType),
			"personality_system": optionalString(s.PersonalitySystem),
			"values":             stringsNative(s.Values),
			"lifestyle":          stringsNative(s.Lifestyle),
			"scent_preferences":  stringsNative(s.ScentPreferences),
		},
		"behaviour":         behaviour,
		"preference_vector": vector,
		"segments":          stringsNative(p.Segments),
	}, nil
}

// ProfileFromNative converts goavro's native form to a Profile.
func ProfileFromNative(m map[string]any) (*Profile, error) {
	r := &nativeReader{}
	p := &Profile{
		ProfileID:           r.str(m, "profile_id"),
		Version:             r.int64(m, "version"),
		UpdatedAt:           r.time(m, "updated_at"),
		UserIDHash:          r.optionalString(m, "user_id_hash"),
		ExplicitPreferences: r.strings(m, "explicit_preferences"),
		Segments:            r.strings(m, "segments"),
	}
	if d := r.record(m, "demographics"); d != nil {
		p.Demographics = Demographics{
			BirthYear: r.optionalInt(d, "birth_year"),
			Gender:    r.optionalString(d, "gender"),
			Country:   r.optionalString(d, "country"),
			Language:  r.optionalString(d, "language"),
			Culture:   r.optionalString(d, "culture"),
			Timezone:  r.optionalString(d, "timezone"),
		}
	}
	if c := r.record(m, "communication"); c != nil {
		p.Communication = Communication{
			PreferredChannel: r.optionalString(c, "preferred_channel"),
			ContactFrequency: r.optionalString(c, "contact_frequency"),
			HasEmail:         r.boolean(c, "has_email"),
			HasPhone:         r.boolean(c, "has_phone"),
		}
	}
	if s := r.record(m, "psychographics"); s != nil {
		p.Psychographics = Psychographics{
			PersonalityType:   r.optionalString(s, "personality_type"),
			PersonalitySystem: r.optionalString(s, "personality_system"),
			Values:            r.strings(s, "values"),
			Lifestyle:         r.strings(s, "lifestyle"),
			ScentPreferences:  r.strings(s, "scent_preferences"),
		}
	}
	p.Consent = consentFromNative(r, m)
	if v, ok := r.branch(m, "behaviour", profileTraitsBranch).(map[string]any); ok {
		p.Behaviour = profileTraitsFromNative(r, v)
	}
	if v, ok := r.branch(m, "preference_vector", preferenceVectorBranch).(map[string]any); ok {
		p.PreferenceVector = preferenceVectorFromNative(r, v)
	}
	if r.err != nil {
		return nil, fmt.Errorf("converting profile %q: %w", p.ProfileID, r.err)
	}
	return p, nil
}

// consentFromNative returns nil for an empty map.
func consentFromNative(r *nativeReader, m map[string]any) map[string]bool {
	native, ok := m["consent"].(map[string]any)
	if !ok {
		r.fail("consent", "a map", m["consent"])
		return nil
	}
	if len(native) == 0 {
		return nil
	}
	out := make(map[string]bool, len(native))
	for purpose, granted := range native {
		out[purpose] = r.booleanValue("consent."+purpose, granted)
	}
	return out
}
