package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/profilehub/platform/services/projector/internal/profile"
)

const updateSQL = `UPDATE profiles SET
	version = $2, updated_at = $3, written_at = now(), user_id_hash = $4,
	email = $5, phone = $6, first_name = $7,
	explicit = $8, explicit_as_of = $9,
	demographics = $10, demographics_as_of = $11,
	communication = $12, communication_as_of = $13,
	consent = $14, consent_as_of = $15,
	psychographics = $16, psychographics_as_of = $17,
	behaviour = $18, behaviour_as_of = $19,
	preference_vector = $20, preference_vector_as_of = $21,
	segments = $22, segments_as_of = $23
WHERE profile_id = $1`

// updateArgs returns the parameters of updateSQL for p.
func updateArgs(p *profile.Profile) ([]any, error) {
	consent, err := consentJSON(p.Consent)
	if err != nil {
		return nil, fmt.Errorf("encoding column consent: %w", err)
	}
	var email, phone, firstName any
	if c := p.Communication.Value; c != nil {
		email, phone, firstName = optionalText(c.Email), optionalText(c.Phone), optionalText(c.FirstName)
	}
	args := []any{p.ProfileID, p.Version, optionalTime(p.UpdatedAt), emptyToNil(p.UserIDHash),
		email, phone, firstName}

	var errs []error
	add := func(value, asOf any, err error) {
		args = append(args, value, asOf)
		errs = append(errs, err)
	}
	add(writeSection("explicit", p.Explicit))
	add(writeSection("demographics", p.Demographics))
	add(writeSection("communication", p.Communication))
	add(consent, optionalTime(p.Consent.AsOf()), nil)
	add(writeSection("psychographics", p.Psychographics))
	add(writeSection("behaviour", p.Behaviour))
	add(writeSection("preference_vector", p.PreferenceVector))
	add(writeSection("segments", p.Segments))
	return args, errors.Join(errs...)
}

// scanProfile reads one row of selectColumns.
func scanProfile(rows pgx.Rows) (*profile.Profile, error) {
	var (
		p                                           profile.Profile
		updatedAt                                   *time.Time
		userIDHash, email, phone, firstName         *string
		explicit, demographics, communication       []byte
		consent, psychographics, behaviour          []byte
		preferenceVector, segments                  []byte
		explicitAt, demographicsAt, communicationAt *time.Time
		psychographicsAt, behaviourAt               *time.Time
		preferenceVectorAt, segmentsAt              *time.Time
	)
	err := rows.Scan(&p.ProfileID, &p.Version, &p.PublishedVersion, &updatedAt, &userIDHash,
		&email, &phone, &firstName,
		&explicit, &explicitAt, &demographics, &demographicsAt, &communication, &communicationAt,
		&consent, &psychographics, &psychographicsAt, &behaviour, &behaviourAt,
		&preferenceVector, &preferenceVectorAt, &segments, &segmentsAt)
	if err != nil {
		return nil, fmt.Errorf("scanning profile row: %w", err)
	}
	p.UpdatedAt = utc(updatedAt)
	if userIDHash != nil {
		p.UserIDHash = *userIDHash
	}

	err = errors.Join(
		readSection("explicit", explicit, explicitAt, &p.Explicit),
		readSection("demographics", demographics, demographicsAt, &p.Demographics),
		readSection("communication", communication, communicationAt, &p.Communication),
		readSection("psychographics", psychographics, psychographicsAt, &p.Psychographics),
		readSection("behaviour", behaviour, behaviourAt, &p.Behaviour),
		readSection("preference_vector", preferenceVector, preferenceVectorAt, &p.PreferenceVector),
		readSection("segments", segments, segmentsAt, &p.Segments),
		json.Unmarshal(consent, &p.Consent),
	)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w", p.ProfileID, err)
	}

	// The personal data columns belong to the communication section.
	if email != nil || phone != nil || firstName != nil {
		if p.Communication.Value == nil {
			p.Communication.Value = &profile.Communication{}
		}
		p.Communication.Value.Email, p.Communication.Value.Phone = email, phone
		p.Communication.Value.FirstName = firstName
	}
	for purpose, e := range p.Consent {
		e.AsOf = e.AsOf.UTC()
		p.Consent[purpose] = e
	}
	return &p, nil
}
