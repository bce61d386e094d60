package traits

import (
	"time"

	"github.com/shopspring/decimal"
)

// moneyScale is the number of decimal places of money on the wire.
const moneyScale = 4

// Traits mirrors the profilehub.stages.ProfileTraits schema.
type Traits struct {
	ProfileID           string
	ModelVersion        string
	AsOf                time.Time
	ReferenceTime       time.Time
	Orders              int64
	Cancellations       int64
	NetRevenue          decimal.Decimal
	AverageOrderValue   decimal.Decimal
	FirstOrderAt        *time.Time
	LastOrderAt         *time.Time
	RecencyDays         *int32
	Frequency           int32
	DistinctProducts    int64
	ProductViews        int64
	FavouriteProducts   []string
	FavouriteCategories []string
	UsualHours          []int32
	UsualDays           []int32
	EngagementLevel     string
	RFMScore            string
	Guest               bool
}

// Inputs are the values that traits depend on besides a profile's own rows.
type Inputs struct {
	// ReferenceTime is the latest event time the platform has seen. Recency
	// and the engagement window are measured back from it, never from the
	// wall clock, so a replay or a historical import gives the same traits.
	ReferenceTime time.Time
	ModelVersion  string
	// RFM contains the population quintile thresholds. Nil leaves rfm_score
	// empty.
	RFM *RFMThresholds
}

// Compute derives the traits of one profile. Times are truncated to
// milliseconds, the precision of the wire format.
func Compute(a Aggregates, in Inputs) Traits {
	t := Traits{
		ProfileID:     a.ProfileID,
		ModelVersion:  in.ModelVersion,
		AsOf:          toMillis(a.Activity.LastEventAt),
		ReferenceTime: toMillis(in.ReferenceTime),
		Guest:         a.Activity.AllGuest,
	}

	totals := sumDaily(a.Daily)
	t.Orders = totals.orders
	t.Cancellations = totals.cancellations
	t.NetRevenue = totals.netRevenue.Round(moneyScale)
	t.AverageOrderValue = averageOrderValue(totals.netRevenue, totals.orders)
	t.Frequency = totals.orderDays
	t.ProductViews = totals.productViews

	// Order times come from the events table, so they exist only when the
	// profile has an order_completed event.
	if t.Orders > 0 && !a.Activity.LastOrderAt.IsZero() {
		first := toMillis(a.Activity.FirstOrderAt)
		last := toMillis(a.Activity.LastOrderAt)
		t.FirstOrderAt = &first
		t.LastOrderAt = &last
		days := daysBetween(last, t.ReferenceTime)
		t.RecencyDays = &days
	}

	t.DistinctProducts = countBoughtProducts(a.Products)
	t.FavouriteProducts = favouriteProducts(a.Products, maxFavouriteProducts)
	t.FavouriteCategories = favouriteCategories(a.Products, maxFavouriteCategories)
	t.UsualHours = usualHours(a.Hours, maxUsualHours)
	t.UsualDays = usualDays(a.Hours, maxUsualDays)
	t.EngagementLevel = engagementLevel(eventsInWindow(a.Daily, t.ReferenceTime))
	if in.RFM != nil {
		t.RFMScore = in.RFM.Score(t)
	}
	return t
}

type dailyTotals struct {
	orders, cancellations, productViews int64
	orderDays                           int32
	netRevenue                          decimal.Decimal
}

func sumDaily(rows []DailyRow) dailyTotals {
	var s dailyTotals
	for _, r := range rows {
		s.orders += r.Orders
		s.cancellations += r.Cancellations
		s.productViews += r.ProductViews
		s.netRevenue = s.netRevenue.Add(r.NetRevenue)
		if r.Orders > 0 {
			s.orderDays++
		}
	}
	return s
}

// averageOrderValue is net revenue per completed order, 0 without orders.
// Net revenue includes cancellations and fees, so it can be negative.
func averageOrderValue(net decimal.Decimal, orders int64) decimal.Decimal {
	if orders == 0 {
		return decimal.Zero
	}
	return net.DivRound(decimal.NewFromInt(orders), moneyScale)
}

// countBoughtProducts counts the products with a positive net quantity, so a
// product that was bought and fully cancelled does not count.
func countBoughtProducts(rows []ProductRow) int64 {
	var n int64
	for _, r := range rows {
		if r.Units > 0 {
			n++
		}
	}
	return n
}

// daysBetween returns the whole days from t to ref, never less than 0.
func daysBetween(t, ref time.Time) int32 {
	d := ref.Sub(t)
	if d < 0 {
		return 0
	}
	return int32(d / (24 * time.Hour))
}

func toMillis(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Millisecond)
}
