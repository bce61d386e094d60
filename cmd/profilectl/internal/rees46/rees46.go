// Package rees46 reads the REES46 cosmetics-shop event log (event_time,
// event_type, product_id, category_id, category_code, brand, price, user_id,
// user_session) and turns each row into one platform event.
package rees46

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
)

// Fixed facts of the data set.
const (
	// IDSource is the source name of identity.EventID for this data set.
	IDSource = "rees46"
	// EventSource is the Event.Source of imported events.
	EventSource = "import-rees46"
	Channel     = "web"
	Timezone    = "UTC"
	// DefaultCurrency is the currency of prices when none is given.
	// NOTE: the data set does not state its currency; USD is an assumption.
	DefaultCurrency = "USD"
	timeLayout      = "2006-01-02 15:04:05 MST"
)

// Header lists the expected columns in file order.
var Header = []string{"event_time", "event_type", "product_id", "category_id", "category_code", "brand",
	"price", "user_id", "user_session"}

// Row is one parsed row of the event log.
type Row struct {
	Line        int
	Time        time.Time
	Type        string // view, cart, remove_from_cart or purchase
	ProductID   string
	Category    string // category_code, "" when the log has none
	Brand       string
	Price       decimal.Decimal
	UserID      string
	UserSession string
	// Occurrence numbers identical rows within one second from 0, because
	// the log contains exact duplicates (a double click) that are still
	// separate events.
	Occurrence int
}

// Key identifies the row within the data set for identity.EventID: every
// field that makes the event, and the occurrence of identical rows.
func (r Row) Key() string {
	return strings.Join([]string{r.Time.Format(time.DateTime), r.Type, r.ProductID, r.UserID, r.UserSession,
		r.Price.String(), fmt.Sprint(r.Occurrence)}, "|")
}

// ParseRow converts one record. line is its line number in the file.
func ParseRow(line int, fields []string) (Row, error) {
	if len(fields) != len(Header) {
		return Row{}, fmt.Errorf("line %d: expected %d fields, got %d", line, len(Header), len(fields))
	}
	row := Row{
		Line:        line,
		Type:        strings.TrimSpace(fields[1]),
		ProductID:   strings.TrimSpace(fields[2]),
		Category:    strings.TrimSpace(fields[4]),
		Brand:       strings.TrimSpace(fields[5]),
		UserID:      strings.TrimSpace(fields[7]),
		UserSession: strings.TrimSpace(fields[8]),
	}

	var err error
	row.Time, err = time.Parse(timeLayout, strings.TrimSpace(fields[0]))
	if err != nil {
		return Row{}, fmt.Errorf("line %d: invalid event_time %q: expected YYYY-MM-DD HH:MM:SS UTC", line, fields[0])
	}
	row.Time = row.Time.UTC()

	switch row.Type {
	case "view", "cart", "remove_from_cart", "purchase":
	default:
		return Row{}, fmt.Errorf("line %d: invalid event_type %q: expected view, cart, remove_from_cart or purchase",
			line, row.Type)
	}

	if row.ProductID == "" {
		return Row{}, fmt.Errorf("line %d: missing product_id", line)
	}
	if row.UserID == "" {
		return Row{}, fmt.Errorf("line %d: missing user_id", line)
	}

	row.Price, err = decimal.NewFromString(strings.TrimSpace(fields[6]))
	if err != nil || -row.Price.Exponent() > 4 {
		return Row{}, fmt.Errorf("line %d: invalid price %q: expected a decimal with at most 4 places", line, fields[6])
	}
	return row, nil
}

// Event builds the event of a row: view → product_viewed, cart →
// cart_updated ADDED, remove_from_cart → cart_updated REMOVED, and purchase
// → order_completed with one line. Quantities are 1 because the log has
// none. The log has no order ids either, so every purchase row is its own
// order with the order id "rees46:<event id>". Grouping the rows of one
// checkout by session would keep whole sessions in memory.
func Event(row Row, currency string, receivedAt time.Time) *events.Event {
	ev := &events.Event{
		EventID:    identity.EventID(IDSource, row.Key()),
		EventTime:  row.Time,
		ReceivedAt: receivedAt,
		UserID:     row.UserID,
		Source:     EventSource,
		Context:    events.Context{Timezone: Timezone, Channel: Channel, SessionID: row.UserSession},
	}
	price := row.Price
	switch row.Type {
	case "view":
		ev.EventType = events.TypeProductViewed
		ev.Payload = &events.ProductViewed{ProductID: row.ProductID, Category: row.Category, Brand: row.Brand,
			Price: &price, Currency: currency}
	case "cart", "remove_from_cart":
		action := events.CartActionAdded
		if row.Type == "remove_from_cart" {
			action = events.CartActionRemoved
		}
		ev.EventType = events.TypeCartUpdated
		ev.Payload = &events.CartUpdated{Action: action, ProductID: row.ProductID, Quantity: 1, Price: &price,
			Currency: currency}
	case "purchase":
		ev.EventType = events.TypeOrderCompleted
		ev.Payload = &events.OrderCompleted{OrderID: "rees46:" + ev.EventID, Currency: currency,
			Lines: []events.OrderLine{{LineNo: 1, ProductID: row.ProductID, Quantity: 1, UnitPrice: price}}}
	}
	return ev
}

// Occurrences numbers identical rows. Rows are time-sorted in the data set,
// so it only remembers the rows of the current second.
type Occurrences struct {
	second time.Time
	seen   map[string]int
}

// Number sets row.Occurrence to the number of identical rows before it.
func (o *Occurrences) Number(row *Row) {
	if !row.Time.Equal(o.second) || o.seen == nil {
		o.second, o.seen = row.Time, map[string]int{}
	}
	key := row.Key()
	row.Occurrence = o.seen[key]
	o.seen[key]++
}
