package rules

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func int64p(v int64) *int64 { return &v }

func boolp(v bool) *bool { return &v }

// evalOne compiles a one-condition segment and evaluates it against f.
func evalOne(t *testing.T, cond string, f Facts) bool {
	t.Helper()
	rs, err := Parse([]byte(fmt.Sprintf("version: v\nsegments: [{name: s, all: [%s]}]", cond)))
	require.NoError(t, err, cond)
	return len(rs.Evaluate(&f)) == 1
}

func TestOperators(t *testing.T) {
	facts := Facts{
		Orders:              3,
		NetRevenue:          decimal.RequireFromString("250.5000"),
		RecencyDays:         int64p(45),
		EngagementLevel:     "medium",
		FavouriteCategories: []string{"candles", "kitchen"},
		UsualDays:           []int64{6, 7},
		Guest:               boolp(true),
	}
	tests := []struct {
		cond string
		want bool
	}{
		{"{field: orders, op: eq, value: 3}", true},
		{"{field: orders, op: eq, value: 4}", false},
		{"{field: orders, op: ne, value: 4}", true},
		{"{field: orders, op: ne, value: 3}", false},
		{"{field: orders, op: lt, value: 4}", true},
		{"{field: orders, op: lt, value: 3}", false},
		{"{field: orders, op: lte, value: 3}", true},
		{"{field: orders, op: lte, value: 2}", false},
		{"{field: orders, op: gt, value: 2}", true},
		{"{field: orders, op: gt, value: 3}", false},
		{"{field: orders, op: gte, value: 3}", true},
		{"{field: orders, op: gte, value: 4}", false},
		{"{field: orders, op: in, value: [1, 3]}", true},
		{"{field: orders, op: in, value: [1, 2]}", false},
		{"{field: orders, op: not_in, value: [1, 2]}", true},
		{"{field: orders, op: not_in, value: [3]}", false},
		{"{field: net_revenue, op: gt, value: 250.4999}", true},
		{"{field: net_revenue, op: gt, value: '250.5'}", false},
		{"{field: net_revenue, op: eq, value: 250.5}", true},
		{"{field: net_revenue, op: lte, value: 250.50}", true},
		{"{field: net_revenue, op: lt, value: -1}", false},
		{"{field: engagement_level, op: eq, value: medium}", true},
		{"{field: engagement_level, op: ne, value: medium}", false},
		{"{field: engagement_level, op: in, value: [medium, high]}", true},
		{"{field: engagement_level, op: not_in, value: [medium, high]}", false},
		{"{field: favourite_categories, op: contains, value: candles}", true},
		{"{field: favourite_categories, op: contains, value: toys}", false},
		{"{field: favourite_categories, op: contains_any, value: [toys, kitchen]}", true},
		{"{field: favourite_categories, op: contains_any, value: [toys]}", false},
		{"{field: favourite_categories, op: contains_none, value: [toys]}", true},
		{"{field: favourite_categories, op: contains_none, value: [toys, candles]}", false},
		{"{field: usual_days, op: contains, value: 7}", true},
		{"{field: usual_days, op: contains_any, value: [1, 2]}", false},
		{"{field: recency_days, op: not_null}", true},
		{"{field: recency_days, op: is_null}", false},
		{"{field: recency_days, op: lte, value: 90}", true},
		{"{field: guest, op: eq, value: true}", true},
		{"{field: guest, op: eq, value: false}", false},
		{"{field: guest, op: ne, value: false}", true},
		{"{field: guest, op: not_null}", true},
	}
	for _, tt := range tests {
		t.Run(tt.cond, func(t *testing.T) {
			assert.Equal(t, tt.want, evalOne(t, tt.cond, facts))
		})
	}
}

// A null field satisfies only is_null, so a profile without orders is in no
// recency-based segment, whichever way the comparison points.
func TestNullFields(t *testing.T) {
	facts := Facts{}
	for _, cond := range []string{
		"{field: recency_days, op: eq, value: 0}",
		"{field: recency_days, op: ne, value: 0}",
		"{field: recency_days, op: lt, value: 1000}",
		"{field: recency_days, op: gt, value: -1}",
		"{field: recency_days, op: in, value: [0]}",
		"{field: recency_days, op: not_in, value: [0]}",
		"{field: recency_days, op: not_null}",
		"{field: rfm_recency, op: gte, value: 1}",
		"{field: guest, op: eq, value: false}",
	} {
		assert.False(t, evalOne(t, cond, facts), cond)
	}
	assert.True(t, evalOne(t, "{field: recency_days, op: is_null}", facts))
}

func TestAllAndAny(t *testing.T) {
	rs, err := Parse([]byte(`
version: v
segments:
  - name: both
    all: [{field: orders, op: gt, value: 0}]
    any: [{field: frequency, op: gte, value: 5}, {field: engagement_level, op: eq, value: high}]
  - name: any_only
    any: [{field: frequency, op: gte, value: 5}, {field: engagement_level, op: eq, value: high}]
`))
	require.NoError(t, err)
	tests := []struct {
		name  string
		facts Facts
		want  []string
	}{
		{"nothing", Facts{}, []string{}},
		{"any without all", Facts{Frequency: 5}, []string{"any_only"}},
		{"all without any", Facts{Orders: 1}, []string{}},
		{"all and one any", Facts{Orders: 1, EngagementLevel: "high"}, []string{"any_only", "both"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, rs.Evaluate(&tt.facts))
		})
	}
}
