package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseValid(t *testing.T) {
	rs, err := Parse([]byte(`
version: "v7"
segments:
  - name: zeta
    all: [{field: orders, op: gt, value: 0}]
  - name: alpha
    description: Either condition.
    any:
      - {field: engagement_level, op: in, value: [medium, high]}
      - {field: recency_days, op: is_null}
`))
	require.NoError(t, err)
	assert.Equal(t, "v7", rs.Version)
	require.Len(t, rs.Segments, 2)
	assert.Equal(t, "alpha", rs.Segments[0].Name, "segments sorted by name")
	assert.Equal(t, "Either condition.", rs.Segments[0].Description)
	assert.Len(t, rs.Segments[0].any, 2)
	assert.Len(t, rs.Segments[1].all, 1)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"empty file", ``, []string{"file is empty"}},
		{"not yaml", `version: [`, []string{"decoding yaml"}},
		{"unknown key", "version: v\nsegmnts: []", []string{"decoding yaml", "segmnts"}},
		{"missing version", "segments: [{name: a, all: [{field: orders, op: gt, value: 1}]}]",
			[]string{"version: must be set"}},
		{"no segments", "version: v", []string{"segments: must list at least one segment"}},
		{"bad name", "version: v\nsegments: [{name: High-Value, all: [{field: orders, op: gt, value: 1}]}]",
			[]string{`segment "High-Value": name must be`}},
		{"missing name", "version: v\nsegments: [{all: [{field: orders, op: gt, value: 1}]}]",
			[]string{"segment 1: name must be"}},
		{"duplicate name", `version: v
segments:
  - {name: a, all: [{field: orders, op: gt, value: 1}]}
  - {name: a, all: [{field: orders, op: gt, value: 2}]}`,
			[]string{`segment "a": name is used by an earlier segment`}},
		{"no conditions", "version: v\nsegments: [{name: a}]",
			[]string{`segment "a": must have at least one condition`}},
		{"unknown field", "version: v\nsegments: [{name: a, all: [{field: revenue, op: gt, value: 1}]}]",
			[]string{`segment "a": all[1]: field "revenue": unknown field, expected one of`, "net_revenue"}},
		{"missing field", "version: v\nsegments: [{name: a, any: [{op: gt, value: 1}]}]",
			[]string{`segment "a": any[1]: field: must be set`}},
		{"operator for wrong kind", "version: v\nsegments: [{name: a, all: [{field: net_revenue, op: in, value: [1]}]}]",
			[]string{`field "net_revenue": operator "in" is not valid for this decimal field`}},
		{"unknown operator", "version: v\nsegments: [{name: a, all: [{field: orders, op: '>', value: 1}]}]",
			[]string{`field "orders": operator ">" is not valid for this integer field`}},
		{"null check on required field", "version: v\nsegments: [{name: a, all: [{field: orders, op: is_null}]}]",
			[]string{`field "orders": operator "is_null" is not valid`}},
		{"not an integer", "version: v\nsegments: [{name: a, all: [{field: orders, op: gt, value: 1.5}]}]",
			[]string{`field "orders": operator "gt": value "1.5" is not an integer`}},
		{"not a decimal", "version: v\nsegments: [{name: a, all: [{field: net_revenue, op: gt, value: lots}]}]",
			[]string{`field "net_revenue": operator "gt": value "lots" is not a decimal number`}},
		{"list for scalar operator", "version: v\nsegments: [{name: a, all: [{field: orders, op: eq, value: [1]}]}]",
			[]string{`operator "eq": value must be a single value`}},
		{"scalar for list operator", "version: v\nsegments: [{name: a, all: [{field: orders, op: in, value: 1}]}]",
			[]string{`operator "in": value must be a non-empty list`}},
		{"empty list", "version: v\nsegments: [{name: a, all: [{field: orders, op: in, value: []}]}]",
			[]string{`operator "in": value must be a non-empty list`}},
		{"missing value", "version: v\nsegments: [{name: a, all: [{field: orders, op: gt}]}]",
			[]string{`operator "gt": value must be a single value`}},
		{"value on null check", "version: v\nsegments: [{name: a, all: [{field: recency_days, op: is_null, value: 1}]}]",
			[]string{`field "recency_days": operator "is_null": takes no value`}},
		{"enum value", "version: v\nsegments: [{name: a, all: [{field: engagement_level, op: eq, value: huge}]}]",
			[]string{`value "huge" is not one of none, low, medium, high`}},
		{"null in list", "version: v\nsegments: [{name: a, all: [{field: usual_days, op: contains_any, value: [1, null]}]}]",
			[]string{`value 2 must be a single value`}},
		{"not a boolean", "version: v\nsegments: [{name: a, all: [{field: guest, op: eq, value: 'yes'}]}]",
			[]string{`field "guest": operator "eq": value "yes" is not true or false`}},
		{"every error listed", `version: v
segments:
  - {name: a, all: [{field: nope, op: gt, value: 1}], any: [{field: orders, op: gt, value: x}]}
  - {name: b, all: [{field: orders, op: like, value: 1}]}`,
			[]string{`segment "a": all[1]: field "nope"`, `segment "a": any[1]: field "orders"`,
				`segment "b": all[1]: field "orders": operator "like"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			require.Error(t, err)
			for _, w := range tt.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}
