package rules

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deployedRules is the rules file that the local configuration loads.
const deployedRules = "../../../../deploy/segment/rules.yaml"

func TestDeployedRules(t *testing.T) {
	rs, err := Load(deployedRules)
	require.NoError(t, err)
	names := make([]string, 0, len(rs.Segments))
	for _, s := range rs.Segments {
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"active", "engaged", "frequent", "guest", "high_value", "lapsed",
		"lapsing", "new", "scent_lovers"}, names)

	ref := time.Date(2011, 12, 9, 12, 0, 0, 0, time.UTC)
	daysAgo := func(d int) *time.Time { t := ref.AddDate(0, 0, -d); return &t }
	recency := func(d int32) *int32 { return &d }
	guest := true
	tests := []struct {
		name string
		in   TraitInput
		want []string
	}{
		{"no activity", TraitInput{AsOf: ref, ReferenceTime: ref, EngagementLevel: "none"}, []string{}},
		{
			name: "new scent buyer",
			in: TraitInput{ReferenceTime: ref, AsOf: ref, Orders: 1, Frequency: 1,
				NetRevenue: decimal.NewFromInt(40), FirstOrderAt: daysAgo(10), RecencyDays: recency(10),
				FavouriteCats: []string{"kitchen", "home fragrance"}, EngagementLevel: "low"},
			want: []string{"active", "new", "scent_lovers"},
		},
		{
			name: "lapsing big spender",
			in: TraitInput{ReferenceTime: ref, AsOf: ref, Orders: 12, Frequency: 9,
				NetRevenue: decimal.NewFromInt(5000), FirstOrderAt: daysAgo(300), RecencyDays: recency(120),
				EngagementLevel: "none"},
			want: []string{"frequent", "high_value", "lapsing"},
		},
		{
			name: "lapsed guest",
			in: TraitInput{ReferenceTime: ref, AsOf: ref, Orders: 1, Frequency: 1,
				FirstOrderAt: daysAgo(200), RecencyDays: recency(200), EngagementLevel: "medium",
				Guest: &guest},
			want: []string{"engaged", "guest", "lapsed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFacts(tt.in)
			assert.Equal(t, tt.want, rs.Evaluate(&f))
		})
	}
}
