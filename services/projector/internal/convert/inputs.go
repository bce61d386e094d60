// Package convert translates between the platform's Avro types of package
// events and the projector's profile model.
package convert

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/pseudonym"
	"github.com/profilehub/platform/services/projector/internal/profile"
)

// ErrIrrelevant marks an event type that changes no profile section.
var ErrIrrelevant = errors.New("event type does not change a profile")

// FromEvent returns the update of an identify, quiz_completed or
// consent_updated event. Other event types return ErrIrrelevant; an event
// without a valid profile id or with a payload of the wrong type is an
// error.
func FromEvent(e *events.Event, hasher *pseudonym.Hasher) (profile.Update, error) {
	switch e.EventType {
	case events.TypeIdentify, events.TypeQuizCompleted, events.TypeConsentUpdated:
	default:
		return nil, ErrIrrelevant
	}
	id, err := ProfileID(e.ProfileID)
	if err != nil {
		return nil, fmt.Errorf("event %s: %w", e.EventID, err)
	}
	asOf := e.EventTime.UTC()

	switch p := e.Payload.(type) {
	case *events.Identify:
		return identify(id, asOf, e, p, hasher), nil
	case *events.QuizCompleted:
		return &profile.Quiz{ProfileID: id, AsOf: asOf, Psychographics: profile.Psychographics{
			PersonalityType:   text(p.PersonalityType),
			PersonalitySystem: text(p.PersonalitySystem),
			Values:            p.Values,
			Lifestyle:         p.Lifestyle,
			ScentPreferences:  p.ScentPreferences,
		}}, nil
	case *events.ConsentUpdated:
		purpose := strings.ToLower(strings.TrimSpace(p.Purpose))
		if purpose == "" {
			return nil, fmt.Errorf("event %s: consent purpose is empty", e.EventID)
		}
		return &profile.ConsentChange{ProfileID: id, AsOf: asOf, Purpose: purpose,
			Entry: profile.ConsentEntry{Granted: p.Granted, PolicyVersion: p.PolicyVersion}}, nil
	default:
		return nil, fmt.Errorf("event %s of type %s has payload %T", e.EventID, e.EventType, e.Payload)
	}
}

func identify(id string, asOf time.Time, e *events.Event, p *events.Identify,
	hasher *pseudonym.Hasher) *profile.Identify {
	u := &profile.Identify{
		ProfileID: id,
		AsOf:      asOf,
		Demographics: profile.Demographics{
			BirthYear: p.BirthYear,
			Gender:    text(p.Gender),
			City:      text(p.City),
			Country:   text(p.Country),
			Language:  text(p.Language),
			Culture:   text(p.Culture),
			Timezone:  text(e.Context.Timezone),
		},
		Communication: profile.Communication{
			PreferredChannel: text(p.PreferredChannel),
			ContactFrequency: text(p.ContactFrequency),
			Email:            text(p.Email),
			Phone:            text(p.Phone),
			FirstName:        text(p.FirstName),
		},
		Preferences: p.ExplicitPreferences,
	}
	if e.UserID != "" {
		u.UserIDHash = hasher.Hash(pseudonym.KindUser, e.UserID)
	}
	return u
}

// FromTraits returns the update of a traits.inferred record.
func FromTraits(t *events.ProfileTraits) (profile.Update, error) {
	id, err := ProfileID(t.ProfileID)
	if err != nil {
		return nil, err
	}
	return &profile.Traits{ProfileID: id, AsOf: t.AsOf.UTC(), Behaviour: behaviour(t)}, nil
}

// FromVector returns the update of a vectors.updated record.
func FromVector(v *events.PreferenceVector) (profile.Update, error) {
	id, err := ProfileID(v.ProfileID)
	if err != nil {
		return nil, err
	}
	return &profile.Vector{ProfileID: id, AsOf: v.AsOf.UTC(), Vector: profile.PreferenceVector{
		VectorSpace:    v.VectorSpace,
		AsOf:           v.AsOf.UTC(),
		Values:         v.Values,
		TopFeatures:    v.TopFeatures,
		EvidenceEvents: v.EvidenceEvents,
	}}, nil
}

// FromSegments returns the update of a segments.changed record.
func FromSegments(s *events.SegmentMembership) (profile.Update, error) {
	id, err := ProfileID(s.ProfileID)
	if err != nil {
		return nil, err
	}
	segments := profile.Segments{RulesVersion: s.RulesVersion, Segments: s.Segments}
	if !s.ReferenceTime.IsZero() {
		reference := s.ReferenceTime.UTC()
		segments.ReferenceTime = &reference
	}
	if !s.TraitsComputedAt.IsZero() {
		computed := s.TraitsComputedAt.UTC()
		segments.TraitsComputedAt = &computed
	}
	return &profile.SegmentChange{ProfileID: id, AsOf: s.AsOf.UTC(), Segments: segments}, nil
}

// ProfileID returns id in the canonical lower-case UUID form, or an error
// if it is not a UUID.
func ProfileID(id string) (string, error) {
	u, err := uuid.Parse(id)
	if err != nil {
		return "", fmt.Errorf("profile id %q is not a UUID: %w", id, err)
	}
	return u.String(), nil
}

// text returns nil for the empty string, which package events uses for
// null.
func text(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
