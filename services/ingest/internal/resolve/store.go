package resolve

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Link maps an identifier to a profile, with the event that established it.
type Link struct {
	IdentifierType  string
	IdentifierValue string
	ProfileID       string
	FirstEventID    string
	FirstEventTime  time.Time
	// Rule is the name of the resolution rule that produced the link.
	Rule string
}

// LinkStore persists identity links. Every method returns store errors
// wrapped; callers treat them as transient.
type LinkStore interface {
	// UpsertLinks inserts links. For an identifier that is already linked, the
	// link from the earlier event (by event time, then event id) wins. links
	// must contain at most one entry per identifier.
	UpsertLinks(ctx context.Context, links []Link) error
	// LookupLinks returns the profile id of every identifier of the given type
	// that has a link, keyed by identifier value.
	LookupLinks(ctx context.Context, identifierType string, values []string) (map[string]string, error)
}

// PostgresStore is the LinkStore on the identity_links table.
type PostgresStore struct {
	pool *pgxpool.Pool
}

// NewPostgresStore returns a LinkStore that uses pool.
func NewPostgresStore(pool *pgxpool.Pool) *PostgresStore {
	return &PostgresStore{pool: pool}
}

// upsertLinksSQL writes all links in one statement. The WHERE clause of the
// conflict update keeps the link of the earliest event, so the final table
// does not depend on the order in which events arrive.
const upsertLinksSQL = `
INSERT INTO identity_links
    (identifier_type, identifier_value, profile_id, first_event_id, first_event_time, rule)
SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::text[])
ON CONFLICT (identifier_type, identifier_value) DO UPDATE SET
    profile_id       = excluded.profile_id,
    first_event_id   = excluded.first_event_id,
    first_event_time = excluded.first_event_time,
    rule             = excluded.rule,
    updated_at       = now()
WHERE (excluded.first_event_time, excluded.first_event_id)
    < (identity_links.first_event_time, identity_links.first_event_id)`

// UpsertLinks implements LinkStore. Callers pass links sorted by identifier
// so that concurrent writers lock rows in the same order.
func (s *PostgresStore) UpsertLinks(ctx context.Context, links []Link) error {
	if len(links) == 0 {
		return nil
	}
	types := make([]string, len(links))
	values := make([]string, len(links))
	profiles := make([]string, len(links))
	eventIDs := make([]string, len(links))
	eventTimes := make([]time.Time, len(links))
	rules := make([]string, len(links))
	for i, l := range links {
		types[i], values[i], profiles[i] = l.IdentifierType, l.IdentifierValue, l.ProfileID
		eventIDs[i], eventTimes[i], rules[i] = l.FirstEventID, l.FirstEventTime, l.Rule
	}

	_, err := s.pool.Exec(ctx, upsertLinksSQL, types, values, profiles, eventIDs, eventTimes, rules)
	if err != nil {
		return fmt.Errorf("upserting %d rows into identity_links: %w", len(links), err)
	}
	return nil
}

const lookupLinksSQL = `
SELECT identifier_value, profile_id::text FROM identity_links
WHERE identifier_type = $1 AND identifier_value = ANY($2::text[])`

// LookupLinks implements LinkStore.
func (s *PostgresStore) LookupLinks(
	ctx context.Context, identifierType string, values []string,
) (map[string]string, error) {
	found := make(map[string]string)
	if len(values) == 0 {
		return found, nil
	}

	rows, err := s.pool.Query(ctx, lookupLinksSQL, identifierType, values)
	if err != nil {
		return nil, fmt.Errorf("selecting from identity_links: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var value, profileID string
		if err := rows.Scan(&value, &profileID); err != nil {
			return nil, fmt.Errorf("scanning identity_links row: %w", err)
		}
		found[value] = profileID
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading identity_links rows: %w", err)
	}
	return found, nil
}
