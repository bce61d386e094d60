package rees46

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/events"
)

func fields(line string) []string { return strings.Split(line, ",") }

func TestParseRowAndEvent(t *testing.T) {
	received := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		line     string
		wantType string
	}{
		{"2019-12-01 00:00:05 UTC,view,5848413,1487580007675986893,,freedecor,0.79,348405118,722ffea5", events.TypeProductViewed},
		{"2019-12-01 00:00:02 UTC,cart,4958,1487580009471148064,,runail,1.19,494077766,c99a50e8", events.TypeCartUpdated},
		{"2019-12-01 00:00:00 UTC,remove_from_cart,5712790,1487580005268456287,,f.o.x,6.27,576802932,51d85cb0", events.TypeCartUpdated},
		{"2019-12-01 00:01:52 UTC,purchase,5700046,1487580009286598681,,runail,0.40,576802932,51d85cb0", events.TypeOrderCompleted},
	}
	for _, tt := range tests {
		row, err := ParseRow(2, fields(tt.line))
		require.NoError(t, err, tt.line)
		ev := Event(row, "USD", received)
		assert.Equal(t, tt.wantType, ev.EventType, tt.line)
		assert.Equal(t, row.UserID, ev.UserID)
		assert.Equal(t, "UTC", ev.Context.Timezone)
		assert.Equal(t, row.UserSession, ev.Context.SessionID)
		assert.NoError(t, ev.Validate(), tt.line)
	}
}

func TestEventPayloads(t *testing.T) {
	received := time.Now()
	removed, err := ParseRow(2, fields("2019-12-01 00:00:00 UTC,remove_from_cart,5712790,1,,f.o.x,6.27,576802932,s1"))
	require.NoError(t, err)
	cart := Event(removed, "USD", received).Payload.(*events.CartUpdated)
	assert.Equal(t, events.CartActionRemoved, cart.Action)
	assert.Equal(t, int32(1), cart.Quantity)
	assert.True(t, decimal.RequireFromString("6.27").Equal(*cart.Price))

	purchase, err := ParseRow(3, fields("2019-12-01 00:01:52 UTC,purchase,5700046,1,,runail,0.40,576802932,s1"))
	require.NoError(t, err)
	ev := Event(purchase, "USD", received)
	order := ev.Payload.(*events.OrderCompleted)
	assert.Equal(t, "rees46:"+ev.EventID, order.OrderID)
	require.Len(t, order.Lines, 1)
	assert.Equal(t, "5700046", order.Lines[0].ProductID)
	assert.Equal(t, time.Date(2019, 12, 1, 0, 1, 52, 0, time.UTC), ev.EventTime)
}

func TestParseRowErrors(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{"2019-12-01 00:00:00,view,1,1,,b,1.0,2,s", "invalid event_time"},
		{"2019-12-01 00:00:00 UTC,click,1,1,,b,1.0,2,s", "invalid event_type"},
		{"2019-12-01 00:00:00 UTC,view,,1,,b,1.0,2,s", "missing product_id"},
		{"2019-12-01 00:00:00 UTC,view,1,1,,b,1.0,,s", "missing user_id"},
		{"2019-12-01 00:00:00 UTC,view,1,1,,b,cheap,2,s", "invalid price"},
		{"2019-12-01 00:00:00 UTC,view,1", "expected 9 fields"},
	}
	for _, tt := range tests {
		_, err := ParseRow(7, fields(tt.line))
		require.Error(t, err, tt.line)
		assert.Contains(t, err.Error(), tt.want)
		assert.Contains(t, err.Error(), "line 7")
	}
}

// A double click logs two identical rows; they are two events with two ids,
// and the ids are the same on every import.
func TestOccurrencesSeparateDuplicates(t *testing.T) {
	line := "2019-12-01 00:00:02 UTC,cart,4958,1,,runail,1.19,494077766,c99a50e8"
	ids := func() []string {
		var numbering Occurrences
		var out []string
		for range 2 {
			row, err := ParseRow(2, fields(line))
			require.NoError(t, err)
			numbering.Number(&row)
			out = append(out, Event(row, "USD", time.Now()).EventID)
		}
		return out
	}
	first, second := ids(), ids()
	assert.NotEqual(t, first[0], first[1])
	assert.Equal(t, first, second)
}
