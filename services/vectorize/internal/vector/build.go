// Package vector builds preference vectors from a profile's product
// activity and compares them.
package vector

import (
	"time"

	"github.com/profilehub/platform/services/vectorize/internal/space"
)

// Default evidence weights: one purchased unit counts as much as five
// product views, because a purchase is the stronger signal of preference.
const (
	DefaultPurchaseWeight = 1.0
	DefaultViewWeight     = 0.2
)

// TopFeatureCount is the number of strongest features a vector names.
const TopFeatureCount = 5

// Weights are the evidence weights of a purchased unit and of a view.
type Weights struct {
	Purchase float64
	View     float64
}

// DefaultWeights returns purchased units × 1.0 + views × 0.2.
func DefaultWeights() Weights {
	return Weights{Purchase: DefaultPurchaseWeight, View: DefaultViewWeight}
}

// ProductActivity is one profile's net activity on one product, as the
// profile_products aggregate stores it.
type ProductActivity struct {
	ProductID string
	// Category is the aggregate's category, used when the catalogue has
	// none for the product.
	Category string
	// Units is the net number of purchased units: cancellations subtract.
	Units int64
	Views int64
	// LastAt is the latest event time of the profile's activity on the
	// product.
	LastAt time.Time
}

// ProductFeatures are the catalogue's descriptive terms of a product.
type ProductFeatures struct {
	Category string
	Notes    []string
	Accords  []string
}

// Vector is a profile's preference vector over a space.
type Vector struct {
	// Values has one L2-normalised weight per feature of the space, or
	// only zeros when there is no evidence.
	Values []float32
	// TopFeatures names up to TopFeatureCount features with a positive
	// weight, strongest first.
	TopFeatures []string
	// Evidence is the number of purchased units and views of the products
	// that added weight to the vector.
	Evidence int64
}

// Build computes a profile's preference vector.
//
// A product's weight is max(units, 0) × w.Purchase + views × w.View, so net
// returns never count against a preference. The product's weight is added
// in full to each feature it has in the space: every scent note and accord
// of the scent vocabulary, and its category (the catalogue's, else the
// aggregate's). Products without any feature of the
// space add neither weight nor evidence. The sums are then L2-normalised.
func Build(s *space.Space, w Weights, activity []ProductActivity, features map[string]ProductFeatures) Vector {
	raw := make([]float64, s.Dim())
	var evidence int64
	for _, a := range activity {
		units := max(a.Units, 0)
		weight := float64(units)*w.Purchase + float64(a.Views)*w.View
		idx := featureIndexes(s, a, features[a.ProductID])
		if len(idx) == 0 || weight <= 0 {
			continue
		}
		for _, i := range idx {
			raw[i] += weight
		}
		evidence += units + a.Views
	}
	return Vector{
		Values:      Normalise(raw),
		TopFeatures: TopFeatures(s, raw, TopFeatureCount),
		Evidence:    evidence,
	}
}

// featureIndexes returns the distinct space positions of a product's terms.
func featureIndexes(s *space.Space, a ProductActivity, f ProductFeatures) []int {
	seen := make(map[int]bool)
	var idx []int
	addIndex := func(i int, ok bool) {
		if ok && !seen[i] {
			seen[i] = true
			idx = append(idx, i)
		}
	}
	for _, n := range f.Notes {
		addIndex(s.Scent(n))
	}
	for _, acc := range f.Accords {
		addIndex(s.Scent(acc))
	}
	category := f.Category
	if category == "" {
		category = a.Category
	}
	addIndex(s.Category(category))
	return idx
}
