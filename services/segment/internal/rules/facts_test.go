package rules

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewFacts(t *testing.T) {
	ref := time.Date(2011, 12, 9, 12, 0, 0, 0, time.UTC)
	first := ref.Add(-30*24*time.Hour - time.Hour)
	recency := int32(3)
	f := NewFacts(TraitInput{
		AsOf:          ref.Add(-49 * time.Hour),
		ReferenceTime: ref,
		FirstOrderAt:  &first,
		RecencyDays:   &recency,
		UsualHours:    []int32{9, 20},
		RFMScore:      "415",
	})
	assert.Equal(t, int64(2), f.DaysSinceLastEvent)
	require.NotNil(t, f.DaysSinceFirstOrder)
	assert.Equal(t, int64(30), *f.DaysSinceFirstOrder)
	require.NotNil(t, f.RecencyDays)
	assert.Equal(t, int64(3), *f.RecencyDays)
	assert.Equal(t, []int64{9, 20}, f.UsualHours)
	require.NotNil(t, f.RFMRecency)
	assert.Equal(t, int64(4), *f.RFMRecency)
	assert.Equal(t, int64(1), *f.RFMFrequency)
	assert.Equal(t, int64(5), *f.RFMMonetary)
}

func TestSplitRFM(t *testing.T) {
	for _, bad := range []string{"", "55", "5555", "505", "5a5", "655"} {
		r, f, m := splitRFM(bad)
		assert.Nil(t, r, bad)
		assert.Nil(t, f, bad)
		assert.Nil(t, m, bad)
	}
}
