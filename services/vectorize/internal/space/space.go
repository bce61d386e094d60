// Package space defines the fixed, versioned feature spaces that preference
// vectors are expressed in. A vector is only comparable with vectors of the
// same space: adding, removing or reordering a feature needs a new name.
package space

import (
	"fmt"
	"strings"

	"github.com/profilehub/platform/pkg/scent"
)

// Feature name prefixes. A feature name is "<prefix><term>", such as
// "note:lavender", "accord:woody" or "category:candles".
const (
	NotePrefix     = "note:"
	AccordPrefix   = "accord:"
	CategoryPrefix = "category:"
)

// Space is an ordered list of named features. Index i of a vector is the
// weight of Features()[i].
type Space struct {
	name     string
	features []string
	index    map[string]int
}

// New returns a space of the given feature names, in order. A duplicate or
// a name without a term is an error, because it would make two vector
// positions mean the same thing.
func New(name string, features []string) (*Space, error) {
	s := &Space{name: name, index: make(map[string]int, len(features))}
	for _, f := range features {
		if err := s.add(f); err != nil {
			return nil, fmt.Errorf("building space %s: %w", name, err)
		}
	}
	return s, nil
}

func (s *Space) add(feature string) error {
	prefix, term, ok := strings.Cut(feature, ":")
	if !ok || prefix == "" || Term(term) == "" || Term(term) != term {
		return fmt.Errorf("feature %q is not <kind>:<lower-case term>", feature)
	}
	if _, dup := s.index[feature]; dup {
		return fmt.Errorf("duplicate feature %q", feature)
	}
	s.index[feature] = len(s.features)
	s.features = append(s.features, feature)
	return nil
}

// Term normalises a note, accord or category as it appears in the catalogue.
func Term(raw string) string {
	return strings.ToLower(strings.TrimSpace(raw))
}

// Name returns the space's name and version, such as "scent-notes-v1".
func (s *Space) Name() string { return s.name }

// Dim returns the number of features.
func (s *Space) Dim() int { return len(s.features) }

// Features returns the feature names in vector order. The caller must not
// modify the slice.
func (s *Space) Features() []string { return s.features }

// Scent returns the index of a scent note or accord, written in any
// spelling that scent.Canonical accepts ("Roses", "Ylang-Ylang"), or false
// if the space does not contain it.
func (s *Space) Scent(term string) (int, bool) {
	name, ok := scent.Canonical(term)
	if !ok {
		name = Term(term)
	}
	if i, ok := s.index[NotePrefix+name]; ok {
		return i, true
	}
	i, ok := s.index[AccordPrefix+name]
	return i, ok
}

// Category returns the index of a product category, or false if the space
// does not contain it.
func (s *Space) Category(term string) (int, bool) {
	i, ok := s.index[CategoryPrefix+Term(term)]
	return i, ok
}
