// Package enrich turns decoded events into the rows of the events and
// order_lines tables: user agent classification, local time in the event's
// zone, session ids and the catalogue's category and fee flag.
package enrich

import (
	"errors"
	"fmt"

	"github.com/profilehub/platform/pkg/events"
)

// ErrInvalid marks an event that can never be stored, so its record goes to
// the dead-letter topic.
var ErrInvalid = errors.New("invalid event")

// Validate checks what enrichment relies on: an event id, a profile id, an
// event time, and a payload of the type that the event type names. An event
// type this version does not know is accepted with any payload.
func Validate(ev *events.Event) error {
	switch {
	case ev.EventID == "":
		return fmt.Errorf("%w: missing event_id", ErrInvalid)
	case ev.ProfileID == "":
		return fmt.Errorf("%w: event %s has no profile_id", ErrInvalid, ev.EventID)
	case ev.EventTime.IsZero():
		return fmt.Errorf("%w: event %s has no event_time", ErrInvalid, ev.EventID)
	}
	if !payloadMatches(ev.EventType, ev.Payload) {
		return fmt.Errorf("%w: event %s of type %q has a payload of type %T",
			ErrInvalid, ev.EventID, ev.EventType, ev.Payload)
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
