package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

const pid = "3e0b5d7f-6c8a-5b9d-8e2f-4a5b6c7d8e9f"

var at = time.Date(2011, 7, 1, 9, 0, 0, 0, time.UTC)

func row(asOf time.Time, values ...float32) Row {
	return Row{ProfileID: pid, VectorSpace: "scent-notes-v1", AsOf: asOf,
		Vector: vector.Vector{Values: values, TopFeatures: []string{"note:rose"}, Evidence: 3}}
}

func stored(t *testing.T, v *Vectors) ([]float32, time.Time) {
	t.Helper()
	var (
		values []float32
		asOf   time.Time
	)
	require.NoError(t, v.pool.QueryRow(context.Background(),
		`SELECT vector, as_of FROM profile_vectors WHERE profile_id = $1 AND vector_space = 'scent-notes-v1'`, pid).
		Scan(&values, &asOf))
	return values, asOf.UTC()
}

func TestUpsertOrdersByAsOf(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	v := NewVectors(pool)
	ctx := context.Background()

	cases := []struct {
		name        string
		row         Row
		wantWritten int
		wantValues  []float32
		wantAsOf    time.Time
	}{
		{"insert", row(at, 0.6, 0.8), 1, []float32{0.6, 0.8}, at},
		{"newer replaces", row(at.Add(time.Hour), 1, 0), 1, []float32{1, 0}, at.Add(time.Hour)},
		{"older is skipped", row(at, 0, 1), 0, []float32{1, 0}, at.Add(time.Hour)},
		{"equal as_of is written again", row(at.Add(time.Hour), 1, 0), 1, []float32{1, 0}, at.Add(time.Hour)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			written, err := v.Upsert(ctx, []Row{c.row})
			require.NoError(t, err)
			require.Len(t, written, c.wantWritten)
			values, asOf := stored(t, v)
			require.Equal(t, c.wantValues, values)
			require.Equal(t, c.wantAsOf, asOf)
		})
	}
}

func TestUpsertEmptyTopFeatures(t *testing.T) {
	pool, _ := testenv.Postgres(t)
	v := NewVectors(pool)
	r := row(at, 0, 0)
	r.Vector.TopFeatures = []string{}
	written, err := v.Upsert(context.Background(), []Row{r})
	require.NoError(t, err)
	require.Len(t, written, 1)
}
