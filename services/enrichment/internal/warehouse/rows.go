// Package warehouse writes enriched events and order lines to ClickHouse,
// recomputes the aggregate tables for the keys a batch touched and reads
// back the last event of each profile for sessionisation. The tables are
// created by the migrations of deploy/clickhouse.
package warehouse

import (
	"time"

	"github.com/shopspring/decimal"
)

// EventRow is one row of the events table.
type EventRow struct {
	EventID    string
	EventType  string
	ProfileID  string
	EventTime  time.Time
	ReceivedAt time.Time
	Source     string
	SessionID  string
	Channel    string
	Country    string
	Locale     string
	Timezone   string // the zone applied to the local fields, "UTC" when the event named none or an unknown one
	Device     string
	Browser    string
	OS         string
	LocalHour  uint8
	LocalDow   uint8 // 0 is Monday
	HourOfWeek uint8 // LocalDow*24 + LocalHour
	ProductID  string
	Category   string
	IsFee      bool
	OrderID    string
	CartAction string // ADDED or REMOVED for cart_updated events
	Quantity   int32  // cart_updated quantity
	Rating     uint8  // review_submitted rating, 1 to 5
	Guest      bool   // an order_completed marked guest, or an event without a user id
}

// LineRow is one row of the order_lines table.
type LineRow struct {
	ProfileID       string
	OrderID         string
	LineNo          int32
	EventID         string
	EventTime       time.Time
	ProductID       string
	Category        string
	Quantity        int32
	UnitPrice       decimal.Decimal
	Amount          decimal.Decimal // Quantity * UnitPrice, negative on cancellation lines
	IsFee           bool
	IsCancellation  bool
	OriginalOrderID string
	Currency        string
}

func boolUInt8(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}
