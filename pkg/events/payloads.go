package events

import "github.com/shopspring/decimal"

// Identify contains explicit traits from sign-up, profile edits or an
// import. Strings are "" for null.
type Identify struct {
	Email               string
	Phone               string
	FirstName           string
	BirthYear           *int32
	Gender              string
	City                string
	Country             string
	Language            string
	Culture             string
	PreferredChannel    string // email, sms, push or none
	ContactFrequency    string // daily, weekly, monthly or never
	ExplicitPreferences []string
}

// ProductViewed is the payload of TypeProductViewed.
type ProductViewed struct {
	ProductID string
	Category  string
	Brand     string
	Price     *decimal.Decimal // nil = null
	Currency  string
}

// Cart actions, the symbols of the CartAction enum.
const (
	CartActionAdded   = "ADDED"
	CartActionRemoved = "REMOVED"
)

// CartUpdated is the payload of TypeCartUpdated.
type CartUpdated struct {
	Action    string // CartActionAdded or CartActionRemoved
	ProductID string
	Quantity  int32
	Price     *decimal.Decimal // nil = null
	Currency  string
}

// OrderLine is one line of an order or of a cancellation.
type OrderLine struct {
	LineNo      int32
	ProductID   string
	Description string
	Quantity    int32 // negative on the lines of a cancellation or refund
	UnitPrice   decimal.Decimal
	IsFee       bool // postage, bank charges and other lines that are not a product
}

// OrderCompleted is the payload of TypeOrderCompleted.
type OrderCompleted struct {
	OrderID  string
	Currency string
	Guest    bool // a checkout without an account
	Lines    []OrderLine
}

// OrderCancelled is the payload of TypeOrderCancelled: a cancellation or
// refund with the lines it takes back.
type OrderCancelled struct {
	OrderID         string
	OriginalOrderID string
	Currency        string
	Reason          string
	Lines           []OrderLine
}

// ReviewSubmitted is the payload of TypeReviewSubmitted.
type ReviewSubmitted struct {
	ProductID string
	Rating    int32 // 1 to 5
	Title     string
	Text      string
}

// QuizCompleted is the payload of TypeQuizCompleted.
type QuizCompleted struct {
	QuizID            string
	PersonalityType   string // such as INFJ or 4w5
	PersonalitySystem string // mbti or enneagram
	Values            []string
	Lifestyle         []string
	ScentPreferences  []string
}

// ContentViewed is the payload of TypeContentViewed.
type ContentViewed struct {
	ContentID   string
	ContentType string
	Topics      []string
	DurationMS  *int64 // nil = null
}

// FeatureUsed is the payload of TypeFeatureUsed.
type FeatureUsed struct {
	Feature string
	Action  string
}

// ConsentUpdated is the payload of TypeConsentUpdated.
type ConsentUpdated struct {
	Purpose       string // analytics, personalisation, marketing or sharing
	Granted       bool
	PolicyVersion string
}

// Track is the payload of TypeTrack: any other event, with string
// properties.
type Track struct {
	Name       string
	Properties map[string]string
}
