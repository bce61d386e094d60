package membership

import (
	"slices"
	"time"
)

// Change is a profile's new membership with what joined and left since the
// stored one.
type Change struct {
	ProfileID    string
	RulesVersion string
	AsOf         time.Time
	Segments     []string
	Joined       []string
	Left         []string
	// ReferenceTime and TraitsComputedAt of the traits the membership was
	// evaluated from.
	ReferenceTime    time.Time
	TraitsComputedAt time.Time
}

// Decide compares a freshly evaluated membership with the stored one.
// changed is true when there was no stored membership, when the set of
// segments differs, or when the rules version differs. Only then is the
// change emitted. Both segment lists must be sorted.
func Decide(stored *Record, next Record) (c Change, changed bool) {
	c = Change{ProfileID: next.ProfileID, RulesVersion: next.RulesVersion, AsOf: next.AsOf,
		Segments: next.Segments, ReferenceTime: next.ReferenceTime, TraitsComputedAt: next.TraitsComputedAt}
	var before []string
	if stored != nil {
		before = stored.Segments
	}
	c.Joined = missingFrom(next.Segments, before)
	c.Left = missingFrom(before, next.Segments)

	changed = stored == nil || stored.RulesVersion != next.RulesVersion ||
		!slices.Equal(stored.Segments, next.Segments)
	return c, changed
}

// missingFrom returns the names of a that are not in b, in a's order.
func missingFrom(a, b []string) []string {
	out := []string{}
	for _, name := range a {
		if !slices.Contains(b, name) {
			out = append(out, name)
		}
	}
	return out
}
