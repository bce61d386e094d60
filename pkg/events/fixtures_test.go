package events

import (
	"math/big"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/avro"
)

var (
	testTime     = time.Date(2026, 12, 4, 9, 30, 15, 123_000_000, time.UTC)
	testReceived = time.Date(2026, 12, 4, 9, 30, 16, 0, time.UTC)
)

// money parses s at exponent -4, the form in which Decode returns money,
// so that require.Equal can compare decoded values.
func money(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	require.NoError(t, err)
	return decimal.NewFromBigInt(d.Shift(4).BigInt(), -4)
}

func moneyPtr(t testing.TB, s string) *decimal.Decimal {
	d := money(t, s)
	return &d
}

func registry(t testing.TB) *avro.Registry {
	t.Helper()
	reg, err := avro.Default()
	require.NoError(t, err)
	return reg
}

// orderEvent returns an order_completed event with three lines.
func orderEvent(t testing.TB) *Event {
	return &Event{
		EventID:     "8f14e45f-ceea-467f-a0e6-3b5b0a6a4c2d",
		EventType:   TypeOrderCompleted,
		EventTime:   testTime,
		ReceivedAt:  testReceived,
		AnonymousID: "anon-17",
		UserID:      "12583",
		Source:      "import-online-retail",
		Context:     Context{Country: "France", Channel: "import", Timezone: "Europe/Paris"},
		Payload: &OrderCompleted{
			OrderID:  "536370",
			Currency: "GBP",
			Lines: []OrderLine{
				{LineNo: 1, ProductID: "22728", Description: "ALARM CLOCK BAKELIKE PINK", Quantity: 24, UnitPrice: money(t, "3.75")},
				{LineNo: 2, ProductID: "22727", Description: "ALARM CLOCK BAKELIKE RED", Quantity: 24, UnitPrice: money(t, "3.75")},
				{LineNo: 3, ProductID: "POST", Description: "POSTAGE", Quantity: 3, UnitPrice: money(t, "18"), IsFee: true},
			},
		},
	}
}

func mustRat(t testing.TB, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	require.True(t, ok, s)
	return r
}

func mustDecimal(t testing.TB, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	require.NoError(t, err)
	return d
}
