// Package validate checks a decoded, normalized event before ingest resolves
// and forwards it. Every failure is permanent and carries a reject reason
// from a small fixed set, which is used as the dead-letter reason header and
// as a metric label.
package validate

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/profilehub/platform/pkg/events"
)

// Reject reasons. ReasonTooLarge, ReasonUndecodable and ReasonUnencodable
// are decided by the handler, the others by Check.
const (
	ReasonTooLarge          = "too_large"
	ReasonUndecodable       = "undecodable"
	ReasonUnencodable       = "unencodable"
	ReasonMissingField      = "missing_field"
	ReasonInvalidField      = "invalid_field"
	ReasonUnknownType       = "unknown_event_type"
	ReasonPayloadMismatch   = "payload_mismatch"
	ReasonMissingIdentifier = "missing_identifier"
	ReasonFutureEventTime   = "future_event_time"
	ReasonFutureReceivedAt  = "future_received_at"
	ReasonTooOld            = "too_old"
	// ReasonInvalid is used for a validation error without a reason of its
	// own.
	ReasonInvalid = "invalid"
)

// Error is a validation failure of one field.
type Error struct {
	Reason  string // one of the Reason constants
	Field   string // Avro field path, such as "payload.product_id"
	Message string
}

func (e *Error) Error() string { return e.Field + ": " + e.Message }

func fail(reason, field, format string, args ...any) *Error {
	return &Error{Reason: reason, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Rules are the configurable limits of Check.
type Rules struct {
	// MaxClockSkew is how far event_time may lie after received_at.
	MaxClockSkew time.Duration
	// ClampFuture sets a later event_time to received_at instead of
	// rejecting the event.
	ClampFuture bool
	// MaxEventAge is how far event_time may lie before received_at; zero
	// means no limit.
	MaxEventAge time.Duration
}

// Validator checks events against Rules.
type Validator struct {
	rules Rules
}

// New returns a Validator with rules.
func New(rules Rules) *Validator {
	return &Validator{rules: rules}
}

// Check validates ev, which must already be normalized, and returns a
// *Error for the first problem found. It also completes ev: a missing
// received_at becomes now, and with Rules.ClampFuture a future event_time
// becomes received_at, in which case clamped is true.
//
// received_at itself may lie at most MaxClockSkew after now, because it is
// the reference for the event_time checks.
func (v *Validator) Check(ev *events.Event, now time.Time) (clamped bool, err error) {
	if err := checkEnvelope(ev); err != nil {
		return false, err
	}
	clamped, err = v.checkTimes(ev, now)
	if err != nil {
		return false, err
	}
	if err := checkPayload(ev); err != nil {
		return false, err
	}
	return clamped, nil
}

// checkEnvelope checks the fields that every event type shares.
func checkEnvelope(ev *events.Event) error {
	if ev.EventID == "" {
		return fail(ReasonMissingField, "event_id", "missing")
	}
	if _, err := uuid.Parse(ev.EventID); err != nil {
		return fail(ReasonInvalidField, "event_id", "%q is not a UUID", ev.EventID)
	}
	if ev.EventType == "" {
		return fail(ReasonMissingField, "event_type", "missing")
	}
	if !knownType(ev.EventType) {
		return fail(ReasonUnknownType, "event_type", "unknown type %q", ev.EventType)
	}
	if ev.UserID == "" && ev.AnonymousID == "" {
		return fail(ReasonMissingIdentifier, "user_id", "missing, and anonymous_id is missing too")
	}
	return nil
}

// checkTimes fills a missing received_at and applies the clock-skew and age
// limits to event_time.
func (v *Validator) checkTimes(ev *events.Event, now time.Time) (bool, error) {
	if unset(ev.EventTime) {
		return false, fail(ReasonMissingField, "event_time", "missing")
	}
	if unset(ev.ReceivedAt) {
		ev.ReceivedAt = now
	}
	if limit := now.Add(v.rules.MaxClockSkew); ev.ReceivedAt.After(limit) {
		return false, fail(ReasonFutureReceivedAt, "received_at",
			"%s is more than ingest.max_clock_skew (%s) after the current time %s",
			ev.ReceivedAt.Format(time.RFC3339Nano), v.rules.MaxClockSkew, now.Format(time.RFC3339Nano))
	}

	clamped := false
	if limit := ev.ReceivedAt.Add(v.rules.MaxClockSkew); ev.EventTime.After(limit) {
		if !v.rules.ClampFuture {
			return false, fail(ReasonFutureEventTime, "event_time",
				"%s is more than ingest.max_clock_skew (%s) after received_at %s",
				ev.EventTime.Format(time.RFC3339Nano), v.rules.MaxClockSkew, ev.ReceivedAt.Format(time.RFC3339Nano))
		}
		ev.EventTime = ev.ReceivedAt
		clamped = true
	}

	if v.rules.MaxEventAge > 0 && ev.ReceivedAt.Sub(ev.EventTime) > v.rules.MaxEventAge {
		return false, fail(ReasonTooOld, "event_time",
			"%s is more than ingest.max_event_age (%s) before received_at %s",
			ev.EventTime.Format(time.RFC3339Nano), v.rules.MaxEventAge, ev.ReceivedAt.Format(time.RFC3339Nano))
	}
	return clamped, nil
}

// unset reports whether a timestamp is absent: the zero time.Time or the
// Unix epoch, which is what a producer's unset timestamp-millis decodes to.
func unset(t time.Time) bool {
	return t.IsZero() || t.UnixMilli() == 0
}
