// Package traits derives a profile's behavioural traits from its ClickHouse
// aggregate rows. It is pure: the same rows, reference time and RFM
// thresholds always give the same traits, field for field.
package traits

import (
	"time"

	"github.com/shopspring/decimal"
)

// Aggregates are the rows of one profile that its traits derive from.
type Aggregates struct {
	ProfileID string
	Activity  Activity
	Daily     []DailyRow
	Products  []ProductRow
	Hours     []HourRow
}

// Activity is the profile's event-time summary from the events table.
type Activity struct {
	// LastEventAt is the latest event time of the profile, which becomes
	// as_of.
	LastEventAt time.Time
	// FirstOrderAt and LastOrderAt bound the profile's order_completed
	// events. Both are zero when the profile has no order.
	FirstOrderAt time.Time
	LastOrderAt  time.Time
	// AllGuest is true when every event of the profile is a guest one: an
	// order_completed marked guest or an event without a user id (the guest
	// column of the events table).
	AllGuest bool
}

// DailyRow is one row of profile_daily.
type DailyRow struct {
	Day           time.Time // UTC midnight of the day
	Orders        int64
	Cancellations int64
	NetRevenue    decimal.Decimal
	ProductViews  int64
	Events        int64
}

// ProductRow is one row of profile_products, which leaves out fee lines.
type ProductRow struct {
	ProductID string
	Category  string
	Units     int64
	Revenue   decimal.Decimal
	Orders    int64
	Views     int64
}

// HourRow is one row of profile_hour_of_week. HourOfWeek counts local hours
// from Monday 00:00 (0) to Sunday 23:00 (167).
type HourRow struct {
	HourOfWeek int
	Events     int64
}
