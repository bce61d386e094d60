package aggregates

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
)

// Paging with the last id of each page visits every profile of
// profile_daily once, in id order, although some profiles have several
// days and several versions of a day.
func TestProfileIDsAfter(t *testing.T) {
	conn, _ := testenv.ClickHouse(t)
	insertDaily(t, conn, 1,
		dailyRow{profile: "c", day: day("2011-01-01"), orders: 1, net: "1", events: 1},
		dailyRow{profile: "a", day: day("2011-01-01"), orders: 1, net: "1", events: 1},
		dailyRow{profile: "a", day: day("2011-01-02"), events: 1, net: "0"},
		dailyRow{profile: "b", day: day("2011-01-01"), events: 1, net: "0"},
	)
	insertDaily(t, conn, 2, dailyRow{profile: "a", day: day("2011-01-01"), orders: 2, net: "2", events: 2})
	r := NewReader(conn, 10)
	ctx := context.Background()

	var pages [][]string
	after := ""
	for range 5 {
		ids, err := r.ProfileIDsAfter(ctx, after, 2)
		require.NoError(t, err)
		if len(ids) == 0 {
			break
		}
		pages = append(pages, ids)
		after = ids[len(ids)-1]
	}
	assert.Equal(t, [][]string{{"a", "b"}, {"c"}}, pages)

	n, err := r.ProfileCount(ctx)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
}

func TestRFMCacheForcedRefresh(t *testing.T) {
	conn, _ := testenv.ClickHouse(t)
	insertDaily(t, conn, 1, dailyRow{profile: "a", day: day("2011-01-01"), orders: 1, net: "5", events: 1})
	s := NewSource(NewReader(conn, 10), time.Hour)
	ctx := context.Background()

	first, err := s.RFMThresholds(ctx)
	require.NoError(t, err)
	require.NotNil(t, first)

	insertDaily(t, conn, 1, dailyRow{profile: "b", day: day("2011-01-01"), orders: 1, net: "500", events: 1})
	refreshed, err := s.RefreshRFMThresholds(ctx)
	require.NoError(t, err)
	require.NotNil(t, refreshed)
	assert.NotSame(t, first, refreshed, "queried although the cached value is fresh")

	cached, err := s.RFMThresholds(ctx)
	require.NoError(t, err)
	assert.Same(t, refreshed, cached, "the batches that follow use the refreshed thresholds")
}
