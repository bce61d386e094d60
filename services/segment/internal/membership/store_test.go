package membership

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
)

const (
	alice = "6f1c1f4e-2b1a-4c55-9a53-0a8b7f3c0001"
	bob   = "6f1c1f4e-2b1a-4c55-9a53-0a8b7f3c0002"
)

func TestStoreRoundTrip(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	s := NewStore(pool)
	ctx := context.Background()
	at := time.Date(2011, 12, 9, 12, 50, 0, 123000000, time.UTC)

	got, err := s.Load(ctx, []string{alice, bob})
	require.NoError(t, err)
	assert.Empty(t, got)

	require.NoError(t, s.Save(ctx, []Record{
		{ProfileID: alice, Segments: []string{"active", "new"}, RulesVersion: "v1", AsOf: at},
		{ProfileID: bob, Segments: []string{}, RulesVersion: "v1", AsOf: at},
	}))
	got, err = s.Load(ctx, []string{alice, bob})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, Record{ProfileID: alice, Segments: []string{"active", "new"}, RulesVersion: "v1", AsOf: at},
		got[alice])
	assert.Empty(t, got[bob].Segments)
}

func TestStoreKeepsNewerAsOf(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	s := NewStore(pool)
	ctx := context.Background()
	at := time.Date(2011, 12, 9, 0, 0, 0, 0, time.UTC)

	require.NoError(t, s.Save(ctx, []Record{{ProfileID: alice, Segments: []string{"active"}, RulesVersion: "v1", AsOf: at}}))
	// An older write, as from a second consumer that read stale traits.
	require.NoError(t, s.Save(ctx, []Record{{ProfileID: alice, Segments: []string{"lapsed"}, RulesVersion: "v1",
		AsOf: at.Add(-time.Hour)}}))
	got, err := s.Load(ctx, []string{alice})
	require.NoError(t, err)
	assert.Equal(t, []string{"active"}, got[alice].Segments)

	// An equal as_of is written, so a new rules version applies.
	require.NoError(t, s.Save(ctx, []Record{{ProfileID: alice, Segments: []string{"active"}, RulesVersion: "v2", AsOf: at}}))
	got, err = s.Load(ctx, []string{alice})
	require.NoError(t, err)
	assert.Equal(t, "v2", got[alice].RulesVersion)
}

func TestStoreRejectsNonUUID(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	_, err := NewStore(pool).Load(context.Background(), []string{"not-a-uuid"})
	assert.Error(t, err)
}

func TestStoreKeepsLaterReferenceTime(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	s := NewStore(pool)
	ctx := context.Background()
	at := time.Date(2011, 12, 9, 0, 0, 0, 0, time.UTC)
	refreshed := Record{ProfileID: alice, Segments: []string{"lapsing"}, RulesVersion: "v1",
		AsOf: at, ReferenceTime: at.AddDate(0, 3, 0)}

	require.NoError(t, s.Save(ctx, []Record{refreshed}))
	// The same profile's traits from before the refresh, as a replay
	// delivers them: same as_of, earlier reference time.
	require.NoError(t, s.Save(ctx, []Record{{ProfileID: alice, Segments: []string{"active"}, RulesVersion: "v1",
		AsOf: at, ReferenceTime: at}}))
	got, err := s.Load(ctx, []string{alice})
	require.NoError(t, err)
	assert.Equal(t, []string{"lapsing"}, got[alice].Segments)
	assert.Equal(t, refreshed.ReferenceTime, got[alice].ReferenceTime)

	// A computation with the same as_of and reference time but an earlier
	// computed_at is older too.
	recomputed := refreshed
	recomputed.Segments = []string{"lapsing", "high_value"}
	recomputed.TraitsComputedAt = at.AddDate(0, 3, 1)
	require.NoError(t, s.Save(ctx, []Record{recomputed}))
	require.NoError(t, s.Save(ctx, []Record{refreshed}))
	got, err = s.Load(ctx, []string{alice})
	require.NoError(t, err)
	assert.Equal(t, recomputed.Segments, got[alice].Segments)
	assert.Equal(t, recomputed.TraitsComputedAt, got[alice].TraitsComputedAt)
}
