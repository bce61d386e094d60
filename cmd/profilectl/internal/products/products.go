// Package products writes catalogue products into the Postgres table
// catalogue_products.
package products

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shopspring/decimal"
)

// Product is one row of catalogue_products.
type Product struct {
	ID       string
	Source   string
	Name     string
	Brand    string
	Category string
	// ScentNotes and Accords are lower-case names; nil is stored as an
	// empty array.
	ScentNotes []string
	Accords    []string
	// Price is the typical unit price; invalid (the zero value) stores NULL.
	Price decimal.NullDecimal
	IsFee bool
	// Rating is the average customer rating and RatingCount the number of
	// ratings or reviews behind it; invalid or nil stores NULL.
	Rating      decimal.NullDecimal
	RatingCount *int32
}

// batchSize bounds the statements sent in one round trip.
const batchSize = 500

const upsertSQL = `
INSERT INTO catalogue_products
    (product_id, source, name, brand, category, scent_notes, accords, price, is_fee,
     rating, rating_count, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::numeric, $9, $10::text::numeric, $11, now())
ON CONFLICT (product_id) DO UPDATE SET
    source = EXCLUDED.source, name = EXCLUDED.name, brand = EXCLUDED.brand,
    category = EXCLUDED.category, scent_notes = EXCLUDED.scent_notes, accords = EXCLUDED.accords,
    price = EXCLUDED.price, is_fee = EXCLUDED.is_fee, rating = EXCLUDED.rating,
    rating_count = EXCLUDED.rating_count, updated_at = now()`

// Upsert inserts the products or replaces the rows with the same product id,
// in batches of batchSize, each batch in its own transaction. A failure
// leaves earlier batches written; running the upsert again is harmless.
func Upsert(ctx context.Context, pool *pgxpool.Pool, products []Product) error {
	for start := 0; start < len(products); start += batchSize {
		chunk := products[start:min(start+batchSize, len(products))]
		if err := upsertBatch(ctx, pool, chunk); err != nil {
			return fmt.Errorf("upserting catalogue products %d to %d: %w", start+1, start+len(chunk), err)
		}
	}
	return nil
}

func upsertBatch(ctx context.Context, pool *pgxpool.Pool, products []Product) error {
	batch := &pgx.Batch{}
	for _, p := range products {
		batch.Queue(upsertSQL, p.ID, p.Source, p.Name, p.Brand, p.Category,
			nonNil(p.ScentNotes), nonNil(p.Accords), decimalText(p.Price), p.IsFee,
			decimalText(p.Rating), p.RatingCount)
	}
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		return tx.SendBatch(ctx, batch).Close()
	})
}

func nonNil(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}

// decimalText returns the decimal as text for a ::text::numeric parameter,
// or nil for NULL.
func decimalText(d decimal.NullDecimal) *string {
	if !d.Valid {
		return nil
	}
	text := d.Decimal.String()
	return &text
}
