package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/services/projector/internal/profile"
)

const (
	pid   = "6a1e8d3c-2b4f-5c6d-8e9f-0a1b2c3d4e5f"
	other = "7b2f9e4d-3c5a-5d7e-9f0a-1b2c3d4e5f6a"
)

var t1 = time.Date(2011, 6, 1, 12, 0, 0, 0, time.UTC)

func str(s string) *string { return &s }

// everySection returns updates that together set every section.
func everySection() []profile.Update {
	year := int32(1980)
	days := int32(12)
	first := t1.Add(-48 * time.Hour)
	return []profile.Update{
		&profile.Identify{ProfileID: pid, AsOf: t1, UserIDHash: "hash-1",
			Demographics: profile.Demographics{BirthYear: &year, Gender: str("f"), City: str("Leeds"),
				Timezone: str("Europe/London")},
			Communication: profile.Communication{PreferredChannel: str("email"), Email: str("a@example.com"),
				Phone: str("+441134960000"), FirstName: str("Ann")},
			Preferences: []string{"lavender", "rose"}},
		&profile.Quiz{ProfileID: pid, AsOf: t1, Psychographics: profile.Psychographics{
			PersonalityType: str("INFJ"), Values: []string{"nature"}}},
		&profile.ConsentChange{ProfileID: pid, AsOf: t1, Purpose: "marketing",
			Entry: profile.ConsentEntry{Granted: true, PolicyVersion: "2011-01"}},
		&profile.Traits{ProfileID: pid, AsOf: t1, Behaviour: profile.Behaviour{ModelVersion: "m1", AsOf: t1,
			ReferenceTime: t1, Orders: 2, NetRevenue: "31.5000", AverageOrderValue: "15.7500",
			FirstOrderAt: &first, RecencyDays: &days, UsualHours: []int32{9, 20}, EngagementLevel: "medium"}},
		&profile.Vector{ProfileID: pid, AsOf: t1, Vector: profile.PreferenceVector{VectorSpace: "scent-notes-v1",
			AsOf: t1, Values: []float32{0.6, 0.8, 0}, TopFeatures: []string{"note:rose"}, EvidenceEvents: 3}},
		&profile.SegmentChange{ProfileID: pid, AsOf: t1, Segments: profile.Segments{RulesVersion: "r1",
			Segments: []string{"vip"}}},
	}
}

func applyAll(t *testing.T, s *Profiles, ids []string, updates []profile.Update) map[string]profile.Outcome {
	t.Helper()
	outcomes := map[string]profile.Outcome{}
	err := s.Modify(context.Background(), ids, func(p *profile.Profile) bool {
		stored := false
		for _, u := range updates {
			if u.Profile() != p.ProfileID {
				continue
			}
			o := u.Apply(p)
			outcomes[u.Kind()] = max(outcomes[u.Kind()], o)
			stored = stored || o.Stored()
		}
		return stored
	})
	require.NoError(t, err)
	return outcomes
}

func TestRoundTripKeepsReplayNoOp(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	s := NewProfiles(pool)
	ctx := context.Background()

	applyAll(t, s, []string{pid, other}, everySection())
	got, err := s.Unpublished(ctx, []string{pid, other})
	require.NoError(t, err)
	require.Len(t, got, 1, "a profile without changes is not unpublished")
	p := got[0]
	require.Equal(t, int64(6), p.Version)
	require.Equal(t, t1, p.UpdatedAt)
	require.Equal(t, "hash-1", p.UserIDHash)
	require.Equal(t, "a@example.com", *p.Communication.Value.Email)
	require.Equal(t, "Ann", *p.Communication.Value.FirstName)
	require.Equal(t, "Leeds", *p.Demographics.Value.City)
	require.True(t, p.Consent["marketing"].Granted)
	require.Equal(t, "31.5000", p.Behaviour.Value.NetRevenue)
	require.Equal(t, []float32{0.6, 0.8, 0}, p.PreferenceVector.Value.Values)

	// Every section read back compares equal to the update that wrote it,
	// so replaying the batch against the stored row changes nothing.
	outcomes := applyAll(t, s, []string{pid}, everySection())
	for kind, o := range outcomes {
		require.Equal(t, profile.Ignored, o, kind)
	}
	got, err = s.Unpublished(ctx, []string{pid})
	require.NoError(t, err)
	require.Equal(t, int64(6), got[0].Version)
}

func TestOlderUpdateIgnoredAfterReload(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	s := NewProfiles(pool)

	applyAll(t, s, []string{pid}, []profile.Update{&profile.SegmentChange{ProfileID: pid, AsOf: t1,
		Segments: profile.Segments{RulesVersion: "r1", Segments: []string{"lapsed"}}}})
	outcomes := applyAll(t, s, []string{pid}, []profile.Update{&profile.SegmentChange{ProfileID: pid,
		AsOf: t1.Add(-time.Hour), Segments: profile.Segments{RulesVersion: "r1", Segments: []string{"vip"}}}})
	require.Equal(t, profile.Ignored, outcomes["segments"])

	got, err := s.Unpublished(context.Background(), []string{pid})
	require.NoError(t, err)
	require.Equal(t, []string{"lapsed"}, got[0].Segments.Value.Segments)
	require.Equal(t, int64(1), got[0].Version)
}

func TestMarkPublished(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	s := NewProfiles(pool)
	ctx := context.Background()

	applyAll(t, s, []string{pid}, everySection())
	require.NoError(t, s.MarkPublished(ctx, map[string]int64{pid: 6}))
	got, err := s.Unpublished(ctx, []string{pid})
	require.NoError(t, err)
	require.Empty(t, got)

	// A late acknowledgement of an older version does not move back.
	require.NoError(t, s.MarkPublished(ctx, map[string]int64{pid: 3}))
	var published int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT published_version FROM profiles WHERE profile_id = $1`, pid).
		Scan(&published))
	require.Equal(t, int64(6), published)
}
