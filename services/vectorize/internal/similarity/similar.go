package similarity

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/profilehub/platform/services/vectorize/internal/space"
)

// ErrNoVector is returned when the profile has no stored vector in the space.
var ErrNoVector = errors.New("profile has no preference vector")

// Querier is the part of *pgxpool.Pool, *pgx.Conn and pgx.Tx that the
// search needs.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// SimilarProfiles returns up to k profiles whose scent-notes-v1 vectors are
// most similar to profileID's by cosine similarity, most similar first.
// It returns ErrNoVector if profileID has none.
func SimilarProfiles(ctx context.Context, pool Querier, profileID string, k int) ([]Neighbour, error) {
	return SimilarProfilesIn(ctx, pool, space.V1Name, profileID, k)
}

// SimilarProfilesIn is SimilarProfiles over the vectors of vectorSpace.
//
// The search is exact: it reads every vector of the space with evidence
// and ranks them in Go, because ClickHouse 18.16 has no distance functions
// and Postgres has no vector extension here. Its cost grows linearly with
// the number of profiles.
// NOTE: an approximate nearest-neighbour index (HNSW, for example
// github.com/coder/hnsw) kept in memory and updated from vectors.updated
// is the planned replacement once the linear scan is too slow.
func SimilarProfilesIn(ctx context.Context, pool Querier, vectorSpace, profileID string, k int) ([]Neighbour, error) {
	var target []float32
	err := pool.QueryRow(ctx,
		`SELECT vector FROM profile_vectors WHERE profile_id = $1 AND vector_space = $2`,
		profileID, vectorSpace).Scan(&target)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("searching profiles similar to %s in %s: %w", profileID, vectorSpace, ErrNoVector)
	}
	if err != nil {
		return nil, fmt.Errorf("reading vector of profile %s: %w", profileID, err)
	}

	rows, err := pool.Query(ctx,
		`SELECT profile_id::text, vector FROM profile_vectors
		 WHERE vector_space = $1 AND profile_id <> $2 AND evidence > 0`,
		vectorSpace, profileID)
	if err != nil {
		return nil, fmt.Errorf("reading vectors of %s: %w", vectorSpace, err)
	}
	defer rows.Close()

	ranker := NewRanker(target, k)
	var (
		id string
		v  []float32
	)
	_, err = pgx.ForEachRow(rows, []any{&id, &v}, func() error {
		ranker.Add(id, v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scanning vectors of %s: %w", vectorSpace, err)
	}
	return ranker.Result(), nil
}
