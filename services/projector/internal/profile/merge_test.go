package profile

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var (
	t1 = time.Date(2011, 3, 1, 10, 0, 0, 0, time.UTC)
	t2 = t1.Add(time.Hour)
	t3 = t2.Add(time.Hour)
)

const pid = "5f0c8a8e-7f55-5b52-9a3e-0c1d2e3f4a5b"

func str(s string) *string { return &s }

func segments(asOf time.Time, names ...string) *SegmentChange {
	return &SegmentChange{ProfileID: pid, AsOf: asOf, Segments: Segments{RulesVersion: "r1", Segments: names}}
}

func TestSectionOrdering(t *testing.T) {
	cases := []struct {
		name        string
		updates     []Update
		wantOutcome []Outcome
		wantVersion int64
		wantNames   []string
		wantAsOf    time.Time
	}{
		{"first update applies",
			[]Update{segments(t1, "vip")},
			[]Outcome{Changed}, 1, []string{"vip"}, t1},
		{"newer update applies",
			[]Update{segments(t1, "vip"), segments(t2, "lapsed")},
			[]Outcome{Changed, Changed}, 2, []string{"lapsed"}, t2},
		{"older update is ignored",
			[]Update{segments(t2, "lapsed"), segments(t1, "vip")},
			[]Outcome{Changed, Ignored}, 1, []string{"lapsed"}, t2},
		{"replay is a no-op",
			[]Update{segments(t1, "vip"), segments(t1, "vip")},
			[]Outcome{Changed, Ignored}, 1, []string{"vip"}, t1},
		{"same event time with new content applies",
			[]Update{segments(t1, "vip"), segments(t1, "lapsed")},
			[]Outcome{Changed, Changed}, 2, []string{"lapsed"}, t1},
		{"same content later advances without a version",
			[]Update{segments(t1, "vip"), segments(t3, "vip")},
			[]Outcome{Changed, Advanced}, 1, []string{"vip"}, t3},
		// Arrival t1, t3, t2 must end where event-time order t1, t2, t3
		// ends: the t2 update is older than the advanced section.
		{"advanced section still rejects older updates",
			[]Update{segments(t1, "vip"), segments(t3, "vip"), segments(t2, "lapsed")},
			[]Outcome{Changed, Advanced, Ignored}, 1, []string{"vip"}, t3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &Profile{ProfileID: pid}
			for i, u := range c.updates {
				require.Equal(t, c.wantOutcome[i], u.Apply(p), "update %d", i)
			}
			require.Equal(t, c.wantVersion, p.Version)
			require.Equal(t, c.wantNames, p.Segments.Value.Segments)
			require.Equal(t, c.wantAsOf, p.Segments.AsOf)
		})
	}
}

func TestVersionCountsChangesAcrossSections(t *testing.T) {
	p := &Profile{ProfileID: pid}
	updates := []Update{
		segments(t1, "vip"),
		&Quiz{ProfileID: pid, AsOf: t2, Psychographics: Psychographics{PersonalityType: str("INFJ")}},
		&Vector{ProfileID: pid, AsOf: t1, Vector: PreferenceVector{VectorSpace: "scent-notes-v1", Values: []float32{1, 0}}},
		&Traits{ProfileID: pid, AsOf: t2, Behaviour: Behaviour{ModelVersion: "m1", Orders: 3, NetRevenue: "12.5000"}},
		&Traits{ProfileID: pid, AsOf: t2, Behaviour: Behaviour{ModelVersion: "m1", Orders: 3, NetRevenue: "12.5000"}},
	}
	for _, u := range updates {
		u.Apply(p)
	}
	require.Equal(t, int64(4), p.Version)
	require.Equal(t, t2, p.UpdatedAt, "updated_at is the latest event time of a change")
}

func TestNilAndEmptyListsAreEqual(t *testing.T) {
	p := &Profile{ProfileID: pid}
	require.Equal(t, Changed, segments(t1).Apply(p))
	u := &SegmentChange{ProfileID: pid, AsOf: t1, Segments: Segments{RulesVersion: "r1", Segments: []string{}}}
	require.Equal(t, Ignored, u.Apply(p))
}

