package dedup

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
)

func TestStoreSeenAndMark(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	store := NewStore(pool)
	ctx := context.Background()
	first := "0b9a3f8e-2d1c-4c57-9f0e-1a2b3c4d5e6f"
	second := "7c6d5e4f-3a2b-4c1d-8e9f-0a1b2c3d4e5f"

	seen, err := store.Seen(ctx, []string{first, second})
	require.NoError(t, err)
	require.Empty(t, seen)

	t0 := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	require.NoError(t, store.Mark(ctx, []string{second, first}, t0))
	seen, err = store.Seen(ctx, []string{first, second, "11111111-2222-4333-8444-555555555555"})
	require.NoError(t, err)
	require.Equal(t, map[string]bool{first: true, second: true}, seen)

	// Marking again is harmless and keeps the first time.
	require.NoError(t, store.Mark(ctx, []string{first}, t0.Add(time.Hour)))
	var seenAt time.Time
	err = pool.QueryRow(ctx, `SELECT seen_at FROM ingest_seen WHERE event_id = $1`, first).Scan(&seenAt)
	require.NoError(t, err)
	require.True(t, seenAt.Equal(t0), "seen_at %s, want %s", seenAt, t0)
}

func TestStoreEmptyInput(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	store := NewStore(pool)
	seen, err := store.Seen(context.Background(), nil)
	require.NoError(t, err)
	require.Empty(t, seen)
	require.NoError(t, store.Mark(context.Background(), nil, time.Now()))
}
