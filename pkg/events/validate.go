package events

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/google/uuid"
)

// ErrInvalidEvent marks an event that Validate rejects.
var ErrInvalidEvent = errors.New("invalid event")

// payloadTypes maps each event type to the payload type it carries.
var payloadTypes = map[string]func(any) bool{
	TypeIdentify:        func(p any) bool { _, ok := p.(*Identify); return ok },
	TypeProductViewed:   func(p any) bool { _, ok := p.(*ProductViewed); return ok },
	TypeCartUpdated:     func(p any) bool { _, ok := p.(*CartUpdated); return ok },
	TypeOrderCompleted:  func(p any) bool { _, ok := p.(*OrderCompleted); return ok },
	TypeOrderCancelled:  func(p any) bool { _, ok := p.(*OrderCancelled); return ok },
	TypeReviewSubmitted: func(p any) bool { _, ok := p.(*ReviewSubmitted); return ok },
	TypeQuizCompleted:   func(p any) bool { _, ok := p.(*QuizCompleted); return ok },
	TypeContentViewed:   func(p any) bool { _, ok := p.(*ContentViewed); return ok },
	TypeFeatureUsed:     func(p any) bool { _, ok := p.(*FeatureUsed); return ok },
	TypeConsentUpdated:  func(p any) bool { _, ok := p.(*ConsentUpdated); return ok },
	TypeTrack:           func(p any) bool { _, ok := p.(*Track); return ok },
}

// payloadTypeNames names the payload type of each event type in messages.
var payloadTypeNames = map[string]string{
	TypeIdentify: "*events.Identify", TypeProductViewed: "*events.ProductViewed",
	TypeCartUpdated: "*events.CartUpdated", TypeOrderCompleted: "*events.OrderCompleted",
	TypeOrderCancelled: "*events.OrderCancelled", TypeReviewSubmitted: "*events.ReviewSubmitted",
	TypeQuizCompleted: "*events.QuizCompleted", TypeContentViewed: "*events.ContentViewed",
	TypeFeatureUsed: "*events.FeatureUsed", TypeConsentUpdated: "*events.ConsentUpdated",
	TypeTrack: "*events.Track",
}

// KnownType reports whether eventType is one of the Type constants.
func KnownType(eventType string) bool {
	_, ok := payloadTypes[eventType]
	return ok
}

// Validate checks the fields every consumer relies on: EventID is a UUID,
// EventType is known, EventTime is set, and Payload is a non-nil pointer of
// the type that EventType carries, because every event type has a payload
// record. The error wraps ErrInvalidEvent and names the first bad field.
func (e *Event) Validate() error {
	if e.EventID == "" {
		return fmt.Errorf("%w: event_id is missing", ErrInvalidEvent)
	}
	if _, err := uuid.Parse(e.EventID); err != nil {
		return fmt.Errorf("%w: event_id %q is not a UUID", ErrInvalidEvent, e.EventID)
	}
	matches, known := payloadTypes[e.EventType]
	if !known {
		return fmt.Errorf("%w: event %s: event_type %q is not a known event type", ErrInvalidEvent, e.EventID, e.EventType)
	}
	if e.EventTime.IsZero() {
		return fmt.Errorf("%w: event %s: event_time is missing", ErrInvalidEvent, e.EventID)
	}
	if isNilPayload(e.Payload) {
		return fmt.Errorf("%w: event %s: payload is missing, event_type %s needs a %s",
			ErrInvalidEvent, e.EventID, e.EventType, payloadTypeNames[e.EventType])
	}
	if !matches(e.Payload) {
		return fmt.Errorf("%w: event %s: payload is %T, event_type %s needs a %s",
			ErrInvalidEvent, e.EventID, e.Payload, e.EventType, payloadTypeNames[e.EventType])
	}
	return nil
}

func isNilPayload(p any) bool {
	if p == nil {
		return true
	}
	v := reflect.ValueOf(p)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
