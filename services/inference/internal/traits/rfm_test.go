package traits

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

func TestRFMScore(t *testing.T) {
	th := &RFMThresholds{
		LastOrderDay: [4]int64{unixDay(day("2011-03-01")), unixDay(day("2011-06-01")),
			unixDay(day("2011-09-01")), unixDay(day("2011-11-01"))},
		Frequency: [4]int64{1, 1, 2, 4},
		Monetary:  [4]decimal.Decimal{dec("100"), dec("250"), dec("500"), dec("1500")},
	}
	at := func(s string) *time.Time { d := day(s).Add(15 * time.Hour); return &d }
	tests := []struct {
		name string
		tr   Traits
		want string
	}{
		{"no orders", Traits{Orders: 0}, ""},
		{"cancellation only", Traits{Cancellations: 1, NetRevenue: dec("-5")}, ""},
		{
			name: "lowest everywhere",
			tr:   Traits{Orders: 1, LastOrderAt: at("2010-12-01"), Frequency: 1, NetRevenue: dec("-20")},
			want: "111",
		},
		{
			name: "equal to threshold stays lower",
			tr:   Traits{Orders: 2, LastOrderAt: at("2011-06-01"), Frequency: 2, NetRevenue: dec("250")},
			want: "232",
		},
		{
			name: "highest everywhere",
			tr:   Traits{Orders: 9, LastOrderAt: at("2011-12-09"), Frequency: 5, NetRevenue: dec("1500.0001")},
			want: "555",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, th.Score(tt.tr))
		})
	}
}

func TestComputeWithoutThresholds(t *testing.T) {
	got := Compute(Aggregates{
		Activity: Activity{LastEventAt: refTime, FirstOrderAt: refTime, LastOrderAt: refTime},
		Daily:    []DailyRow{{Day: day("2011-12-09"), Orders: 1, NetRevenue: dec("5")}},
	}, Inputs{ReferenceTime: refTime})
	assert.Equal(t, "", got.RFMScore)
}
