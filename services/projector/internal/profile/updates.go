package profile

import (
	"time"
)

// Update is one change to a profile, decoded from an input record.
type Update interface {
	// Profile returns the id of the profile the update belongs to.
	Profile() string
	// Kind names the update's source for metrics: identify, quiz, consent,
	// traits, vector or segments.
	Kind() string
	// Apply merges the update into p and returns what it did. The profile
	// version rises by at most one per update.
	Apply(p *Profile) Outcome
}

// Identify carries the explicit traits of an identify event. A nil field
// was not sent and keeps the stored value.
type Identify struct {
	ProfileID  string
	AsOf       time.Time
	UserIDHash string
	// Demographics and Communication hold the sent fields only.
	Demographics  Demographics
	Communication Communication
	// Preferences replace the stored ones when not empty.
	Preferences []string
}

// Profile returns the profile id.
func (u *Identify) Profile() string { return u.ProfileID }

// Kind returns "identify".
func (u *Identify) Kind() string { return "identify" }

// Apply merges each sent field into its section. Each section is ordered
// on its own: an identify older than a section leaves that section as it
// is, even for fields the newer update did not send.
// NOTE: per-field event times would keep such fields; the section-level
// time is a deliberate simplification for now.
func (u *Identify) Apply(p *Profile) Outcome {
	// A section the event sent no field of is left alone, so that its
	// event time does not move.
	var outcomes []Outcome
	if !sameContent(u.Demographics, Demographics{}) {
		next := mergeDemographics(p.Demographics.Value, u.Demographics)
		outcomes = append(outcomes, applySection(&p.Demographics, u.AsOf, next))
	}
	if !sameContent(u.Communication, Communication{}) {
		next := mergeCommunication(p.Communication.Value, u.Communication)
		outcomes = append(outcomes, applySection(&p.Communication, u.AsOf, next))
	}
	if len(u.Preferences) > 0 {
		outcomes = append(outcomes, applySection(&p.Explicit, u.AsOf, Explicit{Preferences: u.Preferences}))
	}
	o := combine(outcomes...)

	// The user id hash is not ordered by event time: ingest derives the
	// profile id from the user id, so one profile has one user id.
	if u.UserIDHash != "" && p.UserIDHash != u.UserIDHash {
		p.UserIDHash = u.UserIDHash
		o = Changed
	}
	return p.record(o, u.AsOf)
}

func mergeDemographics(stored *Demographics, sent Demographics) Demographics {
	var out Demographics
	if stored != nil {
		out = *stored
	}
	pick(&out.BirthYear, sent.BirthYear)
	pick(&out.Gender, sent.Gender)
	pick(&out.City, sent.City)
	pick(&out.Country, sent.Country)
	pick(&out.Language, sent.Language)
	pick(&out.Culture, sent.Culture)
	pick(&out.Timezone, sent.Timezone)
	return out
}

func mergeCommunication(stored *Communication, sent Communication) Communication {
	var out Communication
	if stored != nil {
		out = *stored
	}
	pick(&out.PreferredChannel, sent.PreferredChannel)
	pick(&out.ContactFrequency, sent.ContactFrequency)
	pick(&out.Email, sent.Email)
	pick(&out.Phone, sent.Phone)
	pick(&out.FirstName, sent.FirstName)
	return out
}

// pick overwrites *dst with a sent value.
func pick[T any](dst **T, sent *T) {
	if sent != nil {
		*dst = sent
	}
}

// Quiz carries a completed quiz. It replaces the psychographics section.
type Quiz struct {
	ProfileID      string
	AsOf           time.Time
	Psychographics Psychographics
}

// Profile returns the profile id.
func (u *Quiz) Profile() string { return u.ProfileID }

// Kind returns "quiz".
func (u *Quiz) Kind() string { return "quiz" }

// Apply replaces the psychographics section.
func (u *Quiz) Apply(p *Profile) Outcome {
	return p.record(applySection(&p.Psychographics, u.AsOf, u.Psychographics), u.AsOf)
}

// ConsentChange carries one consent decision for one purpose.
type ConsentChange struct {
	ProfileID string
	AsOf      time.Time
	Purpose   string
	Entry     ConsentEntry
}

