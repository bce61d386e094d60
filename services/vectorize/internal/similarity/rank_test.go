package similarity

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestRankerTopK(t *testing.T) {
	target := []float32{1, 0, 0}
	candidates := []struct {
		id string
		v  []float32
	}{
		{"a", []float32{0.6, 0.8, 0}},     // 0.6
		{"b", []float32{1, 0, 0}},         // 1
		{"c", []float32{0, 1, 0}},         // 0: never a neighbour
		{"d", []float32{0.8, 0, 0.6}},     // 0.8
		{"e", []float32{-1, 0, 0}},        // -1: never a neighbour
		{"f", []float32{0.8, 0.6, 0}},     // 0.8, ties with d
		{"g", []float32{0.28, 0.96, 0}},   // 0.28
		{"h", []float32{0, 0, 0}},         // zero vector
		{"i", []float32{0.6, 0, 0.8}},     // 0.6, ties with a
		{"j", []float32{0.96, 0.28, 0.0}}, // 0.96
	}

	cases := []struct {
		name string
		k    int
		want []string
	}{
		{"k of three", 3, []string{"b", "j", "d"}},
		{"ties by profile id", 4, []string{"b", "j", "d", "f"}},
		{"k above the candidates", 20, []string{"b", "j", "d", "f", "a", "i", "g"}},
		{"k of zero", 0, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := NewRanker(target, c.k)
			for _, cand := range candidates {
				r.Add(cand.id, cand.v)
			}
			got := []string{}
			for _, n := range r.Result() {
				got = append(got, n.ProfileID)
			}
			require.Equal(t, c.want, got)
		})
	}
}

func TestRankerScores(t *testing.T) {
	r := NewRanker([]float32{1, 0}, 2)
	r.Add("x", []float32{0.6, 0.8})
	r.Add("y", []float32{1, 0})
	res := r.Result()
	require.Len(t, res, 2)
	require.InDelta(t, 1.0, res[0].Score, 1e-6)
	require.InDelta(t, 0.6, res[1].Score, 1e-6)
}
