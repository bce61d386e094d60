package vector

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/services/vectorize/internal/space"
)

func testSpace(t testing.TB) *space.Space {
	t.Helper()
	s, err := space.New("test-v1", []string{
		"note:lavender", "note:rose", "note:vanilla", "category:candles", "category:soap",
	})
	require.NoError(t, err)
	return s
}

func norm(v []float32) float64 {
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	return math.Sqrt(sum)
}

func TestNormalise(t *testing.T) {
	cases := []struct {
		name string
		raw  []float64
		want []float32
	}{
		{"three four five", []float64{3, 4}, []float32{0.6, 0.8}},
		{"single axis", []float64{0, 7, 0}, []float32{0, 1, 0}},
		{"zero vector stays zero", []float64{0, 0, 0}, []float32{0, 0, 0}},
		{"empty", nil, []float32{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Normalise(c.raw)
			require.InDeltaSlice(t, c.want, got, 1e-6)
		})
	}
}

func TestBuildWeights(t *testing.T) {
	s := testSpace(t)
	lavender, _ := s.Scent("lavender")
	rose, _ := s.Scent("rose")
	candles, _ := s.Category("candles")
	features := map[string]ProductFeatures{
		"L1": {Category: "candles", Notes: []string{"lavender"}},
		"R1": {Category: "soap", Notes: []string{"rose"}},
	}

	cases := []struct {
		name         string
		activity     []ProductActivity
		wantRatio    float64 // lavender weight / rose weight
		wantEvidence int64
	}{
		{"one unit equals five views",
			[]ProductActivity{{ProductID: "L1", Units: 1}, {ProductID: "R1", Views: 5}}, 1, 6},
		{"units weigh 1 and views 0.2",
			[]ProductActivity{{ProductID: "L1", Units: 2, Views: 5}, {ProductID: "R1", Units: 1}}, 3, 8},
		{"net returns count as zero units",
			[]ProductActivity{{ProductID: "L1", Units: -3, Views: 10}, {ProductID: "R1", Units: 2}}, 1, 12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := Build(s, DefaultWeights(), c.activity, features)
			require.InDelta(t, 1, norm(v.Values), 1e-6)
			require.InDelta(t, c.wantRatio, float64(v.Values[lavender])/float64(v.Values[rose]), 1e-5)
			require.Equal(t, v.Values[lavender], v.Values[candles], "a product's weight goes to its category too")
			require.Equal(t, c.wantEvidence, v.Evidence)
		})
	}
}

func TestBuildWithoutEvidence(t *testing.T) {
	s := testSpace(t)
	cases := map[string]struct {
		activity []ProductActivity
		features map[string]ProductFeatures
	}{
		"no activity": {},
		"product unknown to the space": {
			activity: []ProductActivity{{ProductID: "X", Category: "garden", Units: 4}},
		},
		"only cancelled units": {
			activity: []ProductActivity{{ProductID: "L1", Units: -1}},
			features: map[string]ProductFeatures{"L1": {Notes: []string{"lavender"}}},
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			v := Build(s, DefaultWeights(), c.activity, c.features)
			require.Len(t, v.Values, s.Dim())
			require.Zero(t, norm(v.Values))
			require.Empty(t, v.TopFeatures)
			require.Zero(t, v.Evidence)
		})
	}
}

func TestBuildFeatureSources(t *testing.T) {
	s := testSpace(t)
	features := map[string]ProductFeatures{
		// An accord with the name of a note counts as that note, once, and
		// a term outside the space adds nothing.
		"V1": {Notes: []string{"vanilla"}, Accords: []string{"Vanilla", "powdery"}},
	}
	activity := []ProductActivity{
		{ProductID: "V1", Units: 1},
		// Not in the catalogue: the aggregate's category applies.
		{ProductID: "S1", Category: "soap", Units: 1},
	}
	v := Build(s, DefaultWeights(), activity, features)

	vanilla, _ := s.Scent("vanilla")
	soap, _ := s.Category("soap")
	require.InDelta(t, math.Sqrt(0.5), v.Values[vanilla], 1e-6)
	require.InDelta(t, math.Sqrt(0.5), v.Values[soap], 1e-6)
	require.Equal(t, []string{"note:vanilla", "category:soap"}, v.TopFeatures)
	require.Equal(t, int64(2), v.Evidence)
}

func TestTopFeaturesOrderAndLimit(t *testing.T) {
	s := testSpace(t)
	weights := []float64{1, 5, 5, 0, 2}
	require.Equal(t, []string{"note:rose", "note:vanilla", "category:soap"}, TopFeatures(s, weights, 3))
	require.Equal(t, []string{"note:rose", "note:vanilla", "category:soap", "note:lavender"},
		TopFeatures(s, weights, 10), "zero weights are not named")
}

func TestCosine(t *testing.T) {
	cases := []struct {
		name string
		a, b []float32
		want float64
	}{
		{"identical", []float32{0.6, 0.8}, []float32{0.6, 0.8}, 1},
		{"orthogonal", []float32{1, 0}, []float32{0, 1}, 0},
		{"not normalised", []float32{2, 0}, []float32{3, 3}, math.Sqrt(0.5)},
		{"zero vector", []float32{0, 0}, []float32{1, 0}, 0},
		{"length mismatch", []float32{1}, []float32{1, 0}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.InDelta(t, c.want, Cosine(c.a, c.b), 1e-6)
		})
	}
}