// Profile returns the profile id.
func (u *ConsentChange) Profile() string { return u.ProfileID }

// Kind returns "consent".
func (u *ConsentChange) Kind() string { return "consent" }

// Apply sets the purpose's decision unless the stored decision for that
// purpose is newer. Purposes are ordered independently of each other.
func (u *ConsentChange) Apply(p *Profile) Outcome {
	if p.Consent == nil {
		p.Consent = Consent{}
	}
	entry := u.Entry
	entry.AsOf = u.AsOf
	stored, ok := p.Consent[u.Purpose]

	var o Outcome
	switch {
	case !ok:
		o = Changed
	case u.AsOf.Before(stored.AsOf):
		o = Ignored
	case stored.Granted == entry.Granted && stored.PolicyVersion == entry.PolicyVersion:
		o = Ignored
		if u.AsOf.After(stored.AsOf) {
			o = Advanced
		}
	default:
		o = Changed
	}
	if o != Ignored {
		p.Consent[u.Purpose] = entry
	}
	return p.record(o, u.AsOf)
}

// Traits carries inferred behavioural traits.
type Traits struct {
	ProfileID string
	AsOf      time.Time
	Behaviour Behaviour
}

// Profile returns the profile id.
func (u *Traits) Profile() string { return u.ProfileID }

// Kind returns "traits".
func (u *Traits) Kind() string { return "traits" }

// Apply replaces the behaviour section. Traits are ordered by as_of, then
// by reference time, then by computation time: inference recomputes a quiet
// profile with the same as_of when the reference time advances, and a
// recomputation may use newer RFM thresholds. So of two records with one
// as_of, the earlier computation is older and is ignored.
func (u *Traits) Apply(p *Profile) Outcome {
	stored := p.Behaviour.Value
	if stored != nil && u.AsOf.Equal(p.Behaviour.AsOf) &&
		computedBefore(u.Behaviour.ReferenceTime, u.Behaviour.ComputedAt,
			stored.ReferenceTime, stored.ComputedAt) {
		return Ignored
	}
	return p.record(applySection(&p.Behaviour, u.AsOf, u.Behaviour), u.AsOf)
}

// computedBefore reports whether a computation (reference, computed) is
// older than (otherReference, otherComputed). A nil computation time is
// older than any other.
func computedBefore(reference time.Time, computed *time.Time,
	otherReference time.Time, otherComputed *time.Time) bool {
	if !reference.Equal(otherReference) {
		return reference.Before(otherReference)
	}
	return timeOrZero(computed).Before(timeOrZero(otherComputed))
}

func timeOrZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// Vector carries an updated preference vector.
type Vector struct {
	ProfileID string
	AsOf      time.Time
	Vector    PreferenceVector
}

// Profile returns the profile id.
func (u *Vector) Profile() string { return u.ProfileID }

// Kind returns "vector".
func (u *Vector) Kind() string { return "vector" }

// Apply replaces the preference vector section.
func (u *Vector) Apply(p *Profile) Outcome {
	return p.record(applySection(&p.PreferenceVector, u.AsOf, u.Vector), u.AsOf)
}

// SegmentChange carries the full set of a profile's rule segments.
type SegmentChange struct {
	ProfileID string
	AsOf      time.Time
	Segments  Segments
}

// Profile returns the profile id.
func (u *SegmentChange) Profile() string { return u.ProfileID }

// Kind returns "segments".
func (u *SegmentChange) Kind() string { return "segments" }

// Apply replaces the segments section. Like traits, memberships with one
// as_of are ordered by the reference time and computation time of the
// traits they were evaluated from, so a replayed membership from an
// earlier computation is ignored.
func (u *SegmentChange) Apply(p *Profile) Outcome {
	if stored := p.Segments.Value; stored != nil && u.AsOf.Equal(p.Segments.AsOf) &&
		computedBefore(timeOrZero(u.Segments.ReferenceTime), u.Segments.TraitsComputedAt,
			timeOrZero(stored.ReferenceTime), stored.TraitsComputedAt) {
		return Ignored
	}
	return p.record(applySection(&p.Segments, u.AsOf, u.Segments), u.AsOf)
}
