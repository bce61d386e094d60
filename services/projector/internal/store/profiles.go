// Package store reads and writes the profiles table.
package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/profilehub/platform/services/projector/internal/profile"
)

// Profiles reads and writes the profiles table.
type Profiles struct {
	pool *pgxpool.Pool
}

// NewProfiles returns a store over pool.
func NewProfiles(pool *pgxpool.Pool) *Profiles {
	return &Profiles{pool: pool}
}

const selectColumns = `profile_id::text, version, published_version, updated_at, user_id_hash,
	email, phone, first_name,
	explicit, explicit_as_of, demographics, demographics_as_of, communication, communication_as_of,
	consent, psychographics, psychographics_as_of, behaviour, behaviour_as_of,
	preference_vector, preference_vector_as_of, segments, segments_as_of`

// Modify locks the profiles of ids in one transaction, creating missing
// rows, calls apply for each and writes back every profile for which apply
// returns true. Rows are created and locked in id order, to avoid
// deadlocks between members of the group that modify overlapping
// profiles. Nothing is written if any step fails.
func (s *Profiles) Modify(ctx context.Context, ids []string, apply func(p *profile.Profile) bool) error {
	ids = sortedUnique(ids)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO profiles (profile_id) SELECT unnest($1::uuid[]) ORDER BY 1
			ON CONFLICT (profile_id) DO NOTHING`, ids)
		if err != nil {
			return fmt.Errorf("creating profile rows: %w", err)
		}
		profiles, err := query(ctx, tx, `SELECT `+selectColumns+` FROM profiles
			WHERE profile_id = ANY($1::uuid[]) ORDER BY profile_id FOR UPDATE`, ids)
		if err != nil {
			return err
		}

		batch := &pgx.Batch{}
		for _, p := range profiles {
			if !apply(p) {
				continue
			}
			args, err := updateArgs(p)
			if err != nil {
				return fmt.Errorf("profile %s: %w", p.ProfileID, err)
			}
			batch.Queue(updateSQL, args...)
		}
		if batch.Len() == 0 {
			return nil
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("updating %d profiles: %w", batch.Len(), err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("modifying %d profiles: %w", len(ids), err)
	}
	return nil
}

// Unpublished returns the profiles of ids whose version is above the
// published version, in id order.
func (s *Profiles) Unpublished(ctx context.Context, ids []string) ([]*profile.Profile, error) {
	return query(ctx, s.pool, `SELECT `+selectColumns+` FROM profiles
		WHERE profile_id = ANY($1::uuid[]) AND version > published_version ORDER BY profile_id`, sortedUnique(ids))
}

// MarkPublished records that each profile's version was acknowledged on
// the profiles topic. A published version never moves back.
func (s *Profiles) MarkPublished(ctx context.Context, versions map[string]int64) error {
	if len(versions) == 0 {
		return nil
	}
	ids := make([]string, 0, len(versions))
	for id := range versions {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	vs := make([]int64, len(ids))
	for i, id := range ids {
		vs[i] = versions[id]
	}
	_, err := s.pool.Exec(ctx, `UPDATE profiles p SET published_version = v.version
		FROM unnest($1::uuid[], $2::bigint[]) AS v(profile_id, version)
		WHERE p.profile_id = v.profile_id AND p.published_version < v.version`, ids, vs)
	if err != nil {
		return fmt.Errorf("marking %d profiles published: %w", len(ids), err)
	}
	return nil
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func query(ctx context.Context, q querier, sql string, ids []string) ([]*profile.Profile, error) {
	rows, err := q.Query(ctx, sql, ids)
	if err != nil {
		return nil, fmt.Errorf("reading %d profiles: %w", len(ids), err)
	}
	defer rows.Close()

	var out []*profile.Profile
	for rows.Next() {
		p, err := scanProfile(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading %d profiles: %w", len(ids), err)
	}
	return out, nil
}

func sortedUnique(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// consentJSON encodes the consent map for the consent column.
func consentJSON(c profile.Consent) (string, error) {
	if c == nil {
		c = profile.Consent{}
	}
	raw, err := json.Marshal(c)
	return string(raw), err
}

// utc returns *t in UTC, or the zero time for NULL.
func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
