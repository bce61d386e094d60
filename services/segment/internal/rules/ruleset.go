package rules

// RuleSet is a checked rules file.
type RuleSet struct {
	// Version names this set of rules. It is stored with every membership,
	// and the first traits of a profile under a new version re-emit its
	// membership.
	Version string
	// Segments are sorted by name.
	Segments []Segment
}

// Segment is one named rule.
type Segment struct {
	Name        string
	Description string
	all, any    []condition
}

// Matches reports whether f satisfies every all-condition and, when the
// segment has any-conditions, at least one of them.
func (s Segment) Matches(f *Facts) bool {
	for _, c := range s.all {
		if !c.holds(f) {
			return false
		}
	}
	if len(s.any) == 0 {
		return true
	}
	for _, c := range s.any {
		if c.holds(f) {
			return true
		}
	}
	return false
}

// Evaluate returns the names of the segments f belongs to, sorted.
func (rs *RuleSet) Evaluate(f *Facts) []string {
	names := []string{}
	for _, s := range rs.Segments {
		if s.Matches(f) {
			names = append(names, s.Name)
		}
	}
	return names
}
