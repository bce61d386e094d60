package warehouse

import (
	"strconv"
	"strings"
	"time"
)

// quote returns s as a ClickHouse string literal. Backslash and quote are
// escaped with a backslash and every other byte below 0x20 as \xHH, so no
// input can end the literal early.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == '\'':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0x0f])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

const hexDigits = "0123456789abcdef"

// dateTime returns a DateTime('UTC') literal of t, truncated to the second.
func dateTime(t time.Time) string {
	return "toDateTime(" + quote(t.UTC().Format(time.DateTime)) + ", 'UTC')"
}

// dayNumber returns the UTC date of t as the number toYYYYMMDD returns.
func dayNumber(t time.Time) uint32 {
	y, m, d := t.UTC().Date()
	return uint32(y*10000 + int(m)*100 + d)
}

// uint returns the decimal literal of n.
func uintLiteral(n uint64) string { return strconv.FormatUint(n, 10) }
