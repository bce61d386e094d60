// Package aggregates reads the ClickHouse rows that traits derive from:
// the platform's reference time, each profile's events summary and its
// profile_daily, profile_products and profile_hour_of_week rows, and the
// population RFM thresholds.
package aggregates

import (
	"embed"
	"fmt"
)

//go:embed sql/*.sql
var queryFiles embed.FS

// Queries, read once at start-up from sql/.
var (
	queryReferenceTime = mustQuery("reference_time.sql")
	queryActivity      = mustQuery("activity.sql")
	queryDaily         = mustQuery("daily.sql")
	queryProducts      = mustQuery("products.sql")
	queryHours         = mustQuery("hours.sql")
	queryRFMThresholds = mustQuery("rfm_thresholds.sql")
	queryProfileIDs    = mustQuery("profile_ids.sql")
	queryProfileCount  = mustQuery("profile_count.sql")
)

func mustQuery(name string) string {
	b, err := queryFiles.ReadFile("sql/" + name)
	if err != nil {
		panic(fmt.Sprintf("embedded query %s: %v", name, err))
	}
	return string(b)
}
