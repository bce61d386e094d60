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

	"github.com/profilehub/platform/cmd/profilectl/internal/csvtable"
	"github.com/profilehub/platform/cmd/profilectl/internal/products"
	"github.com/profilehub/platform/pkg/catalogue"
)

// SephoraSource is the catalogue_products.source of the cosmetics
// retailer's products.
const SephoraSource = "sephora"

var sephoraColumns = []string{"product_id", "source_url", "avg_rating", "review_count", "Brand",
	"Fragrance Family", "Scent Type", "Key Notes"}

// sephoraProductID matches the retailer's product ids, such as P439406.
var sephoraProductID = regexp.MustCompile(`^P[0-9]+$`)

// ReadSephora reads the retailer's product CSV. The file has no name column,
// so the name is taken from the product page address ("kayali-vanilla-P439406"
// becomes "Kayali Vanilla"). Key notes become scent notes, the fragrance
// family and scent type become accords. A row with an invalid product id,
// rating or review count is passed to onBad and skipped.
func ReadSephora(filePath string, onBad func(line int, err error)) ([]products.Product, error) {
	t, err := csvtable.Open(filePath, sephoraColumns)
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
		product, err := sephoraProduct(t.Get)
		if err != nil {
			onBad(line, err)
			continue
		}
		out = append(out, product)
	}
}

func sephoraProduct(get func(string) string) (products.Product, error) {
	id := get("product_id")
	if !sephoraProductID.MatchString(id) {
		return products.Product{}, fmt.Errorf("invalid product_id %q: expected P followed by digits", id)
	}
	rating, err := optionalDecimal(get("avg_rating"))
	if err != nil {
		return products.Product{}, fmt.Errorf("invalid avg_rating %q: %w", get("avg_rating"), err)
	}
	var count *int32
	if text := get("review_count"); text != "" {
		n, err := strconv.ParseInt(text, 10, 32)
		if err != nil || n < 0 {
			return products.Product{}, fmt.Errorf("invalid review_count %q: expected a whole number", text)
		}
		value := int32(n)
		count = &value
	}

	return products.Product{
		ID:          id,
		Source:      SephoraSource,
		Name:        nameFromPage(get("source_url"), id),
		Brand:       get("Brand"),
		Category:    catalogue.CategoryFragrance,
		ScentNotes:  withVocabulary(splitList(get("Key Notes"))),
		Accords:     splitList(get("Fragrance Family") + "," + get("Scent Type")),
		Rating:      rating,
		RatingCount: count,
	}, nil
}

// nameFromPage turns a product page address ".../product/kayali-vanilla-P439406?..."
// into "Kayali Vanilla". It returns "" when the address has no such name.
func nameFromPage(raw, id string) string {
	parsed, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	slug := path.Base(parsed.Path)
	if slug == "/" || slug == "." {
		return ""
	}
	slug = strings.TrimSuffix(strings.TrimSuffix(slug, id), "-")
	words := strings.FieldsFunc(slug, func(r rune) bool { return r == '-' })
	for i, word := range words {
		words[i] = strings.ToUpper(word[:1]) + word[1:]
	}
	return strings.Join(words, " ")
}
