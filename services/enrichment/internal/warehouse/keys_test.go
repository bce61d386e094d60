package warehouse

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var noon = time.Date(2011, 12, 5, 12, 0, 0, 0, time.UTC)

func TestTouchedKeysSkipsFees(t *testing.T) {
	events := []EventRow{
		{ProfileID: "p1", EventType: "product_viewed", ProductID: "A", EventTime: noon, HourOfWeek: 12},
		{ProfileID: "p1", EventType: "product_viewed", ProductID: "POST", IsFee: true, EventTime: noon, HourOfWeek: 12},
		{ProfileID: "p1", EventType: "track", ProductID: "", EventTime: noon.AddDate(0, 0, 1), HourOfWeek: 36},
		{ProfileID: "p2", EventType: "order_completed", OrderID: "o1", EventTime: noon, HourOfWeek: 12},
	}
	lines := []LineRow{
		{ProfileID: "p2", ProductID: "A", EventTime: noon},
		{ProfileID: "p2", ProductID: "POST", IsFee: true, EventTime: noon},
	}

	k := TouchedKeys(events, lines)

	assert.Equal(t, map[ProfileDay]struct{}{
		{"p1", 20111205}: {}, {"p1", 20111206}: {}, {"p2", 20111205}: {},
	}, k.ProfileDays)
	assert.Equal(t, map[ProfileProduct]struct{}{{"p1", "A"}: {}, {"p2", "A"}: {}}, k.ProfileProducts)
	assert.Equal(t, map[ProfileHour]struct{}{{"p1", 12}: {}, {"p1", 36}: {}, {"p2", 12}: {}}, k.ProfileHours)
	assert.Equal(t, map[ProductDay]struct{}{{"A", 20111205}: {}}, k.ProductDays)
	assert.Equal(t, []string{"p1", "p2"}, k.Profiles())
}

func TestChunksSplitsEvenly(t *testing.T) {
	assert.Equal(t, [][]int{{1, 2}, {3, 4}, {5}}, chunks([]int{1, 2, 3, 4, 5}, 2))
	assert.Equal(t, [][]int{{1, 2}}, chunks([]int{1, 2}, 2))
	assert.Empty(t, chunks([]int{}, 2))
}

func TestDayBoundsCoverAllDays(t *testing.T) {
	from, to := dayBounds([]uint32{20111231, 20111201, 20111215})

	assert.Equal(t, time.Date(2011, 12, 1, 0, 0, 0, 0, time.UTC), from)
	assert.Equal(t, time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC), to)
}

func TestRecomputeStatementsChunkPerTable(t *testing.T) {
	w := &Warehouse{keysPerStatement: 2}
	k := TouchedKeys([]EventRow{
		{ProfileID: "p1", EventTime: noon},
		{ProfileID: "p2", EventTime: noon},
		{ProfileID: "p3", EventTime: noon},
	}, nil)

	got := w.recomputeStatements(k)

	require.Len(t, got, 4, "two profile_daily and two profile_hour_of_week statements")
	assert.Equal(t, "profile_daily", got[0].table)
	assert.Equal(t, [][]any{{"p1", uint32(20111205)}, {"p2", uint32(20111205)}}, got[0].keys)
	assert.Equal(t, [][]any{{"p3", uint32(20111205)}}, got[1].keys)
	assert.Equal(t, "profile_hour_of_week", got[2].table)
}

// An id that looks like a placeholder must stay a literal, so all
// placeholders are replaced in one pass.
func TestRenderKeepsPlaceholderLikeIDs(t *testing.T) {
	queries, err := loadQueries("db")
	require.NoError(t, err)
	w := &Warehouse{keysPerStatement: 10, queries: queries}
	st := statement{
		table: "product_daily",
		keys:  [][]any{{"{version}", uint32(20111205)}},
		ids:   []string{"{version}"},
		days:  []uint32{20111205},
	}

	query := w.render(st, 42)

	assert.Contains(t, query, "product_id IN ('{version}')")
	assert.Contains(t, query, "toUInt64(42)")
	assert.Contains(t, query, "INSERT INTO db.product_daily")
	assert.Contains(t, query, "event_time >= toDateTime('2011-12-05 00:00:00', 'UTC')")
	assert.NotContains(t, query, "--", "comments are stripped")
	assert.False(t, strings.Contains(query, "{keys}") || strings.Contains(query, "{from}"))
}

func TestVersionClockIncreases(t *testing.T) {
	fixed := time.UnixMilli(1_000)
	c := &versionClock{now: func() time.Time { return fixed }}

	first, second := c.next(), c.next()

	assert.Equal(t, uint64(1_000), first)
	assert.Equal(t, uint64(1_001), second, "a second call in the same millisecond still increases")
}
