package aggregates

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/services/inference/internal/traits"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestReaderLoad(t *testing.T) {
	conn, _ := testenv.ClickHouse(t)
	ctx := context.Background()
	order1 := time.Date(2011, 1, 5, 9, 30, 0, 0, time.UTC)
	order2 := time.Date(2011, 3, 2, 17, 0, 0, 0, time.UTC)
	view := time.Date(2011, 3, 4, 8, 0, 0, 0, time.UTC)
	other := time.Date(2011, 12, 9, 12, 50, 0, 0, time.UTC)

	insertEvents(t, conn,
		eventRow{"e1", "order_completed", "alice", order1},
		eventRow{"e2", "order_completed", "alice", order2},
		eventRow{"e3", "product_viewed", "alice", view},
		eventRow{"e4", "order_cancelled", "carol", order2},
		eventRow{"e5", "product_viewed", "zed", other},
	)
	// The second write of alice's first day is a recomputation: FINAL must
	// return only the higher version.
	insertDaily(t, conn, 1, dailyRow{profile: "alice", day: day("2011-01-05"), orders: 1, net: "10", events: 1})
	insertDaily(t, conn, 2,
		dailyRow{profile: "alice", day: day("2011-01-05"), orders: 1, net: "12.5", events: 1},
		dailyRow{profile: "alice", day: day("2011-03-02"), orders: 1, net: "30", events: 1},
		dailyRow{profile: "alice", day: day("2011-03-04"), views: 1, net: "0", events: 1},
		dailyRow{profile: "carol", day: day("2011-03-02"), cancellations: 1, net: "-7.25", events: 1},
	)
	insertProducts(t, conn,
		productRow{"alice", "85123A", "decoration", 6, "15.3", 1, 0},
		productRow{"alice", "21212", "candles", 2, "27.2", 1, 1},
	)
	insertHours(t, conn, hourRow{"alice", 9 + 48, 1}, hourRow{"alice", 17 + 48, 1}, hourRow{"alice", 8 + 72, 1})

	r := NewReader(conn, 1) // a chunk per profile exercises the chunking
	ref, err := r.ReferenceTime(ctx)
	require.NoError(t, err)
	assert.Equal(t, other, ref)

	got, err := r.Load(ctx, []string{"alice", "carol", "nobody"})
	require.NoError(t, err)
	require.Contains(t, got, "alice")
	require.Contains(t, got, "carol")
	assert.NotContains(t, got, "nobody", "a profile without events is missing")

	alice := got["alice"]
	assert.Equal(t, view, alice.Activity.LastEventAt)
	assert.Equal(t, order1, alice.Activity.FirstOrderAt)
	assert.Equal(t, order2, alice.Activity.LastOrderAt)
	assert.Len(t, alice.Daily, 3, "FINAL keeps one row per day")
	assert.Len(t, alice.Products, 2)
	assert.Len(t, alice.Hours, 3)

	carol := got["carol"]
	assert.True(t, carol.Activity.FirstOrderAt.IsZero(), "no order_completed, no order time")
	require.Len(t, carol.Daily, 1)
	assert.True(t, decimal.RequireFromString("-7.25").Equal(carol.Daily[0].NetRevenue))

	tr := traits.Compute(*alice, traits.Inputs{ReferenceTime: ref, ModelVersion: "traits-v1"})
	assert.Equal(t, int64(2), tr.Orders)
	assert.True(t, decimal.RequireFromString("42.5").Equal(tr.NetRevenue), "net revenue %s", tr.NetRevenue)
	assert.Equal(t, []string{"85123A", "21212"}, tr.FavouriteProducts)
	assert.Equal(t, []string{"decoration", "candles"}, tr.FavouriteCategories)
	assert.Equal(t, []int32{8, 9, 17}, tr.UsualHours)
	assert.Equal(t, []int32{3, 4}, tr.UsualDays)
}

