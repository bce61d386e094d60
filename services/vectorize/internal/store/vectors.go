// Package store writes preference vectors to Postgres.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

// Row is one profile's vector in one space.
type Row struct {
	ProfileID   string
	VectorSpace string
	AsOf        time.Time
	Vector      vector.Vector
}

// upsertSQL writes a row unless the stored row is newer. An equal as_of is
// written again, so a replayed batch rewrites its rows and publishes them
// again after a crash between the commit and the publish.
const upsertSQL = `
INSERT INTO profile_vectors (profile_id, vector_space, vector, top_features, evidence, as_of, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, now())
ON CONFLICT (profile_id, vector_space) DO UPDATE SET
    vector = EXCLUDED.vector,
    top_features = EXCLUDED.top_features,
    evidence = EXCLUDED.evidence,
    as_of = EXCLUDED.as_of,
    updated_at = now()
WHERE profile_vectors.as_of <= EXCLUDED.as_of
RETURNING profile_id::text`

// Vectors upserts rows into profile_vectors.
type Vectors struct {
	pool *pgxpool.Pool
}

// NewVectors returns a writer of profile_vectors.
func NewVectors(pool *pgxpool.Pool) *Vectors {
	return &Vectors{pool: pool}
}

// Upsert writes rows in one transaction and returns the rows it wrote;
// rows older than the stored ones are left out of the result.
func (v *Vectors) Upsert(ctx context.Context, rows []Row) ([]Row, error) {
	var written []Row
	err := pgx.BeginFunc(ctx, v.pool, func(tx pgx.Tx) error {
		written = written[:0]
		batch := &pgx.Batch{}
		for _, r := range rows {
			batch.Queue(upsertSQL, r.ProfileID, r.VectorSpace, r.Vector.Values, r.Vector.TopFeatures,
				r.Vector.Evidence, r.AsOf)
		}
		results := tx.SendBatch(ctx, batch)
		for _, r := range rows {
			var id string
			err := results.QueryRow().Scan(&id)
			if errors.Is(err, pgx.ErrNoRows) {
				continue
			}
			if err != nil {
				_ = results.Close()
				return fmt.Errorf("upserting vector of profile %s: %w", r.ProfileID, err)
			}
			written = append(written, r)
		}
		return results.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("writing %d rows to profile_vectors: %w", len(rows), err)
	}
	return written, nil
}
