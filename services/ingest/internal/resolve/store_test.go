package resolve

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/testenv"
)

func anonymousLink(anonymousID, userID, eventID string, at time.Time) Link {
	return Link{
		IdentifierType:  identity.KindAnonymous,
		IdentifierValue: anonymousID,
		ProfileID:       userProfile(userID),
		FirstEventID:    eventID,
		FirstEventTime:  at,
		Rule:            RuleEventWithUserID,
	}
}

func TestPostgresStoreEarliestLinkWins(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	store := NewPostgresStore(pool)
	ctx := context.Background()
	early := "00000000-0000-4000-8000-000000000001"
	late := "00000000-0000-4000-8000-000000000002"

	// The later event arrives first and is replaced by the earlier one; a
	// second later event does not replace it again.
	require.NoError(t, store.UpsertLinks(ctx, []Link{anonymousLink("a1", "u2", late, t0.Add(time.Hour))}))
	require.NoError(t, store.UpsertLinks(ctx, []Link{anonymousLink("a1", "u1", early, t0)}))
	require.NoError(t, store.UpsertLinks(ctx, []Link{anonymousLink("a1", "u3", late, t0.Add(2*time.Hour))}))

	found, err := store.LookupLinks(ctx, identity.KindAnonymous, []string{"a1", "a2"})
	require.NoError(t, err)
	require.Equal(t, map[string]string{"a1": userProfile("u1")}, found)

	var firstEventID, rule string
	var firstEventTime time.Time
	err = pool.QueryRow(ctx, `SELECT first_event_id::text, first_event_time, rule FROM identity_links
		WHERE identifier_type = 'anonymous' AND identifier_value = 'a1'`).Scan(&firstEventID, &firstEventTime, &rule)
	require.NoError(t, err)
	require.Equal(t, early, firstEventID)
	require.True(t, firstEventTime.Equal(t0))
	require.Equal(t, RuleEventWithUserID, rule)
}

func TestPostgresStoreRejectsUserLinks(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	store := NewPostgresStore(pool)
	link := anonymousLink("u9", "u1", "00000000-0000-4000-8000-000000000003", t0)
	link.IdentifierType = identity.KindUser

	err := store.UpsertLinks(context.Background(), []Link{link})
	require.ErrorContains(t, err, "identity_links_no_user_ids")
}

func TestResolverWithPostgres(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	r := NewResolver(NewPostgresStore(pool), 100)
	got, err := r.Resolve(context.Background(), []Subject{
		{EventID: "00000000-0000-4000-8000-000000000011", EventTime: t0, AnonymousID: "a1"},
		{EventID: "00000000-0000-4000-8000-000000000012", EventTime: t0, AnonymousID: "a1", UserID: "u1"},
		{EventID: "00000000-0000-4000-8000-000000000013", EventTime: t0, AnonymousID: "a2"},
	})
	require.NoError(t, err)
	require.Equal(t, []string{userProfile("u1"), userProfile("u1"), anonProfile("a2")}, got)
}
