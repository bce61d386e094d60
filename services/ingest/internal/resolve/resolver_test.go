package resolve

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/identity"
)

// memoryStore is a LinkStore in memory with the same conflict rule as the
// Postgres upsert. It counts lookups so tests can check the cache.
type memoryStore struct {
	links   map[string]Link
	lookups int
	upserts [][]Link
	err     error
}

func newMemoryStore() *memoryStore {
	return &memoryStore{links: make(map[string]Link)}
}

func (m *memoryStore) UpsertLinks(_ context.Context, links []Link) error {
	if m.err != nil {
		return m.err
	}
	m.upserts = append(m.upserts, links)
	for _, l := range links {
		key := l.IdentifierType + "\x00" + l.IdentifierValue
		if prev, ok := m.links[key]; !ok || linkBefore(l, prev) {
			m.links[key] = l
		}
	}
	return nil
}

func (m *memoryStore) LookupLinks(_ context.Context, identifierType string, values []string) (map[string]string, error) {
	if m.err != nil {
		return nil, m.err
	}
	m.lookups++
	found := make(map[string]string)
	for _, v := range values {
		if l, ok := m.links[identifierType+"\x00"+v]; ok {
			found[v] = l.ProfileID
		}
	}
	return found, nil
}

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

func userProfile(id string) string { return identity.ProfileID(identity.KindUser, id) }
func anonProfile(id string) string { return identity.ProfileID(identity.KindAnonymous, id) }

func TestResolveProfileIDs(t *testing.T) {
	cases := []struct {
		name     string
		existing []Subject // resolved first, in their own batch
		subjects []Subject
		want     []string
	}{
		{
			name:     "user id only",
			subjects: []Subject{{EventID: "e1", EventTime: t0, UserID: "u1"}},
			want:     []string{userProfile("u1")},
		},
		{
			name:     "anonymous id without link",
			subjects: []Subject{{EventID: "e1", EventTime: t0, AnonymousID: "a1"}},
			want:     []string{anonProfile("a1")},
		},
		{
			name:     "both ids resolve to the user",
			subjects: []Subject{{EventID: "e1", EventTime: t0, AnonymousID: "a1", UserID: "u1"}},
			want:     []string{userProfile("u1")},
		},
		{
			name:     "anonymous id linked by an earlier batch",
			existing: []Subject{{EventID: "e0", EventTime: t0, AnonymousID: "a1", UserID: "u1"}},
			subjects: []Subject{{EventID: "e1", EventTime: t0.Add(time.Hour), AnonymousID: "a1"}},
			want:     []string{userProfile("u1")},
		},
		{
			name: "anonymous id linked later in the same batch",
			subjects: []Subject{
				{EventID: "e1", EventTime: t0, AnonymousID: "a1"},
				{EventID: "e2", EventTime: t0.Add(time.Minute), AnonymousID: "a1", UserID: "u1"},
			},
			want: []string{userProfile("u1"), userProfile("u1")},
		},
		{
			name: "second user id keeps its own profile",
			subjects: []Subject{
				{EventID: "e1", EventTime: t0, AnonymousID: "a1", UserID: "u1"},
				{EventID: "e2", EventTime: t0.Add(time.Minute), AnonymousID: "a1", UserID: "u2"},
				{EventID: "e3", EventTime: t0.Add(2 * time.Minute), AnonymousID: "a1"},
			},
			want: []string{userProfile("u1"), userProfile("u2"), userProfile("u1")},
		},
		{
			name:     "earlier event wins the link over a stored later one",
			existing: []Subject{{EventID: "e5", EventTime: t0.Add(time.Hour), AnonymousID: "a1", UserID: "u2"}},
			subjects: []Subject{
				{EventID: "e1", EventTime: t0, AnonymousID: "a1", UserID: "u1"},
				{EventID: "e2", EventTime: t0.Add(2 * time.Hour), AnonymousID: "a1"},
			},
			want: []string{userProfile("u1"), userProfile("u1")},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := NewResolver(newMemoryStore(), 10)
			if len(tc.existing) > 0 {
				_, err := r.Resolve(context.Background(), tc.existing)
				require.NoError(t, err)
			}
			got, err := r.Resolve(context.Background(), tc.subjects)
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestResolveWritesOnlyAnonymousLinks(t *testing.T) {
	store := newMemoryStore()
	r := NewResolver(store, 10)
	_, err := r.Resolve(context.Background(), []Subject{
		{EventID: "e2", EventTime: t0.Add(time.Minute), AnonymousID: "a1", UserID: "u1"},
		{EventID: "e1", EventTime: t0, AnonymousID: "a1", UserID: "u1"},
		{EventID: "e3", EventTime: t0, UserID: "u2"},
	})
	require.NoError(t, err)

	require.Len(t, store.upserts, 1)
	links := store.upserts[0]
	require.Len(t, links, 1, "one link per anonymous id, none for user ids")
	require.Equal(t, identity.KindAnonymous, links[0].IdentifierType)
	require.Equal(t, "a1", links[0].IdentifierValue)
	require.Equal(t, userProfile("u1"), links[0].ProfileID)
	require.Equal(t, "e1", links[0].FirstEventID, "the earliest event of the batch provides the link")
	require.Equal(t, RuleEventWithUserID, links[0].Rule)
}

func TestResolveCachesLinks(t *testing.T) {
	store := newMemoryStore()
	r := NewResolver(store, 10)
	ctx := context.Background()
	_, err := r.Resolve(ctx, []Subject{{EventID: "e1", EventTime: t0, AnonymousID: "a1", UserID: "u1"}})
	require.NoError(t, err)

	anonymous := []Subject{{EventID: "e2", EventTime: t0, AnonymousID: "a1"}}
	_, err = r.Resolve(ctx, anonymous)
	require.NoError(t, err)
	require.Equal(t, 1, store.lookups)

	got, err := r.Resolve(ctx, anonymous)
	require.NoError(t, err)
	require.Equal(t, []string{userProfile("u1")}, got)
	require.Equal(t, 1, store.lookups, "a cached link needs no lookup")
}

func TestResolveDoesNotCacheMissingLinks(t *testing.T) {
	store := newMemoryStore()
	r := NewResolver(store, 10)
	anonymous := []Subject{{EventID: "e1", EventTime: t0, AnonymousID: "a1"}}
	for range 2 {
		_, err := r.Resolve(context.Background(), anonymous)
		require.NoError(t, err)
	}
	require.Equal(t, 2, store.lookups)
}

func TestResolveStoreError(t *testing.T) {
	store := newMemoryStore()
	store.err = errors.New("connection refused")
	r := NewResolver(store, 10)
	_, err := r.Resolve(context.Background(), []Subject{{EventID: "e1", EventTime: t0, AnonymousID: "a1"}})
	require.ErrorIs(t, err, store.err)
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCache(2)
	c.put("a", "1")
	c.put("b", "2")
	_, ok := c.get("a") // a is now the most recently used
	require.True(t, ok)
	c.put("c", "3")

	_, ok = c.get("b")
	require.False(t, ok, "b was least recently used")
	_, ok = c.get("a")
	require.True(t, ok)
	require.Equal(t, 2, c.len())
}

func TestCacheDisabled(t *testing.T) {
	c := newCache(0)
	c.put("a", "1")
	_, ok := c.get("a")
	require.False(t, ok)
}
