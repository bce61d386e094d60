package vector

import (
	"math"
	"sort"

	"github.com/profilehub/platform/services/vectorize/internal/space"
)

// Normalise returns raw scaled to unit L2 norm, as float32. A vector whose
// norm is zero stays all zeros instead of becoming NaN.
func Normalise(raw []float64) []float32 {
	var sum float64
	for _, v := range raw {
		sum += v * v
	}
	out := make([]float32, len(raw))
	if sum == 0 {
		return out
	}
	norm := math.Sqrt(sum)
	for i, v := range raw {
		out[i] = float32(v / norm)
	}
	return out
}

// TopFeatures returns the names of up to n features with a positive
// weight, strongest first; equal weights keep the space's order.
func TopFeatures(s *space.Space, weights []float64, n int) []string {
	idx := make([]int, 0, len(weights))
	for i, v := range weights {
		if v > 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return weights[idx[a]] > weights[idx[b]] })
	if len(idx) > n {
		idx = idx[:n]
	}
	names := make([]string, len(idx))
	for i, j := range idx {
		names[i] = s.Features()[j]
	}
	return names
}

// Cosine returns the cosine similarity of a and b, or 0 when either is a
// zero vector or their lengths differ.
func Cosine(a, b []float32) float64 {
	if len(a) != len(b) {
		return 0
	}
	var dot, na, nb float64
	for i := range a {
		x, y := float64(a[i]), float64(b[i])
		dot += x * y
		na += x * x
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / (math.Sqrt(na) * math.Sqrt(nb))
}
