package warehouse

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestQuoteEscapes(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"85123A", `'85123A'`},
		{"BANK CHARGES", `'BANK CHARGES'`},
		{`it's`, `'it\'s'`},
		{`back\slash`, `'back\\slash'`},
		{"') OR 1 = 1 --", `'\') OR 1 = 1 --'`},
		{"line\nbreak\x00", `'line\x0abreak\x00'`},
		{"café", "'café'"},
		{"", "''"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, quote(tt.in), "quote(%q)", tt.in)
	}
}

func TestDateTimeLiteral(t *testing.T) {
	at := time.Date(2011, 12, 5, 9, 30, 15, 900_000_000, time.FixedZone("CET", 3600))

	assert.Equal(t, "toDateTime('2011-12-05 08:30:15', 'UTC')", dateTime(at))
}

func TestDayNumberUsesUTC(t *testing.T) {
	lateInNewYork := time.Date(2011, 12, 31, 22, 0, 0, 0, time.FixedZone("EST", -5*3600))

	assert.Equal(t, uint32(20120101), dayNumber(lateInNewYork))
}
