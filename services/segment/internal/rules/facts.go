// Package rules evaluates rule segments: named lists of typed conditions on
// a profile's traits, read from a YAML file and checked when it loads. A
// condition compares one known field with a constant; no expression or code
// from the file is ever run.
package rules

import (
	"time"

	"github.com/shopspring/decimal"
)

// Facts are the values rules test: a profile's traits plus values derived
// from them against the traits' reference time. A nil pointer is null.
type Facts struct {
	Orders              int64
	Cancellations       int64
	Frequency           int64
	DistinctProducts    int64
	ProductViews        int64
	NetRevenue          decimal.Decimal
	AverageOrderValue   decimal.Decimal
	RecencyDays         *int64
	DaysSinceFirstOrder *int64
	DaysSinceLastEvent  int64
	FavouriteProducts   []string
	FavouriteCategories []string
	UsualHours          []int64
	UsualDays           []int64
	EngagementLevel     string
	RFMScore            string
	RFMRecency          *int64
	RFMFrequency        *int64
	RFMMonetary         *int64
	ModelVersion        string
	// Guest is the guest flag of the traits: true when every event of the
	// profile is a guest one. Traits written before the flag existed decode
	// as false. Nil (null to the rules) only when the TraitInput left it
	// unset.
	Guest *bool
}

// TraitInput is the subset of a ProfileTraits record that Facts derive from.
type TraitInput struct {
	AsOf, ReferenceTime              time.Time
	Orders, Cancellations            int64
	DistinctProducts, ProductViews   int64
	Frequency                        int32
	NetRevenue, AverageOrderValue    decimal.Decimal
	FirstOrderAt                     *time.Time
	RecencyDays                      *int32
	FavouriteProducts, FavouriteCats []string
	UsualHours, UsualDays            []int32
	EngagementLevel, RFMScore        string
	ModelVersion                     string
	Guest                            *bool
}

// NewFacts derives Facts from traits. Day counts are whole days up to the
// reference time, never negative.
func NewFacts(in TraitInput) Facts {
	f := Facts{
		Orders:              in.Orders,
		Cancellations:       in.Cancellations,
		Frequency:           int64(in.Frequency),
		DistinctProducts:    in.DistinctProducts,
		ProductViews:        in.ProductViews,
		NetRevenue:          in.NetRevenue,
		AverageOrderValue:   in.AverageOrderValue,
		DaysSinceLastEvent:  wholeDays(in.AsOf, in.ReferenceTime),
		FavouriteProducts:   in.FavouriteProducts,
		FavouriteCategories: in.FavouriteCats,
		UsualHours:          widen(in.UsualHours),
		UsualDays:           widen(in.UsualDays),
		EngagementLevel:     in.EngagementLevel,
		RFMScore:            in.RFMScore,
		ModelVersion:        in.ModelVersion,
		Guest:               in.Guest,
	}
	if in.RecencyDays != nil {
		d := int64(*in.RecencyDays)
		f.RecencyDays = &d
	}
	if in.FirstOrderAt != nil {
		d := wholeDays(*in.FirstOrderAt, in.ReferenceTime)
		f.DaysSinceFirstOrder = &d
	}
	f.RFMRecency, f.RFMFrequency, f.RFMMonetary = splitRFM(in.RFMScore)
	return f
}

func wholeDays(from, to time.Time) int64 {
	d := to.Sub(from)
	if d < 0 {
		return 0
	}
	return int64(d / (24 * time.Hour))
}

func widen(v []int32) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}

// splitRFM returns the three digits of an RFM score such as "545", or nils
// when the score is not three digits from 1 to 5.
func splitRFM(score string) (r, f, m *int64) {
	if len(score) != 3 {
		return nil, nil, nil
	}
	digits := make([]*int64, 3)
	for i := range 3 {
		c := score[i]
		if c < '1' || c > '5' {
			return nil, nil, nil
		}
		d := int64(c - '0')
		digits[i] = &d
	}
	return digits[0], digits[1], digits[2]
}
