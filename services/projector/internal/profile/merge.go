package profile

import (
	"bytes"
	"encoding/json"
	"time"
)

// Outcome is the result of applying an update to a profile.
type Outcome int

const (
	// Ignored: the update is older than the stored section, or a replay.
	Ignored Outcome = iota
	// Advanced: the content was already stored, and only the section's
	// event time moved forward. The version stays, but the row is written
	// so that a later-arriving older update is still recognised as older.
	Advanced
	// Changed: the content changed and the version rose by one.
	Changed
)

// String returns the outcome's name: ignored, advanced or changed.
func (o Outcome) String() string {
	switch o {
	case Advanced:
		return "advanced"
	case Changed:
		return "changed"
	default:
		return "ignored"
	}
}

// Stored reports whether the profile row needs writing after o.
func (o Outcome) Stored() bool { return o != Ignored }

// applySection sets s to next as of asOf, unless s is newer or already
// holds the same content. A nil stored value counts as different from any
// update, so the first update of a section always applies.
func applySection[T any](s *Section[T], asOf time.Time, next T) Outcome {
	if s.Value != nil && asOf.Before(s.AsOf) {
		return Ignored
	}
	if s.Value != nil && sameContent(*s.Value, next) {
		if asOf.After(s.AsOf) {
			s.AsOf = asOf
			return Advanced
		}
		return Ignored
	}
	s.Value = &next
	s.AsOf = asOf
	return Changed
}

// sameContent compares two section values by their canonical JSON, so nil
// and empty lists are equal and time zones do not matter. Communication
// compares its personal data as well; the computation times of behaviour
// and segments are left out.
func sameContent(a, b any) bool {
	switch value := a.(type) {
	case Communication:
		a, b = value.comparable(), b.(Communication).comparable()
	case Behaviour:
		other := b.(Behaviour)
		value.ComputedAt, other.ComputedAt = nil, nil
		a, b = value, other
	case Segments:
		other := b.(Segments)
		value.TraitsComputedAt, other.TraitsComputedAt = nil, nil
		a, b = value, other
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

func (c Communication) comparable() any {
	return struct {
		Communication
		Email     *string `json:"email,omitempty"`
		Phone     *string `json:"phone,omitempty"`
		FirstName *string `json:"first_name,omitempty"`
	}{c, c.Email, c.Phone, c.FirstName}
}

// record raises the version for a change and moves UpdatedAt to the
// latest event time of any change.
func (p *Profile) record(o Outcome, asOf time.Time) Outcome {
	if o == Changed {
		p.Version++
		if asOf.After(p.UpdatedAt) {
			p.UpdatedAt = asOf
		}
	}
	return o
}

// combine returns the outcome of an update that touched several sections:
// Changed if any changed, else Advanced if any advanced.
func combine(outcomes ...Outcome) Outcome {
	best := Ignored
	for _, o := range outcomes {
		best = max(best, o)
	}
	return best
}
