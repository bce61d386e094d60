// Package profile holds the projector's core profile and the rules that
// merge updates into it.
//
// A profile is made of sections. Each section stores its content and the
// event time (as_of) of the update that set it, so updates are ordered by
// event time and not by arrival. An update older than the section is
// ignored, a replay changes nothing, and every applied update raises the
// profile version by one.
package profile

import (
	"time"
)

// Profile is the projector's state of one profile, as stored in the
// profiles table.
type Profile struct {
	ProfileID string
	// Version counts the changes applied to the profile.
	Version int64
	// PublishedVersion is the latest version acknowledged on the profiles
	// topic.
	PublishedVersion int64
	// UpdatedAt is the latest event time of any applied change.
	UpdatedAt time.Time
	// UserIDHash is the keyed hash of the product's user id, or "".
	UserIDHash string

	Explicit         Section[Explicit]
	Demographics     Section[Demographics]
	Communication    Section[Communication]
	Consent          Consent
	Psychographics   Section[Psychographics]
	Behaviour        Section[Behaviour]
	PreferenceVector Section[PreferenceVector]
	Segments         Section[Segments]
}

// Section is one independently ordered part of a profile. Value is nil
// until an update sets it.
type Section[T any] struct {
	Value *T
	AsOf  time.Time
}

// Explicit holds the preferences a person stated themselves.
type Explicit struct {
	Preferences []string `json:"explicit_preferences,omitempty"`
}

// Demographics holds the identify traits that describe the person. City
// is stored in Postgres only, because the profiles topic has no field for
// this quasi-identifier.
type Demographics struct {
	BirthYear *int32  `json:"birth_year,omitempty"`
	Gender    *string `json:"gender,omitempty"`
	City      *string `json:"city,omitempty"`
	Country   *string `json:"country,omitempty"`
	Language  *string `json:"language,omitempty"`
	Culture   *string `json:"culture,omitempty"`
	Timezone  *string `json:"timezone,omitempty"`
}

// Communication holds contact preferences and contact data. Email, Phone
// and FirstName are personal data: the store keeps them in their own
// columns and they never leave Postgres.
type Communication struct {
	PreferredChannel *string `json:"preferred_channel,omitempty"`
	ContactFrequency *string `json:"contact_frequency,omitempty"`
	Email            *string `json:"-"`
	Phone            *string `json:"-"`
	FirstName        *string `json:"-"`
}

// Psychographics holds the result of the latest completed quiz.
type Psychographics struct {
	PersonalityType   *string  `json:"personality_type,omitempty"`
	PersonalitySystem *string  `json:"personality_system,omitempty"`
	Values            []string `json:"values,omitempty"`
	Lifestyle         []string `json:"lifestyle,omitempty"`
	ScentPreferences  []string `json:"scent_preferences,omitempty"`
}

// Behaviour holds the inferred behavioural traits. Money amounts are
// decimal strings with four fractional digits, so they survive JSON
// without rounding.
type Behaviour struct {
	ModelVersion        string     `json:"model_version"`
	AsOf                time.Time  `json:"as_of"`
	ReferenceTime       time.Time  `json:"reference_time"`
	Orders              int64      `json:"orders"`
	Cancellations       int64      `json:"cancellations"`
	NetRevenue          string     `json:"net_revenue"`
	AverageOrderValue   string     `json:"average_order_value"`
	FirstOrderAt        *time.Time `json:"first_order_at,omitempty"`
	LastOrderAt         *time.Time `json:"last_order_at,omitempty"`
	RecencyDays         *int32     `json:"recency_days,omitempty"`
	Frequency           int32      `json:"frequency"`
	DistinctProducts    int64      `json:"distinct_products"`
	ProductViews        int64      `json:"product_views"`
	FavouriteProducts   []string   `json:"favourite_products,omitempty"`
	FavouriteCategories []string   `json:"favourite_categories,omitempty"`
	UsualHours          []int32    `json:"usual_hours,omitempty"`
	UsualDays           []int32    `json:"usual_days,omitempty"`
	EngagementLevel     string     `json:"engagement_level"`
	RFMScore            string     `json:"rfm_score,omitempty"`
	// Guest is true when every event of the profile is a guest one. JSON
	// stored before the field existed decodes as false.
	Guest bool `json:"guest"`
	// ComputedAt is when inference computed the traits. It orders two
	// records with one as_of and reference time and is not content: a
	// recomputation with equal traits changes nothing.
	ComputedAt *time.Time `json:"computed_at,omitempty"`
}

// PreferenceVector is the profile's latest preference vector.
type PreferenceVector struct {
	VectorSpace    string    `json:"vector_space"`
	AsOf           time.Time `json:"as_of"`
	Values         []float32 `json:"values,omitempty"`
	TopFeatures    []string  `json:"top_features,omitempty"`
	EvidenceEvents int64     `json:"evidence_events"`
}

// Segments holds the profile's current rule segments.
type Segments struct {
	RulesVersion string   `json:"rules_version"`
	Segments     []string `json:"segments,omitempty"`
	// ReferenceTime of the traits the segments were evaluated from; nil
	// when the segment service did not send one.
	ReferenceTime *time.Time `json:"reference_time,omitempty"`
	// TraitsComputedAt is the computed_at of those traits. Like
	// Behaviour.ComputedAt it orders records and is not content.
	TraitsComputedAt *time.Time `json:"traits_computed_at,omitempty"`
}

// Consent is the granted state per purpose (analytics, personalisation,
// marketing, sharing), each ordered by its own event time.
type Consent map[string]ConsentEntry

// ConsentEntry is the latest consent decision for one purpose.
type ConsentEntry struct {
	Granted       bool      `json:"granted"`
	PolicyVersion string    `json:"policy_version,omitempty"`
	AsOf          time.Time `json:"as_of"`
}

// AsOf returns the event time of the latest consent decision.
func (c Consent) AsOf() time.Time {
	var latest time.Time
	for _, e := range c {
		if e.AsOf.After(latest) {
			latest = e.AsOf
		}
	}
	return latest
}