func TestConsentPerPurpose(t *testing.T) {
	consent := func(asOf time.Time, purpose string, granted bool) *ConsentChange {
		return &ConsentChange{ProfileID: pid, AsOf: asOf, Purpose: purpose, Entry: ConsentEntry{Granted: granted}}
	}
	cases := []struct {
		name        string
		updates     []Update
		want        map[string]bool
		wantVersion int64
	}{
		{"purposes are independent",
			[]Update{consent(t3, "analytics", true), consent(t1, "marketing", false)},
			map[string]bool{"analytics": true, "marketing": false}, 2},
		{"older decision for a purpose is ignored",
			[]Update{consent(t2, "marketing", false), consent(t1, "marketing", true)},
			map[string]bool{"marketing": false}, 1},
		{"newer decision replaces",
			[]Update{consent(t1, "marketing", true), consent(t2, "marketing", false)},
			map[string]bool{"marketing": false}, 2},
		{"replay is a no-op",
			[]Update{consent(t1, "sharing", true), consent(t1, "sharing", true)},
			map[string]bool{"sharing": true}, 1},
		{"repeated decision later only advances",
			[]Update{consent(t1, "sharing", true), consent(t3, "sharing", true), consent(t2, "sharing", false)},
			map[string]bool{"sharing": true}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &Profile{ProfileID: pid}
			for _, u := range c.updates {
				u.Apply(p)
			}
			got := map[string]bool{}
			for purpose, e := range p.Consent {
				got[purpose] = e.Granted
			}
			require.Equal(t, c.want, got)
			require.Equal(t, c.wantVersion, p.Version)
		})
	}
}

func TestConsentAsOfIsLatestPurpose(t *testing.T) {
	c := Consent{"a": {AsOf: t1}, "b": {AsOf: t3}, "c": {AsOf: t2}}
	require.Equal(t, t3, c.AsOf())
	require.True(t, Consent{}.AsOf().IsZero())
}

func TestIdentifyMergesSentFields(t *testing.T) {
	p := &Profile{ProfileID: pid}
	first := &Identify{ProfileID: pid, AsOf: t1, UserIDHash: "h1",
		Demographics:  Demographics{Gender: str("f"), Country: str("United Kingdom")},
		Communication: Communication{Email: str("a@example.com")},
		Preferences:   []string{"lavender"}}
	require.Equal(t, Changed, first.Apply(p))
	require.Equal(t, int64(1), p.Version, "one identify is one change")

	// Only the language is sent: the gender stays, the contact section
	// keeps its event time because nothing of it was sent.
	second := &Identify{ProfileID: pid, AsOf: t2, Demographics: Demographics{Language: str("en")}}
	require.Equal(t, Changed, second.Apply(p))
	require.Equal(t, "f", *p.Demographics.Value.Gender)
	require.Equal(t, "en", *p.Demographics.Value.Language)
	require.Equal(t, t1, p.Communication.AsOf)
	require.Equal(t, []string{"lavender"}, p.Explicit.Value.Preferences)
	require.Equal(t, "h1", p.UserIDHash)
	require.Equal(t, int64(2), p.Version)

	// A new phone number older than the contact section is ignored.
	older := &Identify{ProfileID: pid, AsOf: t1.Add(-time.Minute), Communication: Communication{Phone: str("+44")}}
	require.Equal(t, Ignored, older.Apply(p))
	require.Nil(t, p.Communication.Value.Phone)

	// A changed email alone is a change, although it is not in the JSON.
	email := &Identify{ProfileID: pid, AsOf: t2, Communication: Communication{Email: str("b@example.com")}}
	require.Equal(t, Changed, email.Apply(p))
	require.Equal(t, int64(3), p.Version)

	// Replaying every identify changes nothing.
	for _, u := range []Update{first, second, older, email} {
		require.Equal(t, Ignored, u.Apply(p))
	}
	require.Equal(t, int64(3), p.Version)
}

