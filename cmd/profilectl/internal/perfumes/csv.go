// Package perfumes reads the perfume catalogues (the Fragrantica CSV and the
// cosmetics retailer's product CSV) into catalogue products.
package perfumes

import (
	"slices"
	"strings"

	"github.com/profilehub/platform/pkg/scent"
)

// splitList splits a comma-separated list, lower-cases and trims each item
// and drops empty items and duplicates.
func splitList(text string) []string {
	var out []string
	for _, item := range strings.Split(text, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		if item != "" && !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	return out
}

// withVocabulary returns notes followed by the vocabulary names that Match
// finds in them and that are not in the list yet, so "vanilla orchids" also
// files the product under "vanilla" and "orchid".
func withVocabulary(notes []string) []string {
	out := slices.Clone(notes)
	for _, note := range notes {
		for _, name := range scent.Match(note) {
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}
