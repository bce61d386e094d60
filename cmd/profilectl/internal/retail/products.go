package retail

import (
	"cmp"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/cmd/profilectl/internal/products"
	"github.com/profilehub/platform/pkg/catalogue"
	"github.com/profilehub/platform/pkg/scent"
)

// ProductSource is the catalogue_products.source of retail products.
const ProductSource = "online-retail"

// Products collects the stock codes of imported invoices and describes each
// as a catalogue product.
type Products struct {
	descriptions map[string]map[string]int // stock code → description → lines
	prices       map[string]map[string]int // stock code → positive unit price → lines
}

// NewProducts returns an empty collection.
func NewProducts() *Products {
	return &Products{descriptions: map[string]map[string]int{}, prices: map[string]map[string]int{}}
}

// Add counts the descriptions and prices of an invoice's lines.
func (p *Products) Add(inv Invoice) {
	for _, line := range inv.Lines {
		if p.descriptions[line.StockCode] == nil {
			p.descriptions[line.StockCode] = map[string]int{}
			p.prices[line.StockCode] = map[string]int{}
		}
		if line.Description != "" {
			p.descriptions[line.StockCode][line.Description]++
		}
		if line.UnitPrice.IsPositive() {
			p.prices[line.StockCode][line.UnitPrice.String()]++
		}
	}
}

// Len returns the number of stock codes seen.
func (p *Products) Len() int { return len(p.descriptions) }

// List returns one product per stock code, sorted by code. The name is the
// most common non-blank description, because some lines carry stock notes
// such as "damaged" or "?" instead. Scent notes are kept only for scented
// categories, because elsewhere a word like "rose" names a pattern
// ("ENGLISH ROSE DOORMAT"). The price is the most common positive unit price.
func (p *Products) List() []products.Product {
	out := make([]products.Product, 0, len(p.descriptions))
	for code, descriptions := range p.descriptions {
		name := mostCommon(descriptions)
		product := products.Product{ID: code, Source: ProductSource, Name: name,
			Category: catalogue.Category(code, name), IsFee: catalogue.IsFeeStockCode(code)}
		if catalogue.IsScented(product.Category) {
			product.ScentNotes = scent.Match(product.Name)
		}
		if price := mostCommon(p.prices[code]); price != "" {
			product.Price = decimal.NewNullDecimal(decimal.RequireFromString(price))
		}
		out = append(out, product)
	}
	slices.SortFunc(out, func(a, b products.Product) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// mostCommon returns the key with the highest count, the smallest key on a
// tie so the result does not depend on map order, or "" for an empty map.
func mostCommon(counts map[string]int) string {
	best, bestCount := "", 0
	for key, count := range counts {
		if count > bestCount || (count == bestCount && key < best) {
			best, bestCount = key, count
		}
	}
	return best
}
