package perfumes

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/cmd/profilectl/internal/csvtable"
	"github.com/profilehub/platform/cmd/profilectl/internal/products"
	"github.com/profilehub/platform/pkg/catalogue"
)

// FragranticaSource is the catalogue_products.source of Fragrantica rows.
const FragranticaSource = "fragrantica"

var fragranticaColumns = []string{"Url", "Title", "Brand", "Accords", "Short Description", "Top notes",
	"Middle notes", "Rating", "Total no of votes"}

// baseNotesPattern finds the base notes in a description such as "...;
// base notes are Vanilla, Tonka Bean and Patchouli." or "base note is Musk.".
// The file has no base-notes column.
var baseNotesPattern = regexp.MustCompile(`(?i)base notes? (?:are|is) (.+?)(?:\.\s|\.$|$)`)

// ReadFragrantica reads the Fragrantica CSV. A row without a usable Url or
// Title, or with an invalid rating or vote count, is passed to onBad and
// skipped.
func ReadFragrantica(filePath string, onBad func(line int, err error)) ([]products.Product, error) {
	t, err := csvtable.Open(filePath, fragranticaColumns)
	if err != nil {
		return nil, err
	}
	defer t.Close()

	var out []products.Product
	for {
		line, err := t.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if csvtable.IsParseError(err) {
			onBad(line, err)
			continue
		}
		if err != nil {
			return out, err
		}
		product, err := fragranticaProduct(t.Get)
		if err != nil {
			onBad(line, err)
			continue
		}
		out = append(out, product)
	}
}

func fragranticaProduct(get func(string) string) (products.Product, error) {
	slug, err := slugFromURL(get("Url"))
	if err != nil {
		return products.Product{}, err
	}
	if get("Title") == "" {
		return products.Product{}, fmt.Errorf("missing Title")
	}
	rating, err := optionalDecimal(get("Rating"))
	if err != nil {
		return products.Product{}, fmt.Errorf("invalid Rating %q: %w", get("Rating"), err)
	}
	votes, err := voteCount(get("Total no of votes"))
	if err != nil {
		return products.Product{}, err
	}

	notes := splitList(get("Top notes") + "," + get("Middle notes") + "," + strings.Join(BaseNotes(get("Short Description")), ","))
	return products.Product{
		ID:          "fragrantica:" + slug,
		Source:      FragranticaSource,
		Name:        get("Title"),
		Brand:       get("Brand"),
		Category:    catalogue.CategoryFragrance,
		ScentNotes:  withVocabulary(notes),
		Accords:     splitList(get("Accords")),
		Rating:      rating,
		RatingCount: votes,
	}, nil
}

// BaseNotes returns the base notes named in a Fragrantica description, in
// their written form, or nil when it names none.
func BaseNotes(description string) []string {
	match := baseNotesPattern.FindStringSubmatch(description)
	if match == nil {
		return nil
	}
	var notes []string
	for _, part := range strings.Split(match[1], ",") {
		for _, note := range strings.Split(part, " and ") {
			if note = strings.TrimSpace(note); note != "" {
				notes = append(notes, note)
			}
		}
	}
	return notes
}

// slugFromURL returns the last path element of a perfume page without
// ".html": "Arpege-Pour-Homme-14" for .../perfume/Lanvin/Arpege-Pour-Homme-14.html.
func slugFromURL(raw string) (string, error) {
	parsed, err := url.Parse(raw)
	if err != nil || parsed.Path == "" {
		return "", fmt.Errorf("invalid Url %q: expected a perfume page address", raw)
	}
	slug := strings.TrimSuffix(path.Base(parsed.Path), ".html")
	if slug == "" || slug == "/" || slug == "." {
		return "", fmt.Errorf("invalid Url %q: no page name in the path", raw)
	}
	return slug, nil
}

// voteCount parses a vote count written with thousands separators ("12,374").
func voteCount(text string) (*int32, error) {
	if text == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(text, ",", ""), 10, 32)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("invalid vote count %q: expected a whole number such as 12,374", text)
	}
	count := int32(n)
	return &count, nil
}

func optionalDecimal(text string) (decimal.NullDecimal, error) {
	if text == "" {
		return decimal.NullDecimal{}, nil
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return decimal.NullDecimal{}, err
	}
	return decimal.NewNullDecimal(d), nil
}
