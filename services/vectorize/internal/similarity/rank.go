// Package similarity finds the profiles whose preference vectors are
// closest to a given profile's.
package similarity

import (
	"container/heap"
	"sort"

	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

// Neighbour is a similar profile and its cosine similarity, in (0, 1].
type Neighbour struct {
	ProfileID string
	Score     float64
}

// better orders neighbours by score, then by profile id so that results do
// not depend on the order rows are read in.
func better(a, b Neighbour) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return a.ProfileID < b.ProfileID
}

// Ranker keeps the k candidates most similar to a target vector in a
// min-heap, so ranking n candidates takes O(n log k) time and O(k) memory.
type Ranker struct {
	target []float32
	k      int
	worst  neighbourHeap
}

// NewRanker returns a Ranker for the k nearest neighbours of target.
func NewRanker(target []float32, k int) *Ranker {
	return &Ranker{target: target, k: k}
}

// Add scores one candidate. Candidates with a similarity of zero or less
// are never neighbours.
func (r *Ranker) Add(profileID string, v []float32) {
	if r.k <= 0 {
		return
	}
	n := Neighbour{ProfileID: profileID, Score: vector.Cosine(r.target, v)}
	if n.Score <= 0 {
		return
	}
	if r.worst.Len() < r.k {
		heap.Push(&r.worst, n)
		return
	}
	if better(n, r.worst[0]) {
		r.worst[0] = n
		heap.Fix(&r.worst, 0)
	}
}

// Result returns the kept neighbours, most similar first.
func (r *Ranker) Result() []Neighbour {
	out := append([]Neighbour(nil), r.worst...)
	sort.Slice(out, func(i, j int) bool { return better(out[i], out[j]) })
	return out
}

// neighbourHeap is a heap whose root is the least similar kept neighbour.
type neighbourHeap []Neighbour

func (h neighbourHeap) Len() int           { return len(h) }
func (h neighbourHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h neighbourHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *neighbourHeap) Push(x any)        { *h = append(*h, x.(Neighbour)) }
func (h *neighbourHeap) Pop() any {
	old := *h
	n := old[len(old)-1]
	*h = old[:len(old)-1]
	return n
}
