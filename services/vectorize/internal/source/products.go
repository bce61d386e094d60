// Package source reads what a preference vector is built from: a
// profile's product activity from ClickHouse and product features from
// the Postgres catalogue.
package source

import (
	"context"
	"fmt"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

// Products reads per-profile product activity from profile_products.
type Products struct {
	conn     driver.Conn
	database string
}

// NewProducts returns a reader of database's profile_products table.
func NewProducts(conn driver.Conn, database string) *Products {
	return &Products{conn: conn, database: database}
}

// ByProfile returns the product activity of each profile, read with FINAL
// so that only the latest version of each (profile, product) row counts.
// Profiles without rows are absent from the result. The table excludes fee
// lines already.
func (p *Products) ByProfile(ctx context.Context, profileIDs []string) (map[string][]vector.ProductActivity, error) {
	out := make(map[string][]vector.ProductActivity, len(profileIDs))
	if len(profileIDs) == 0 {
		return out, nil
	}
	query := fmt.Sprintf(`SELECT profile_id, product_id, category, toInt64(units), toInt64(views), last_at
		FROM %s.profile_products FINAL
		WHERE profile_id IN ?`, p.database)

	// GroupSet binds as ('a', 'b'); a plain slice would bind as an array,
	// which IN rejects.
	set := clickhouse.GroupSet{Value: make([]any, len(profileIDs))}
	for i, id := range profileIDs {
		set.Value[i] = id
	}
	rows, err := p.conn.Query(ctx, query, set)
	if err != nil {
		return nil, fmt.Errorf("querying %s.profile_products for %d profiles: %w", p.database, len(profileIDs), err)
	}
	defer rows.Close()

	for rows.Next() {
		var (
			profileID string
			a         vector.ProductActivity
		)
		if err := rows.Scan(&profileID, &a.ProductID, &a.Category, &a.Units, &a.Views, &a.LastAt); err != nil {
			return nil, fmt.Errorf("scanning %s.profile_products: %w", p.database, err)
		}
		a.LastAt = a.LastAt.UTC()
		out[profileID] = append(out[profileID], a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading %s.profile_products: %w", p.database, err)
	}
	return out, nil
}
