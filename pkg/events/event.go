// Package events contains the Go types of the platform's Avro schemas, their
// conversion to and from goavro's native form, and typed codecs built on
// pkg/avro.
//
// Optional strings are "" for null and optional times are the zero
// time.Time for null. Money is a decimal.Decimal that must fit the schemas'
// decimal(18,4), with at most 4 decimal places and 14 integer digits, and
// Decode returns it with exponent -4. Times are UTC with millisecond
// precision on the wire, and Encode drops anything finer.
package events

import "time"

// Event types, the values of Event.EventType.
const (
	TypeIdentify        = "identify"
	TypeProductViewed   = "product_viewed"
	TypeCartUpdated     = "cart_updated"
	TypeOrderCompleted  = "order_completed"
	TypeOrderCancelled  = "order_cancelled"
	TypeReviewSubmitted = "review_submitted"
	TypeQuizCompleted   = "quiz_completed"
	TypeContentViewed   = "content_viewed"
	TypeFeatureUsed     = "feature_used"
	TypeConsentUpdated  = "consent_updated"
	TypeTrack           = "track"
)

// EventSchema is the full name of the Avro schema of Event.
const EventSchema = "profilehub.events.Event"

// DefaultSource is the schema default of Event.Source, which Encode writes
// for an empty Source.
const DefaultSource = "unknown"

// Event is the envelope of every behavioural or explicit event
// (profilehub.events.Event).
type Event struct {
	EventID    string // UUID chosen by the producer
	EventType  string // one of the Type constants
	EventTime  time.Time
	ReceivedAt time.Time

	AnonymousID string // "" = null
	UserID      string // "" = null
	ProfileID   string // "" = null until ingest fills it
	Source      string // "" is written as DefaultSource

	Context Context

	// Payload is nil or the pointer type that matches EventType:
	// *Identify, *ProductViewed, *CartUpdated, *OrderCompleted,
	// *OrderCancelled, *ReviewSubmitted, *QuizCompleted, *ContentViewed,
	// *FeatureUsed, *ConsentUpdated or *Track.
	Payload any
}

// Context is the producer's context of an event. Every field is optional.
type Context struct {
	Locale    string
	Timezone  string
	Country   string
	UserAgent string
	Channel   string
	SessionID string
}
