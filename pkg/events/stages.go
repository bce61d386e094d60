package events

import (
	"time"

	"github.com/shopspring/decimal"
)

// Full names of the Avro schemas of the stage types.
const (
	ProfileActivitySchema   = "profilehub.stages.ProfileActivity"
	ProfileTraitsSchema     = "profilehub.stages.ProfileTraits"
	PreferenceVectorSchema  = "profilehub.stages.PreferenceVector"
	SegmentMembershipSchema = "profilehub.stages.SegmentMembership"
	ProfileSchema           = "profilehub.profiles.Profile"
)

// ProfileActivity is the notice that a profile has new behavioural data up
// to AsOf.
type ProfileActivity struct {
	ProfileID  string
	AsOf       time.Time
	Events     int32
	EventTypes []string
}

// ProfileTraits contains the behavioural traits that inference derives for
// one profile.
type ProfileTraits struct {
	ProfileID           string
	ModelVersion        string
	AsOf                time.Time
	ReferenceTime       time.Time
	Orders              int64
	Cancellations       int64
	NetRevenue          decimal.Decimal
	AverageOrderValue   decimal.Decimal
	FirstOrderAt        time.Time // zero = null
	LastOrderAt         time.Time // zero = null
	RecencyDays         *int32    // nil = null
	Frequency           int32
	DistinctProducts    int64
	ProductViews        int64
	FavouriteProducts   []string
	FavouriteCategories []string
	UsualHours          []int32 // local hours 0-23, busiest first
	UsualDays           []int32 // ISO days 1-7, busiest first
	EngagementLevel     string  // none, low, medium or high
	RFMScore            string
	Guest               bool // every event of the profile is a guest one
	// ComputedAt is the wall-clock time of the computation; zero is null.
	// It orders two computations with one AsOf and one ReferenceTime.
	ComputedAt time.Time
}

// PreferenceVector is a profile's vector over the features of VectorSpace.
type PreferenceVector struct {
	ProfileID      string
	VectorSpace    string
	AsOf           time.Time
	Values         []float32
	TopFeatures    []string
	EvidenceEvents int64
}

// SegmentMembership is a profile's full set of rule segments after a change.
type SegmentMembership struct {
	ProfileID    string
	RulesVersion string
	AsOf         time.Time
	Segments     []string
	Joined       []string
	Left         []string
	// ReferenceTime of the traits the segments were evaluated from; zero
	// is null. It orders two memberships with one AsOf.
	ReferenceTime time.Time
	// TraitsComputedAt is the ComputedAt of those traits; zero is null.
	TraitsComputedAt time.Time
}

// Profile is the core profile of the compacted profiles topic.
type Profile struct {
	ProfileID           string
	Version             int64
	UpdatedAt           time.Time
	UserIDHash          string // "" = null
	Demographics        Demographics
	Communication       Communication
	Consent             map[string]bool
	ExplicitPreferences []string
	Psychographics      Psychographics
	Behaviour           *ProfileTraits    // nil = null
	PreferenceVector    *PreferenceVector // nil = null
	Segments            []string
}

// Demographics is a section of Profile. Strings are "" for null.
type Demographics struct {
	BirthYear *int32
	Gender    string
	Country   string
	Language  string
	Culture   string
	Timezone  string
}

// Communication is a section of Profile.
type Communication struct {
	PreferredChannel string
	ContactFrequency string
	HasEmail         bool
	HasPhone         bool
}

// Psychographics is a section of Profile.
type Psychographics struct {
	PersonalityType   string
	PersonalitySystem string
	Values            []string
	Lifestyle         []string
	ScentPreferences  []string
}