func TestReplayOfBatchIsNoOp(t *testing.T) {
	batch := []Update{
		segments(t2, "vip"),
		&Quiz{ProfileID: pid, AsOf: t1, Psychographics: Psychographics{Values: []string{"nature"}}},
		&ConsentChange{ProfileID: pid, AsOf: t1, Purpose: "marketing", Entry: ConsentEntry{Granted: true}},
	}
	p := &Profile{ProfileID: pid}
	for _, u := range batch {
		u.Apply(p)
	}
	version := p.Version
	for _, u := range batch {
		require.Equal(t, Ignored, u.Apply(p))
	}
	require.Equal(t, version, p.Version)
}

// A replay delivers a profile's traits from before a refresh after the
// refreshed ones: same as_of, earlier reference time. They must not undo
// the refresh or raise the version.
func TestTraitsOrderedByReferenceTime(t *testing.T) {
	p := &Profile{ProfileID: pid}
	traits := func(reference time.Time, recency int32) *Traits {
		return &Traits{ProfileID: pid, AsOf: t1, Behaviour: Behaviour{
			ModelVersion: "m1", Orders: 1, NetRevenue: "5.0000",
			ReferenceTime: reference, RecencyDays: &recency}}
	}

	require.Equal(t, Changed, traits(t1, 0).Apply(p))
	require.Equal(t, Changed, traits(t3, 2).Apply(p), "the refresh applies")
	require.Equal(t, Ignored, traits(t1, 0).Apply(p), "the older computation is ignored")
	require.Equal(t, Ignored, traits(t3, 2).Apply(p), "the refresh again is a no-op")
	require.Equal(t, int64(2), p.Version)
	require.Equal(t, int32(2), *p.Behaviour.Value.RecencyDays)
}

// Memberships are ordered like traits: with one as_of, the one evaluated
// against the later reference time wins and a replayed earlier one is
// ignored.
func TestSegmentsOrderedByReferenceTime(t *testing.T) {
	p := &Profile{ProfileID: pid}
	membership := func(reference time.Time, names ...string) *SegmentChange {
		return &SegmentChange{ProfileID: pid, AsOf: t1,
			Segments: Segments{RulesVersion: "r1", Segments: names, ReferenceTime: &reference}}
	}

	require.Equal(t, Changed, membership(t1, "active").Apply(p))
	require.Equal(t, Changed, membership(t3, "lapsing").Apply(p), "the refreshed membership applies")
	require.Equal(t, Ignored, membership(t1, "active").Apply(p), "the replayed older one is ignored")
	require.Equal(t, Ignored, membership(t3, "lapsing").Apply(p), "the refreshed one again is a no-op")
	require.Equal(t, int64(2), p.Version)
	require.Equal(t, []string{"lapsing"}, p.Segments.Value.Segments)
}

// Two computations with one as_of and one reference time are ordered by
// their computation time, and a recomputation with equal traits is not a
// change.
func TestTraitsOrderedByComputedAt(t *testing.T) {
	p := &Profile{ProfileID: pid}
	traits := func(computed time.Time, rfm string) *Traits {
		return &Traits{ProfileID: pid, AsOf: t1, Behaviour: Behaviour{
			ModelVersion: "m1", Orders: 1, NetRevenue: "5.0000", ReferenceTime: t2,
			RFMScore: rfm, ComputedAt: &computed}}
	}

	require.Equal(t, Changed, traits(t1, "311").Apply(p))
	require.Equal(t, Changed, traits(t3, "411").Apply(p), "newer thresholds apply")
	require.Equal(t, Ignored, traits(t2, "311").Apply(p), "an earlier computation is ignored")
	require.Equal(t, Ignored, traits(t3.Add(time.Hour), "411").Apply(p), "an equal recomputation is no change")
	require.Equal(t, int64(2), p.Version)
	require.Equal(t, "411", p.Behaviour.Value.RFMScore)
}
