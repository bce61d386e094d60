package aggregates

import (
	"context"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// Rows of the aggregate tables, written the way enrichment writes them:
// through PrepareBatch with a named column list.
type (
	eventRow struct {
		id, eventType, profile string
		at                     time.Time
	}
	dailyRow struct {
		profile                              string
		day                                  time.Time
		orders, cancellations, views, events uint32
		net                                  string
	}
	productRow struct {
		profile, product, category string
		units                      int64
		revenue                    string
		orders, views              uint32
	}
	hourRow struct {
		profile string
		hour    uint8
		events  uint32
	}
)

func insertEvents(t testing.TB, conn driver.Conn, rows ...eventRow) {
	t.Helper()
	b := prepare(t, conn, "INSERT INTO events (event_id, event_type, profile_id, event_time, received_at, version)")
	for _, r := range rows {
		require.NoError(t, b.Append(r.id, r.eventType, r.profile, r.at, r.at, uint64(1)))
	}
	require.NoError(t, b.Send())
}

// insertGuestEvents writes events rows with their guest column: 1 for a
// guest event.
func insertGuestEvents(t testing.TB, conn driver.Conn, guest uint8, rows ...eventRow) {
	t.Helper()
	b := prepare(t, conn, "INSERT INTO events (event_id, event_type, profile_id, event_time, received_at, "+
		"guest, version)")
	for _, r := range rows {
		require.NoError(t, b.Append(r.id, r.eventType, r.profile, r.at, r.at, guest, uint64(1)))
	}
	require.NoError(t, b.Send())
}

func insertDaily(t testing.TB, conn driver.Conn, version uint64, rows ...dailyRow) {
	t.Helper()
	b := prepare(t, conn, "INSERT INTO profile_daily (profile_id, day, orders, cancellations, net_revenue, "+
		"product_views, events, version)")
	for _, r := range rows {
		require.NoError(t, b.Append(r.profile, r.day, r.orders, r.cancellations,
			decimal.RequireFromString(r.net), r.views, r.events, version))
	}
	require.NoError(t, b.Send())
}

func insertProducts(t testing.TB, conn driver.Conn, rows ...productRow) {
	t.Helper()
	b := prepare(t, conn, "INSERT INTO profile_products (profile_id, product_id, category, units, revenue, "+
		"orders, views, last_at, version)")
	for _, r := range rows {
		require.NoError(t, b.Append(r.profile, r.product, r.category, r.units,
			decimal.RequireFromString(r.revenue), r.orders, r.views, time.Unix(0, 0).UTC(), uint64(1)))
	}
	require.NoError(t, b.Send())
}

func insertHours(t testing.TB, conn driver.Conn, rows ...hourRow) {
	t.Helper()
	b := prepare(t, conn, "INSERT INTO profile_hour_of_week (profile_id, hour_of_week, events, version)")
	for _, r := range rows {
		require.NoError(t, b.Append(r.profile, r.hour, r.events, uint64(1)))
	}
	require.NoError(t, b.Send())
}

func prepare(t testing.TB, conn driver.Conn, insert string) driver.Batch {
	t.Helper()
	b, err := conn.PrepareBatch(context.Background(), insert)
	require.NoError(t, err)
	return b
}
