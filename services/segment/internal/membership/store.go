// Package membership stores each profile's current segments in Postgres and
// works out what changed.
package membership

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Record is the stored membership of one profile.
type Record struct {
	ProfileID    string
	Segments     []string
	RulesVersion string
	AsOf         time.Time
	// ReferenceTime and TraitsComputedAt of the traits order two records
	// with one AsOf.
	ReferenceTime    time.Time
	TraitsComputedAt time.Time
}

// TraitsKey is the order of a profile's traits records: by as_of, then by
// reference time, then by computation time.
type TraitsKey struct {
	AsOf, ReferenceTime, ComputedAt time.Time
}

// Before reports whether k is older than other.
func (k TraitsKey) Before(other TraitsKey) bool {
	switch {
	case !k.AsOf.Equal(other.AsOf):
		return k.AsOf.Before(other.AsOf)
	case !k.ReferenceTime.Equal(other.ReferenceTime):
		return k.ReferenceTime.Before(other.ReferenceTime)
	default:
		return k.ComputedAt.Before(other.ComputedAt)
	}
}

// Equal reports whether k and other are the same key.
func (k TraitsKey) Equal(other TraitsKey) bool {
	return k.AsOf.Equal(other.AsOf) && k.ReferenceTime.Equal(other.ReferenceTime) &&
		k.ComputedAt.Equal(other.ComputedAt)
}

// Key returns the order key of the traits r was evaluated from.
func (r Record) Key() TraitsKey {
	return TraitsKey{AsOf: r.AsOf, ReferenceTime: r.ReferenceTime, ComputedAt: r.TraitsComputedAt}
}

// Store reads and writes segment_memberships.
type Store struct {
	pool *pgxpool.Pool
}

// NewStore returns a Store on pool.
func NewStore(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

const selectMemberships = `
SELECT profile_id::text, segments, rules_version, as_of, reference_time, traits_computed_at
FROM segment_memberships
WHERE profile_id = ANY($1::uuid[])`

// Load returns the stored memberships of the given profiles, keyed by
// profile id. Profiles without a row are missing from the map. Every id
// must be a UUID.
func (s *Store) Load(ctx context.Context, profileIDs []string) (map[string]Record, error) {
	rows, err := s.pool.Query(ctx, selectMemberships, profileIDs)
	if err != nil {
		return nil, fmt.Errorf("querying segment_memberships of %d profiles: %w", len(profileIDs), err)
	}
	out := make(map[string]Record, len(profileIDs))
	for rows.Next() {
		var r Record
		if err := rows.Scan(&r.ProfileID, &r.Segments, &r.RulesVersion, &r.AsOf, &r.ReferenceTime, &r.TraitsComputedAt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("scanning segment_memberships: %w", err)
		}
		r.AsOf, r.ReferenceTime, r.TraitsComputedAt = r.AsOf.UTC(), r.ReferenceTime.UTC(), r.TraitsComputedAt.UTC()
		out[r.ProfileID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading segment_memberships: %w", err)
	}
	return out, nil
}

// upsertMembership writes a row unless the stored one was evaluated from
// newer traits, so concurrent or late writers can never move a membership
// backwards.
const upsertMembership = `
INSERT INTO segment_memberships
    (profile_id, segments, rules_version, as_of, reference_time, traits_computed_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, now())
ON CONFLICT (profile_id) DO UPDATE
SET segments = EXCLUDED.segments,
    rules_version = EXCLUDED.rules_version,
    as_of = EXCLUDED.as_of,
    reference_time = EXCLUDED.reference_time,
    traits_computed_at = EXCLUDED.traits_computed_at,
    updated_at = EXCLUDED.updated_at
WHERE (segment_memberships.as_of, segment_memberships.reference_time, segment_memberships.traits_computed_at)
   <= (EXCLUDED.as_of, EXCLUDED.reference_time, EXCLUDED.traits_computed_at)`

// Save upserts records in one transaction.
func (s *Store) Save(ctx context.Context, records []Record) error {
	if len(records) == 0 {
		return nil
	}
	batch := &pgx.Batch{}
	for _, r := range records {
		batch.Queue(upsertMembership, r.ProfileID, r.Segments, r.RulesVersion, r.AsOf, r.ReferenceTime, r.TraitsComputedAt)
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, batch).Close()
	})
	if err != nil {
		return fmt.Errorf("upserting %d rows into segment_memberships: %w", len(records), err)
	}
	return nil
}
