package space

import (
	"github.com/profilehub/platform/pkg/catalogue"
	"github.com/profilehub/platform/pkg/scent"
)

// V1Name is the name and version of the first scent feature space.
const V1Name = "scent-notes-v1"

// v1Categories are the catalogue categories of scent-notes-v1, in vector
// order. Fee lines never reach a profile's products, so the fee category
// is not a feature.
var v1Categories = []string{
	catalogue.CategoryCandles, catalogue.CategoryHomeFragrance, catalogue.CategoryBathAndBody,
	catalogue.CategoryFragrance, catalogue.CategoryChristmas, catalogue.CategoryLighting,
	catalogue.CategoryJewellery, catalogue.CategoryBags, catalogue.CategoryStationery,
	catalogue.CategoryKitchen, catalogue.CategoryGarden, catalogue.CategoryToys,
	catalogue.CategoryDecoration, catalogue.CategoryOther,
}

// V1 returns the scent-notes-v1 space: every entry of the scent vocabulary
// of the same version in its file order ("note:<name>" or
// "accord:<name>"), followed by the catalogue categories
// ("category:<name>").
func V1() *Space {
	if scent.Version != V1Name {
		// Vectors are positional: a new vocabulary needs a new space.
		panic("space: scent vocabulary " + scent.Version + " does not match " + V1Name)
	}
	var features []string
	for _, e := range scent.Vocabulary() {
		prefix := NotePrefix
		if e.Kind == scent.KindAccord {
			prefix = AccordPrefix
		}
		features = append(features, prefix+e.Name)
	}
	for _, c := range v1Categories {
		features = append(features, CategoryPrefix+c)
	}
	s, err := New(V1Name, features)
	if err != nil {
		// Both lists are fixed at build time and covered by tests.
		panic(err)
	}
	return s
}
