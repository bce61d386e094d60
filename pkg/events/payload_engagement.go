package events

func (p *ReviewSubmitted) toNative() (map[string]any, error) {
	return map[string]any{
		"product_id": p.ProductID,
		"rating":     p.Rating,
		"title":      optionalString(p.Title),
		"text":       optionalString(p.Text),
	}, nil
}

func reviewSubmittedFromNative(r *nativeReader, m map[string]any) *ReviewSubmitted {
	return &ReviewSubmitted{
		ProductID: r.str(m, "product_id"),
		Rating:    r.int32(m, "rating"),
		Title:     r.optionalString(m, "title"),
		Text:      r.optionalString(m, "text"),
	}
}

func (p *QuizCompleted) toNative() (map[string]any, error) {
	return map[string]any{
		"quiz_id":            p.QuizID,
		"personality_type":   optionalString(p.PersonalityType),
		"personality_system": optionalString(p.PersonalitySystem),
		"values":             stringsNative(p.Values),
		"lifestyle":          stringsNative(p.Lifestyle),
		"scent_preferences":  stringsNative(p.ScentPreferences),
	}, nil
}

func quizCompletedFromNative(r *nativeReader, m map[string]any) *QuizCompleted {
	return &QuizCompleted{
		QuizID:            r.str(m, "quiz_id"),
		PersonalityType:   r.optionalString(m, "personality_type"),
		PersonalitySystem: r.optionalString(m, "personality_system"),
		Values:            r.strings(m, "values"),
		Lifestyle:         r.strings(m, "lifestyle"),
		ScentPreferences:  r.strings(m, "scent_preferences"),
	}
}

func (p *ContentViewed) toNative() (map[string]any, error) {
	return map[string]any{
		"content_id":   p.ContentID,
		"content_type": optionalString(p.ContentType),
		"topics":       stringsNative(p.Topics),
		"duration_ms":  optionalLong(p.DurationMS),
	}, nil
}

func contentViewedFromNative(r *nativeReader, m map[string]any) *ContentViewed {
	return &ContentViewed{
		ContentID:   r.str(m, "content_id"),
		ContentType: r.optionalString(m, "content_type"),
		Topics:      r.strings(m, "topics"),
		DurationMS:  r.optionalLong(m, "duration_ms"),
	}
}

func (p *FeatureUsed) toNative() (map[string]any, error) {
	return map[string]any{"feature": p.Feature, "action": optionalString(p.Action)}, nil
}

func featureUsedFromNative(r *nativeReader, m map[string]any) *FeatureUsed {
	return &FeatureUsed{Feature: r.str(m, "feature"), Action: r.optionalString(m, "action")}
}

func (p *ConsentUpdated) toNative() (map[string]any, error) {
	return map[string]any{
		"purpose":        p.Purpose,
		"granted":        p.Granted,
		"policy_version": optionalString(p.PolicyVersion),
	}, nil
}

func consentUpdatedFromNative(r *nativeReader, m map[string]any) *ConsentUpdated {
	return &ConsentUpdated{
		Purpose:       r.str(m, "purpose"),
		Granted:       r.boolean(m, "granted"),
		PolicyVersion: r.optionalString(m, "policy_version"),
	}
}

func (p *Track) toNative() (map[string]any, error) {
	props := make(map[string]any, len(p.Properties))
	for k, v := range p.Properties {
		props[k] = v
	}
	return map[string]any{"name": p.Name, "properties": props}, nil
}

func trackFromNative(r *nativeReader, m map[string]any) *Track {
	t := &Track{Name: r.str(m, "name")}
	props, ok := m["properties"].(map[string]any)
	if !ok {
		r.fail("properties", "a map", m["properties"])
		return t
	}
	if len(props) > 0 {
		t.Properties = make(map[string]string, len(props))
		for k, v := range props {
			t.Properties[k] = r.strValue("properties."+k, v)
		}
	}
	return t
}