func TestReaderEmptyTables(t *testing.T) {
	conn, _ := testenv.ClickHouse(t)
	r := NewReader(conn, 10)
	ref, err := r.ReferenceTime(context.Background())
	require.NoError(t, err)
	assert.True(t, ref.IsZero())

	th, err := r.RFMThresholds(context.Background())
	require.NoError(t, err)
	assert.Nil(t, th, "no profile with an order, no thresholds")
}

func TestRFMThresholds(t *testing.T) {
	conn, _ := testenv.ClickHouse(t)
	// Five buyers with 1 to 5 order days and 100 to 500 net revenue, plus a
	// profile with a cancellation only, which is not part of the population.
	var rows []dailyRow
	for i := 1; i <= 5; i++ {
		p := string(rune('a' + i - 1))
		for d := 0; d < i; d++ {
			rows = append(rows, dailyRow{profile: p, day: day("2011-01-01").AddDate(0, i, d), orders: 1,
				net: decimal.NewFromInt(int64(100 * i)).Div(decimal.NewFromInt(int64(i))).String(), events: 1})
		}
	}
	rows = append(rows, dailyRow{profile: "x", day: day("2011-06-01"), cancellations: 1, net: "-9", events: 1})
	insertDaily(t, conn, 1, rows...)

	th, err := NewReader(conn, 10).RFMThresholds(context.Background())
	require.NoError(t, err)
	require.NotNil(t, th)
	assert.Equal(t, [4]int64{1, 2, 3, 4}, th.Frequency)
	for i, want := range []string{"100", "200", "300", "400"} {
		assert.True(t, decimal.RequireFromString(want).Equal(th.Monetary[i]), "monetary %d: %s", i, th.Monetary[i])
	}
	assert.Equal(t, day("2011-02-01").Unix()/86400, th.LastOrderDay[0])
}

func TestRFMCacheRefresh(t *testing.T) {
	conn, _ := testenv.ClickHouse(t)
	insertDaily(t, conn, 1, dailyRow{profile: "a", day: day("2011-01-01"), orders: 1, net: "5", events: 1})

	c := NewRFMCache(NewReader(conn, 10), time.Minute)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	first, err := c.Get(context.Background())
	require.NoError(t, err)
	require.NotNil(t, first)

	insertDaily(t, conn, 1, dailyRow{profile: "b", day: day("2011-01-01"), orders: 3, net: "500", events: 3})
	cached, err := c.Get(context.Background())
	require.NoError(t, err)
	assert.Same(t, first, cached, "within the interval the cached value is returned")

	now = now.Add(time.Minute)
	refreshed, err := c.Get(context.Background())
	require.NoError(t, err)
	assert.NotSame(t, first, refreshed)
	assert.True(t, decimal.NewFromInt(500).Equal(refreshed.Monetary[3]), "%s", refreshed.Monetary[3])
}

// A profile is a guest only when every one of its events is a guest one.
func TestReaderGuestProfiles(t *testing.T) {
	conn, _ := testenv.ClickHouse(t)
	at := time.Date(2011, 6, 1, 10, 0, 0, 0, time.UTC)
	insertGuestEvents(t, conn, 1,
		eventRow{"g1", "product_viewed", "guest", at},
		eventRow{"g2", "order_completed", "guest", at.Add(time.Hour)},
		eventRow{"m1", "order_completed", "mixed", at},
	)
	insertGuestEvents(t, conn, 0,
		eventRow{"m2", "product_viewed", "mixed", at.Add(time.Hour)},
		eventRow{"a1", "order_completed", "account", at},
	)

	got, err := NewReader(conn, 10).Load(context.Background(), []string{"guest", "mixed", "account"})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.True(t, got["guest"].Activity.AllGuest)
	assert.False(t, got["mixed"].Activity.AllGuest, "one event with an account makes the profile no guest")
	assert.False(t, got["account"].Activity.AllGuest)

	tr := traits.Compute(*got["guest"], traits.Inputs{ReferenceTime: at, ModelVersion: "traits-v1"})
	assert.True(t, tr.Guest)
}
