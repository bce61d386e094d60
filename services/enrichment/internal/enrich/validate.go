// Package enrich turns decoded events into the rows of the events and
// order_lines tables: user agent classification, local time in the event's
// zone, session ids and the catalogue's category and fee flag.
package enrich

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/pkg/events"
)

// ErrInvalid marks an event that can never be stored, so its record goes to
// the dead-letter topic.
var ErrInvalid = errors.New("invalid event")

// Range of ClickHouse DateTime: unsigned 32-bit seconds since the Unix epoch.
var (
	minDateTime = time.Unix(0, 0)
	maxDateTime = time.Unix(1<<32-1, 0)
)

// maxAmount bounds the absolute amount of a line, so that it fits the
// Decimal(18, 4) column with room left for sums.
var maxAmount = decimal.New(1, 12)

// Validate checks what enrichment relies on: an event id, a profile id,
// times that ClickHouse DateTime can store, a payload of the type that the
// event type names and line amounts below 10^12. An event type this version
// does not know is accepted with any payload. Storing an event that fails
// these checks would fail on every retry, so such events are rejected.
func Validate(ev *events.Event) error {
	switch {
	case ev.EventID == "":
		return fmt.Errorf("%w: missing event_id", ErrInvalid)
	case ev.ProfileID == "":
		return fmt.Errorf("%w: event %s has no profile_id", ErrInvalid, ev.EventID)
	case !storable(ev.EventTime):
		return fmt.Errorf("%w: event %s has event_time %s outside 1970 to 2106",
			ErrInvalid, ev.EventID, ev.EventTime.Format(time.RFC3339))
	case !storable(ev.ReceivedAt):
		return fmt.Errorf("%w: event %s has received_at %s outside 1970 to 2106",
			ErrInvalid, ev.EventID, ev.ReceivedAt.Format(time.RFC3339))
	}
	if !payloadMatches(ev.EventType, ev.Payload) {
		return fmt.Errorf("%w: event %s of type %q has a payload of type %T",
			ErrInvalid, ev.EventID, ev.EventType, ev.Payload)
	}
	return validateLines(ev)
}

func storable(t time.Time) bool {
	return !t.Before(minDateTime) && !t.After(maxDateTime)
}

// validateLines checks that quantity * unit_price of every order line is
// below maxAmount in absolute value.
func validateLines(ev *events.Event) error {
	var lines []events.OrderLine
	switch p := ev.Payload.(type) {
	case *events.OrderCompleted:
		lines = p.Lines
	case *events.OrderCancelled:
		lines = p.Lines
	}
	for _, line := range lines {
		amount := decimal.NewFromInt32(line.Quantity).Mul(line.UnitPrice)
		if amount.Abs().GreaterThanOrEqual(maxAmount) {
			return fmt.Errorf("%w: event %s line %d has amount %s, at or above %s",
				ErrInvalid, ev.EventID, line.LineNo, amount, maxAmount)
		}
	}
	return nil
}

// payloadMatches reports whether payload has the type that eventType
// requires. Only the order, cart, view and review payloads are required,
// because the rows read their fields; the others may be null.
func payloadMatches(eventType string, payload any) bool {
	var ok bool
	switch eventType {
	case events.TypeProductViewed:
		_, ok = payload.(*events.ProductViewed)
	case events.TypeCartUpdated:
		_, ok = payload.(*events.CartUpdated)
	case events.TypeOrderCompleted:
		_, ok = payload.(*events.OrderCompleted)
	case events.TypeOrderCancelled:
		_, ok = payload.(*events.OrderCancelled)
	case events.TypeReviewSubmitted:
		_, ok = payload.(*events.ReviewSubmitted)
	default:
		ok = true
	}
	return ok
}
