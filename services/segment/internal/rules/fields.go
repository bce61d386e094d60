package rules

import (
	"sort"

	"github.com/shopspring/decimal"
)

// kind is the type of a field and of the values a condition compares it to.
type kind int

const (
	kindInt kind = iota
	kindDecimal
	kindString
	kindIntList
	kindStringList
	kindBool
)

func (k kind) String() string {
	switch k {
	case kindInt:
		return "integer"
	case kindDecimal:
		return "decimal"
	case kindString:
		return "string"
	case kindIntList:
		return "list of integers"
	case kindBool:
		return "boolean"
	default:
		return "list of strings"
	}
}

// value is one field's value in a profile's Facts.
type value struct {
	null bool
	b    bool
	i    int64
	d    decimal.Decimal
	s    string
	is   []int64
	ss   []string
}

// field describes one name that conditions may test.
type field struct {
	kind     kind
	nullable bool
	// allowed, when set, lists every valid string value (an enumeration).
	allowed []string
	get     func(*Facts) value
}

func intValue(v int64) value { return value{i: v} }

func optionalInt(v *int64) value {
	if v == nil {
		return value{null: true}
	}
	return value{i: *v}
}

// fields are the names rule files may use, with their types.
var fields = map[string]field{
	"orders":                {kind: kindInt, get: func(f *Facts) value { return intValue(f.Orders) }},
	"cancellations":         {kind: kindInt, get: func(f *Facts) value { return intValue(f.Cancellations) }},
	"frequency":             {kind: kindInt, get: func(f *Facts) value { return intValue(f.Frequency) }},
	"distinct_products":     {kind: kindInt, get: func(f *Facts) value { return intValue(f.DistinctProducts) }},
	"product_views":         {kind: kindInt, get: func(f *Facts) value { return intValue(f.ProductViews) }},
	"days_since_last_event": {kind: kindInt, get: func(f *Facts) value { return intValue(f.DaysSinceLastEvent) }},
	"recency_days": {kind: kindInt, nullable: true,
		get: func(f *Facts) value { return optionalInt(f.RecencyDays) }},
	"days_since_first_order": {kind: kindInt, nullable: true,
		get: func(f *Facts) value { return optionalInt(f.DaysSinceFirstOrder) }},
	"rfm_recency": {kind: kindInt, nullable: true,
		get: func(f *Facts) value { return optionalInt(f.RFMRecency) }},
	"rfm_frequency": {kind: kindInt, nullable: true,
		get: func(f *Facts) value { return optionalInt(f.RFMFrequency) }},
	"rfm_monetary": {kind: kindInt, nullable: true,
		get: func(f *Facts) value { return optionalInt(f.RFMMonetary) }},
	"net_revenue":         {kind: kindDecimal, get: func(f *Facts) value { return value{d: f.NetRevenue} }},
	"average_order_value": {kind: kindDecimal, get: func(f *Facts) value { return value{d: f.AverageOrderValue} }},
	"engagement_level": {kind: kindString, allowed: []string{"none", "low", "medium", "high"},
		get: func(f *Facts) value { return value{s: f.EngagementLevel} }},
	"rfm_score":            {kind: kindString, get: func(f *Facts) value { return value{s: f.RFMScore} }},
	"model_version":        {kind: kindString, get: func(f *Facts) value { return value{s: f.ModelVersion} }},
	"favourite_products":   {kind: kindStringList, get: func(f *Facts) value { return value{ss: f.FavouriteProducts} }},
	"favourite_categories": {kind: kindStringList, get: func(f *Facts) value { return value{ss: f.FavouriteCategories} }},
	"usual_hours":          {kind: kindIntList, get: func(f *Facts) value { return value{is: f.UsualHours} }},
	"usual_days":           {kind: kindIntList, get: func(f *Facts) value { return value{is: f.UsualDays} }},
	"guest": {kind: kindBool, nullable: true, get: func(f *Facts) value {
		if f.Guest == nil {
			return value{null: true}
		}
		return value{b: *f.Guest}
	}},
}

// FieldNames returns the names of every field a rule may test, sorted.
func FieldNames() []string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
