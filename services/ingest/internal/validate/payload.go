package validate

import (
	"fmt"

	"github.com/profilehub/platform/pkg/events"
)

// knownType reports whether t is one of the event types of the Event schema.
func knownType(t string) bool {
	switch t {
	case events.TypeIdentify, events.TypeProductViewed, events.TypeCartUpdated,
		events.TypeOrderCompleted, events.TypeOrderCancelled, events.TypeReviewSubmitted,
		events.TypeQuizCompleted, events.TypeContentViewed, events.TypeFeatureUsed,
		events.TypeConsentUpdated, events.TypeTrack:
		return true
	}
	return false
}

// payloadType returns the event type that a payload record belongs to, or
// "" for a nil or unknown payload.
func payloadType(payload any) string {
	switch payload.(type) {
	case *events.Identify:
		return events.TypeIdentify
	case *events.ProductViewed:
		return events.TypeProductViewed
	case *events.CartUpdated:
		return events.TypeCartUpdated
	case *events.OrderCompleted:
		return events.TypeOrderCompleted
	case *events.OrderCancelled:
		return events.TypeOrderCancelled
	case *events.ReviewSubmitted:
		return events.TypeReviewSubmitted
	case *events.QuizCompleted:
		return events.TypeQuizCompleted
	case *events.ContentViewed:
		return events.TypeContentViewed
	case *events.FeatureUsed:
		return events.TypeFeatureUsed
	case *events.ConsentUpdated:
		return events.TypeConsentUpdated
	case *events.Track:
		return events.TypeTrack
	}
	return ""
}

// checkPayload checks that the payload record matches event_type and that
// its required strings are not empty after normalization. Every event type,
// identify included, needs its payload record, as events.Event.Validate
// requires too.
func checkPayload(ev *events.Event) error {
	if ev.Payload == nil {
		return fail(ReasonPayloadMismatch, "payload", "missing for event type %q", ev.EventType)
	}
	if got := payloadType(ev.Payload); got != ev.EventType {
		return fail(ReasonPayloadMismatch, "payload", "record %T does not match event type %q",
			ev.Payload, ev.EventType)
	}

	switch p := ev.Payload.(type) {
	case *events.ProductViewed:
		return required("payload.product_id", p.ProductID)
	case *events.CartUpdated:
		return checkCart(p)
	case *events.OrderCompleted:
		return checkOrder(p.OrderID, p.Currency, p.Lines)
	case *events.OrderCancelled:
		return checkOrder(p.OrderID, p.Currency, p.Lines)
	case *events.ReviewSubmitted:
		return checkReview(p)
	case *events.QuizCompleted:
		return required("payload.quiz_id", p.QuizID)
	case *events.ContentViewed:
		return required("payload.content_id", p.ContentID)
	case *events.FeatureUsed:
		return required("payload.feature", p.Feature)
	case *events.ConsentUpdated:
		return required("payload.purpose", p.Purpose)
	case *events.Track:
		return required("payload.name", p.Name)
	}
	return nil
}

func checkOrder(orderID, currency string, lines []events.OrderLine) error {
	if err := required("payload.order_id", orderID); err != nil {
		return err
	}
	if err := required("payload.currency", currency); err != nil {
		return err
	}
	for i, line := range lines {
		if err := required(fmt.Sprintf("payload.lines[%d].product_id", i), line.ProductID); err != nil {
			return err
		}
	}
	return nil
}

// checkCart checks the product and that the action is a CartAction symbol,
// which the encoder of the resolved event requires.
func checkCart(p *events.CartUpdated) error {
	if err := required("payload.product_id", p.ProductID); err != nil {
		return err
	}
	if p.Action != events.CartActionAdded && p.Action != events.CartActionRemoved {
		return fail(ReasonInvalidField, "payload.action", "%q is not %s or %s",
			p.Action, events.CartActionAdded, events.CartActionRemoved)
	}
	return nil
}

// checkReview checks the product and the rating, which the schema defines
// as 1 to 5.
func checkReview(p *events.ReviewSubmitted) error {
	if err := required("payload.product_id", p.ProductID); err != nil {
		return err
	}
	if p.Rating < 1 || p.Rating > 5 {
		return fail(ReasonInvalidField, "payload.rating", "%d is outside 1 to 5", p.Rating)
	}
	return nil
}

func required(field, value string) error {
	if value == "" {
		return fail(ReasonMissingField, field, "missing or empty")
	}
	return nil
}
