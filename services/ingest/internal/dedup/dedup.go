// Package dedup records the ids of events that ingest has produced, so that
// a second delivery of the same event id is dropped.
//
// Ids are marked only after the resolved records were acknowledged by the
// broker. A crash between the produce and the mark therefore repeats events
// on restart, which consumers absorb by event id, instead of losing them.
package dedup

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Store reads and writes the ingest_seen table. Its errors are transient.
type Store struct {
	pool *pgxpool.Pool
}

// NewStore returns a Store that uses pool.
func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool}
}

const seenSQL = `SELECT event_id::text FROM ingest_seen WHERE event_id = ANY($1::uuid[])`

// Seen returns the subset of eventIDs that are already marked. Every id must
// be a canonical UUID string, as the validator produces.
func (s *Store) Seen(ctx context.Context, eventIDs []string) (map[string]bool, error) {
	seen := make(map[string]bool)
	if len(eventIDs) == 0 {
		return seen, nil
	}

	rows, err := s.pool.Query(ctx, seenSQL, eventIDs)
	if err != nil {
		return nil, fmt.Errorf("selecting %d ids from ingest_seen: %w", len(eventIDs), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("scanning ingest_seen row: %w", err)
		}
		seen[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading ingest_seen rows: %w", err)
	}
	return seen, nil
}

const markSQL = `
INSERT INTO ingest_seen (event_id, seen_at)
SELECT unnest($1::uuid[]), $2
ON CONFLICT (event_id) DO NOTHING`

// Mark inserts eventIDs with seenAt. Ids already present keep their first
// time. The ids are sorted first so that concurrent writers lock rows in the
// same order.
func (s *Store) Mark(ctx context.Context, eventIDs []string, seenAt time.Time) error {
	if len(eventIDs) == 0 {
		return nil
	}
	sorted := slices.Clone(eventIDs)
	slices.Sort(sorted)

	if _, err := s.pool.Exec(ctx, markSQL, sorted, seenAt); err != nil {
		return fmt.Errorf("inserting %d ids into ingest_seen: %w", len(sorted), err)
	}
	return nil
}
