package traits

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var refTime = time.Date(2011, 12, 9, 12, 50, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestComputeOrderMath(t *testing.T) {
	lastOrder := time.Date(2011, 11, 9, 10, 0, 0, 123456789, time.UTC)
	tests := []struct {
		name          string
		agg           Aggregates
		orders        int64
		cancellations int64
		net           string
		aov           string
		frequency     int32
		recency       *int32
		hasOrderTimes bool
	}{
		{
			name: "zero orders",
			agg: Aggregates{
				Activity: Activity{LastEventAt: refTime.Add(-time.Hour)},
				Daily:    []DailyRow{{Day: day("2011-12-09"), ProductViews: 3, Events: 3}},
			},
			net: "0", aov: "0",
		},
		{
			name: "cancellation only",
			agg: Aggregates{
				Activity: Activity{LastEventAt: refTime.Add(-48 * time.Hour)},
				Daily: []DailyRow{{Day: day("2011-12-07"), Cancellations: 1,
					NetRevenue: dec("-12.5000"), Events: 1}},
			},
			cancellations: 1, net: "-12.5", aov: "0",
		},
		{
			name: "orders with a cancellation",
			agg: Aggregates{
				Activity: Activity{LastEventAt: lastOrder, FirstOrderAt: day("2011-01-05"),
					LastOrderAt: lastOrder},
				Daily: []DailyRow{
					{Day: day("2011-01-05"), Orders: 2, NetRevenue: dec("100.0000"), Events: 2},
					{Day: day("2011-06-01"), Cancellations: 1, NetRevenue: dec("-10.0000"), Events: 1},
					{Day: day("2011-11-09"), Orders: 1, NetRevenue: dec("0.0001"), Events: 1},
				},
			},
			orders: 3, cancellations: 1, net: "90.0001", aov: "30.0000", frequency: 2,
			recency: ptr(int32(30)), hasOrderTimes: true,
		},
		{
			name: "order times without counted orders are dropped",
			agg: Aggregates{
				Activity: Activity{LastEventAt: refTime, FirstOrderAt: refTime, LastOrderAt: refTime},
			},
			net: "0", aov: "0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(tt.agg, Inputs{ReferenceTime: refTime, ModelVersion: "traits-v1"})
			assert.Equal(t, tt.orders, got.Orders, "orders")
			assert.Equal(t, tt.cancellations, got.Cancellations, "cancellations")
			assert.True(t, dec(tt.net).Equal(got.NetRevenue), "net revenue %s", got.NetRevenue)
			assert.True(t, dec(tt.aov).Equal(got.AverageOrderValue), "aov %s", got.AverageOrderValue)
			assert.Equal(t, tt.frequency, got.Frequency, "frequency")
			assert.Equal(t, tt.recency, got.RecencyDays, "recency days")
			assert.Equal(t, tt.hasOrderTimes, got.FirstOrderAt != nil, "first order set")
			assert.Equal(t, tt.hasOrderTimes, got.LastOrderAt != nil, "last order set")
			assert.Equal(t, "traits-v1", got.ModelVersion)
			assert.Equal(t, refTime, got.ReferenceTime)
		})
	}
}

func TestComputeTruncatesToMillis(t *testing.T) {
	at := time.Date(2011, 11, 9, 10, 0, 0, 123456789, time.FixedZone("x", 3600))
	got := Compute(Aggregates{
		Activity: Activity{LastEventAt: at, FirstOrderAt: at, LastOrderAt: at},
		Daily:    []DailyRow{{Day: day("2011-11-09"), Orders: 1, NetRevenue: dec("5")}},
	}, Inputs{ReferenceTime: refTime})

	want := time.Date(2011, 11, 9, 9, 0, 0, 123000000, time.UTC)
	assert.Equal(t, want, got.AsOf)
	require.NotNil(t, got.LastOrderAt)
	assert.Equal(t, want, *got.LastOrderAt)
}

func TestComputeDeterministic(t *testing.T) {
	agg := Aggregates{
		ProfileID: "p1",
		Activity:  Activity{LastEventAt: refTime},
		Products: []ProductRow{
			{ProductID: "b", Category: "candles", Units: 2, Revenue: dec("4")},
			{ProductID: "a", Category: "candles", Units: 2, Revenue: dec("4")},
			{ProductID: "c", Category: "home fragrance", Units: 2, Revenue: dec("4")},
		},
		Hours: []HourRow{{HourOfWeek: 10, Events: 1}, {HourOfWeek: 35, Events: 1}},
	}
	first := Compute(agg, Inputs{ReferenceTime: refTime})
	for i := 0; i < 20; i++ {
		// Reverse the input order: map iteration and input order must not leak.
		agg.Products[0], agg.Products[2] = agg.Products[2], agg.Products[0]
		assert.Equal(t, first, Compute(agg, Inputs{ReferenceTime: refTime}))
	}
}

func TestDistinctProducts(t *testing.T) {
	rows := []ProductRow{
		{ProductID: "bought", Units: 3},
		{ProductID: "cancelled", Units: 0, Orders: 1},
		{ProductID: "viewed", Views: 4},
		{ProductID: "returned more", Units: -1},
	}
	assert.Equal(t, int64(1), countBoughtProducts(rows))
}

func TestDaysBetween(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want int32
	}{
		{"same instant", refTime, 0},
		{"23 hours", refTime.Add(-23 * time.Hour), 0},
		{"24 hours", refTime.Add(-24 * time.Hour), 1},
		{"after reference", refTime.Add(time.Hour), 0},
		{"a year", refTime.AddDate(-1, 0, 0), 365},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, daysBetween(tt.t, refTime))
		})
	}
}

func ptr[T any](v T) *T { return &v }
