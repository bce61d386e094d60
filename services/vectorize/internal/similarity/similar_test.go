package similarity

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/services/vectorize/internal/space"
)

func TestSimilarProfilesFromPostgres(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	ctx := context.Background()

	const (
		target  = "00000000-0000-5000-8000-000000000001"
		near    = "00000000-0000-5000-8000-000000000002"
		far     = "00000000-0000-5000-8000-000000000003"
		opposed = "00000000-0000-5000-8000-000000000004"
		empty   = "00000000-0000-5000-8000-000000000005"
		other   = "00000000-0000-5000-8000-000000000006"
	)
	rows := []struct {
		id, space string
		vector    []float32
		evidence  int64
	}{
		{target, space.V1Name, []float32{1, 0, 0}, 5},
		{near, space.V1Name, []float32{0.96, 0.28, 0}, 2},
		{far, space.V1Name, []float32{0.28, 0.96, 0}, 9},
		{opposed, space.V1Name, []float32{0, 0, 1}, 4},
		{empty, space.V1Name, []float32{0, 0, 0}, 0},
		{other, "other-v1", []float32{1, 0, 0}, 3},
	}
	for _, r := range rows {
		_, err := pool.Exec(ctx, `INSERT INTO profile_vectors (profile_id, vector_space, vector, evidence, as_of)
			VALUES ($1, $2, $3, $4, $5)`, r.id, r.space, r.vector, r.evidence, time.Now())
		require.NoError(t, err)
	}

	got, err := SimilarProfiles(ctx, pool, target, 5)
	require.NoError(t, err)
	require.Len(t, got, 2, "orthogonal, empty and other-space vectors are not neighbours")
	require.Equal(t, near, got[0].ProfileID)
	require.InDelta(t, 0.96, got[0].Score, 1e-6)
	require.Equal(t, far, got[1].ProfileID)

	top1, err := SimilarProfiles(ctx, pool, target, 1)
	require.NoError(t, err)
	require.Equal(t, []string{near}, ids(top1))

	_, err = SimilarProfiles(ctx, pool, "00000000-0000-5000-8000-0000000000ff", 3)
	require.True(t, errors.Is(err, ErrNoVector), "got %v", err)
}

func ids(ns []Neighbour) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ProfileID
	}
	return out
}
