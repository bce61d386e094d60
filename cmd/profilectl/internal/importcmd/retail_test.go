package importcmd

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetailFilter(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)

	filter, err := retailFilter(retailOptions{limit: 5, from: "2011-06-01", to: "2011-06-30"}, london)
	require.NoError(t, err)
	assert.Equal(t, 5, filter.Limit)
	assert.Equal(t, time.Date(2011, 5, 31, 23, 0, 0, 0, time.UTC), filter.From.UTC(), "BST midnight")
	assert.Equal(t, time.Date(2011, 6, 30, 23, 0, 0, 0, time.UTC), filter.Until.UTC(), "--to is inclusive")

	for _, opts := range []retailOptions{
		{limit: -1},
		{from: "2011/06/01"},
		{to: "June"},
		{from: "2011-07-01", to: "2011-06-01"},
	} {
		_, err := retailFilter(opts, london)
		assert.Error(t, err, "%+v", opts)
	}
}
