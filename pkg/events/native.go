package events

import (
	"fmt"
	"math/big"
	"time"

	"github.com/shopspring/decimal"
)

// Union branch keys of goavro's native form.
const (
	branchString  = "string"
	branchInt     = "int"
	branchLong    = "long"
	branchTime    = "long.timestamp-millis"
	branchDecimal = "bytes.decimal"
)

// moneyScale and moneyLimit describe the schemas' decimal(18,4).
const moneyScale = 4

var (
	moneyDenominator = big.NewInt(10_000)
	moneyLimit       = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil) // unscaled values stay below
)

// moneyToRat converts d to the *big.Rat that goavro encodes, rejecting
// values that decimal(18,4) cannot hold exactly. goavro itself would drop
// the extra decimal places without an error.
func moneyToRat(d decimal.Decimal, field string) (*big.Rat, error) {
	if !d.Round(moneyScale).Equal(d) {
		return nil, fmt.Errorf("%s: %s has more than %d decimal places", field, d.String(), moneyScale)
	}
	unscaled := d.Shift(moneyScale).BigInt()
	if new(big.Int).Abs(unscaled).Cmp(moneyLimit) >= 0 {
		return nil, fmt.Errorf("%s: %s does not fit decimal(18,4), whose maximum is 99999999999999.9999",
			field, d.String())
	}
	return new(big.Rat).SetFrac(unscaled, moneyDenominator), nil
}

// moneyFromRat converts a decoded decimal back, with the same limits.
func moneyFromRat(r *big.Rat, field string) (decimal.Decimal, error) {
	unscaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(moneyDenominator))
	if !unscaled.IsInt() {
		return decimal.Decimal{}, fmt.Errorf("%s: %s has more than %d decimal places", field, r.String(), moneyScale)
	}
	if new(big.Int).Abs(unscaled.Num()).Cmp(moneyLimit) >= 0 {
		return decimal.Decimal{}, fmt.Errorf("%s: %s does not fit decimal(18,4)", field, r.FloatString(moneyScale))
	}
	return decimal.NewFromBigInt(unscaled.Num(), -moneyScale), nil
}

func optionalString(s string) any {
	if s == "" {
		return nil
	}
	return map[string]any{branchString: s}
}

func optionalTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return map[string]any{branchTime: t}
}

func optionalInt(p *int32) any {
	if p == nil {
		return nil
	}
	return map[string]any{branchInt: *p}
}

func optionalLong(p *int64) any {
	if p == nil {
		return nil
	}
	return map[string]any{branchLong: *p}
}

func optionalMoney(d *decimal.Decimal, field string) (any, error) {
	if d == nil {
		return nil, nil
	}
	r, err := moneyToRat(*d, field)
	if err != nil {
		return nil, err
	}
	return map[string]any{branchDecimal: r}, nil
}

func stringsNative(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

func intsNative(list []int32) []any {
	out := make([]any, len(list))
	for i, n := range list {
		out[i] = n
	}
	return out
}

func floatsNative(list []float32) []any {
	out := make([]any, len(list))
	for i, f := range list {
		out[i] = f
	}
	return out
}
