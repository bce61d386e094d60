package events

import (
	"fmt"
	"math/big"
	"time"

	"github.com/shopspring/decimal"
)

// nativeReader reads fields of goavro native records and keeps the first
// error, so that conversions read every field and check once at the end.
type nativeReader struct {
	err error
}

func (r *nativeReader) fail(key, expected string, v any) {
	if r.err == nil {
		r.err = fmt.Errorf("field %s: expected %s, got %T", key, expected, v)
	}
}

func (r *nativeReader) record(m map[string]any, key string) map[string]any {
	v, ok := m[key].(map[string]any)
	if !ok {
		r.fail(key, "a record", m[key])
	}
	return v
}

func (r *nativeReader) str(m map[string]any, key string) string {
	return r.strValue(key, m[key])
}

func (r *nativeReader) strValue(key string, value any) string {
	v, ok := value.(string)
	if !ok {
		r.fail(key, "a string", value)
	}
	return v
}

func (r *nativeReader) boolean(m map[string]any, key string) bool {
	return r.booleanValue(key, m[key])
}

func (r *nativeReader) booleanValue(key string, value any) bool {
	v, ok := value.(bool)
	if !ok {
		r.fail(key, "a boolean", value)
	}
	return v
}

func (r *nativeReader) int32(m map[string]any, key string) int32 {
	return r.int32Value(key, m[key])
}

func (r *nativeReader) int32Value(key string, value any) int32 {
	v, ok := value.(int32)
	if !ok {
		r.fail(key, "an int", value)
	}
	return v
}

func (r *nativeReader) int64(m map[string]any, key string) int64 {
	return r.int64Value(key, m[key])
}

func (r *nativeReader) int64Value(key string, value any) int64 {
	v, ok := value.(int64)
	if !ok {
		r.fail(key, "a long", value)
	}
	return v
}

func (r *nativeReader) time(m map[string]any, key string) time.Time {
	return r.timeValue(key, m[key])
}

func (r *nativeReader) timeValue(key string, value any) time.Time {
	v, ok := value.(time.Time)
	if !ok {
		r.fail(key, "a timestamp", value)
	}
	return v.UTC()
}

func (r *nativeReader) money(m map[string]any, key string) decimal.Decimal {
	return r.moneyValue(key, m[key])
}

func (r *nativeReader) moneyValue(key string, value any) decimal.Decimal {
	v, ok := value.(*big.Rat)
	if !ok {
		r.fail(key, "a decimal", value)
		return decimal.Decimal{}
	}
	d, err := moneyFromRat(v, key)
	if err != nil && r.err == nil {
		r.err = err
	}
	return d
}

// branch returns the value of a ["null", T] union, or nil for null.
func (r *nativeReader) branch(m map[string]any, key, branchKey string) any {
	v := m[key]
	if v == nil {
		return nil
	}
	u, ok := v.(map[string]any)
	if !ok {
		r.fail(key, "a union", v)
		return nil
	}
	inner, ok := u[branchKey]
	if !ok || len(u) != 1 {
		r.fail(key, "union branch "+branchKey, v)
		return nil
	}
	return inner
}

func (r *nativeReader) optionalString(m map[string]any, key string) string {
	v := r.branch(m, key, branchString)
	if v == nil {
		return ""
	}
	return r.strValue(key, v)
}

func (r *nativeReader) optionalTime(m map[string]any, key string) time.Time {
	v := r.branch(m, key, branchTime)
	if v == nil {
		return time.Time{}
	}
	return r.timeValue(key, v)
}

func (r *nativeReader) optionalInt(m map[string]any, key string) *int32 {
	v := r.branch(m, key, branchInt)
	if v == nil {
		return nil
	}
	n := r.int32Value(key, v)
	return &n
}

func (r *nativeReader) optionalLong(m map[string]any, key string) *int64 {
	v := r.branch(m, key, branchLong)
	if v == nil {
		return nil
	}
	n := r.int64Value(key, v)
	return &n
}

func (r *nativeReader) optionalMoney(m map[string]any, key string) *decimal.Decimal {
	v := r.branch(m, key, branchDecimal)
	if v == nil {
		return nil
	}
	d := r.moneyValue(key, v)
	return &d
}

func (r *nativeReader) list(m map[string]any, key string) []any {
	v, ok := m[key].([]any)
	if !ok {
		r.fail(key, "an array", m[key])
	}
	return v
}

// strings returns nil for an empty array.
func (r *nativeReader) strings(m map[string]any, key string) []string {
	items := r.list(m, key)
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, item := range items {
		s, ok := item.(string)
		if !ok {
			r.fail(key, "an array of strings", item)
		}
		out[i] = s
	}
	return out
}

func (r *nativeReader) ints(m map[string]any, key string) []int32 {
	items := r.list(m, key)
	if len(items) == 0 {
		return nil
	}
	out := make([]int32, len(items))
	for i, item := range items {
		n, ok := item.(int32)
		if !ok {
			r.fail(key, "an array of ints", item)
		}
		out[i] = n
	}
	return out
}

func (r *nativeReader) floats(m map[string]any, key string) []float32 {
	items := r.list(m, key)
	if len(items) == 0 {
		return nil
	}
	out := make([]float32, len(items))
	for i, item := range items {
		f, ok := item.(float32)
		if !ok {
			r.fail(key, "an array of floats", item)
		}
		out[i] = f
	}
	return out
}
