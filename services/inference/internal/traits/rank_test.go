package traits

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFavouriteProducts(t *testing.T) {
	tests := []struct {
		name string
		rows []ProductRow
		want []string
	}{
		{"none", nil, []string{}},
		{
			name: "units before revenue",
			rows: []ProductRow{
				{ProductID: "cheap many", Units: 10, Revenue: dec("5")},
				{ProductID: "dear few", Units: 1, Revenue: dec("50")},
			},
			want: []string{"cheap many", "dear few"},
		},
		{
			name: "tie on units broken by revenue",
			rows: []ProductRow{
				{ProductID: "a", Units: 2, Revenue: dec("3")},
				{ProductID: "b", Units: 2, Revenue: dec("4")},
			},
			want: []string{"b", "a"},
		},
		{
			name: "full tie broken by product id",
			rows: []ProductRow{
				{ProductID: "z", Units: 2, Revenue: dec("4.0")},
				{ProductID: "m", Units: 2, Revenue: dec("4")},
				{ProductID: "a", Units: 2, Revenue: dec("4.00")},
			},
			want: []string{"a", "m", "z"},
		},
		{
			name: "views and cancelled products left out",
			rows: []ProductRow{
				{ProductID: "viewed", Views: 9},
				{ProductID: "cancelled", Units: 0, Revenue: dec("0")},
				{ProductID: "bought", Units: 1, Revenue: dec("1")},
			},
			want: []string{"bought"},
		},
		{
			name: "at most five",
			rows: []ProductRow{
				{ProductID: "p1", Units: 1}, {ProductID: "p2", Units: 2}, {ProductID: "p3", Units: 3},
				{ProductID: "p4", Units: 4}, {ProductID: "p5", Units: 5}, {ProductID: "p6", Units: 6},
			},
			want: []string{"p6", "p5", "p4", "p3", "p2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, favouriteProducts(tt.rows, maxFavouriteProducts))
		})
	}
}

func TestFavouriteCategories(t *testing.T) {
	tests := []struct {
		name string
		rows []ProductRow
		want []string
	}{
		{"none", nil, []string{}},
		{
			name: "units summed per category",
			rows: []ProductRow{
				{ProductID: "1", Category: "candles", Units: 2, Revenue: dec("2")},
				{ProductID: "2", Category: "candles", Units: 2, Revenue: dec("2")},
				{ProductID: "3", Category: "kitchen", Units: 3, Revenue: dec("30")},
			},
			want: []string{"candles", "kitchen"},
		},
		{
			name: "tie broken by revenue then name",
			rows: []ProductRow{
				{ProductID: "1", Category: "b", Units: 1, Revenue: dec("1")},
				{ProductID: "2", Category: "a", Units: 1, Revenue: dec("1")},
				{ProductID: "3", Category: "c", Units: 1, Revenue: dec("2")},
				{ProductID: "4", Category: "d", Units: 1, Revenue: dec("0.5")},
			},
			want: []string{"c", "a", "b"},
		},
		{
			name: "empty category and unbought left out",
			rows: []ProductRow{
				{ProductID: "1", Category: "", Units: 5},
				{ProductID: "2", Category: "viewed only", Views: 5},
				{ProductID: "3", Category: "bought", Units: 1},
			},
			want: []string{"bought"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, favouriteCategories(tt.rows, maxFavouriteCategories))
		})
	}
}

func TestUsualHoursAndDays(t *testing.T) {
	tests := []struct {
		name  string
		rows  []HourRow
		hours []int32
		days  []int32
	}{
		{"no activity", nil, []int32{}, []int32{}},
		{
			// Monday 09:00 (9), Tuesday 09:00 (33), Sunday 23:00 (167).
			name:  "hours summed across days",
			rows:  []HourRow{{HourOfWeek: 9, Events: 2}, {HourOfWeek: 33, Events: 2}, {HourOfWeek: 167, Events: 3}},
			hours: []int32{9, 23},
			days:  []int32{7, 1},
		},
		{
			name:  "ties to the earlier hour and day",
			rows:  []HourRow{{HourOfWeek: 50, Events: 1}, {HourOfWeek: 30, Events: 1}, {HourOfWeek: 10, Events: 1}, {HourOfWeek: 100, Events: 1}},
			hours: []int32{2, 4, 6},
			days:  []int32{1, 2},
		},
		{
			name:  "out of range and zero rows ignored",
			rows:  []HourRow{{HourOfWeek: -1, Events: 5}, {HourOfWeek: 168, Events: 5}, {HourOfWeek: 1, Events: 0}},
			hours: []int32{},
			days:  []int32{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.hours, usualHours(tt.rows, maxUsualHours), "hours")
			assert.Equal(t, tt.days, usualDays(tt.rows, maxUsualDays), "days")
		})
	}
}

func TestEngagementLevel(t *testing.T) {
	tests := []struct {
		name string
		rows []DailyRow
		want string
	}{
		{"no events", nil, EngagementNone},
		{"only older than window", []DailyRow{{Day: day("2011-09-10"), Events: 100}}, EngagementNone},
		{"first day of window", []DailyRow{{Day: day("2011-09-11"), Events: 1}}, EngagementLow},
		{"just below medium", []DailyRow{{Day: day("2011-12-09"), Events: 4}}, EngagementLow},
		{"medium", []DailyRow{{Day: day("2011-12-01"), Events: 2}, {Day: day("2011-11-01"), Events: 3}}, EngagementMedium},
		{"high", []DailyRow{{Day: day("2011-12-09"), Events: 20}}, EngagementHigh},
		{"after reference not counted", []DailyRow{{Day: day("2011-12-10"), Events: 50}}, EngagementNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, engagementLevel(eventsInWindow(tt.rows, refTime)))
		})
	}
}
