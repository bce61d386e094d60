package traits

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// RFMThresholds are the upper bounds of the first four fifths of recency,
// frequency and monetary value over every profile with an order. Recency is
// kept as the UTC day of the last order (days since 1970-01-01), so the
// thresholds stay valid while the reference time moves on.
type RFMThresholds struct {
	LastOrderDay [4]int64
	Frequency    [4]int64
	Monetary     [4]decimal.Decimal
}

// Score returns three digits from 1 to 5 for recency, frequency and
// monetary value, 5 being the most recent, most frequent and highest
// spending fifth. A profile without an order gets "": there is nothing to
// rank it by.
func (th *RFMThresholds) Score(t Traits) string {
	if t.Orders == 0 || t.LastOrderAt == nil {
		return ""
	}
	r := quintile(unixDay(*t.LastOrderAt), th.LastOrderDay[:], cmpInt)
	f := quintile(int64(t.Frequency), th.Frequency[:], cmpInt)
	m := quintile(t.NetRevenue, th.Monetary[:], decimal.Decimal.Cmp)
	return strconv.Itoa(r) + strconv.Itoa(f) + strconv.Itoa(m)
}

// quintile returns 1 plus the number of thresholds that v is above, so a
// value equal to a threshold stays in the lower fifth.
func quintile[T any](v T, thresholds []T, cmp func(a, b T) int) int {
	q := 1
	for _, th := range thresholds {
		if cmp(v, th) > 0 {
			q++
		}
	}
	return q
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	default:
		return 0
	}
}

func unixDay(t time.Time) int64 {
	return t.UTC().Unix() / 86400
}
