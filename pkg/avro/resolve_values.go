package avro

import (
	"fmt"
	"math/big"
	"time"
)

// promotions are the type promotions of the Avro specification.
var promotions = map[[2]string]func(any) any{
	{"int", "long"}:     func(v any) any { return int64(v.(int32)) },
	{"int", "float"}:    func(v any) any { return float32(v.(int32)) },
	{"int", "double"}:   func(v any) any { return float64(v.(int32)) },
	{"long", "float"}:   func(v any) any { return float32(v.(int64)) },
	{"long", "double"}:  func(v any) any { return float64(v.(int64)) },
	{"float", "double"}: func(v any) any { return float64(v.(float32)) },
	{"string", "bytes"}: func(v any) any { return []byte(v.(string)) },
	{"bytes", "string"}: func(v any) any { return string(v.([]byte)) },
}

// primitiveConversion reads a writer primitive as a reader primitive. A
// logical type that differs between the two is dropped to its underlying
// type on the writer side and applied again on the reader side.
func primitiveConversion(w, r *schema, path string) (convertFunc, error) {
	promote, promoted := promotions[[2]string{w.kind, r.kind}]
	if w.kind != r.kind && !promoted {
		return nil, mismatch(w, r, path)
	}
	wl, rl := goavroLogical(w), goavroLogical(r)
	if w.kind == r.kind && wl == rl {
		if wl == "decimal" && w.scale != r.scale {
			return rescaleDecimal(r.scale, path), nil
		}
		return nil, nil
	}

	toPhysical, fromPhysical := physicalFromNative(w, wl), nativeFromPhysical(r, rl)
	return func(v any) (any, error) {
		var err error
		if toPhysical != nil {
			if v, err = toPhysical(v); err != nil {
				return nil, fmt.Errorf("%w: %s: %w", ErrIncompatible, path, err)
			}
		}
		if promote != nil {
			v = promote(v)
		}
		if fromPhysical != nil {
			if v, err = fromPhysical(v); err != nil {
				return nil, fmt.Errorf("%w: %s: %w", ErrIncompatible, path, err)
			}
		}
		return v, nil
	}, nil
}

// physicalFromNative turns goavro's native value of a logical type into the
// value of its underlying Avro type.
func physicalFromNative(s *schema, logical string) convertFunc {
	switch logical {
	case "timestamp-millis":
		return func(v any) (any, error) { return v.(time.Time).UnixMilli(), nil }
	case "timestamp-micros":
		return func(v any) (any, error) { return v.(time.Time).UnixMicro(), nil }
	case "date":
		return func(v any) (any, error) { return int32(v.(time.Time).Unix() / 86400), nil }
	case "time-millis":
		return func(v any) (any, error) { return int32(v.(time.Duration) / time.Millisecond), nil }
	case "time-micros":
		return func(v any) (any, error) { return int64(v.(time.Duration) / time.Microsecond), nil }
	case "decimal":
		return func(v any) (any, error) { return decimalToBytes(v.(*big.Rat), s.scale) }
	}
	return nil
}

// nativeFromPhysical applies the reader's logical type to a value of the
// underlying Avro type, producing the native value goavro would decode.
func nativeFromPhysical(s *schema, logical string) convertFunc {
	switch logical {
	case "timestamp-millis":
		return func(v any) (any, error) { return time.UnixMilli(v.(int64)).UTC(), nil }
	case "timestamp-micros":
		return func(v any) (any, error) { return time.UnixMicro(v.(int64)).UTC(), nil }
	case "date":
		return func(v any) (any, error) { return time.Unix(int64(v.(int32))*86400, 0).UTC(), nil }
	case "time-millis":
		return func(v any) (any, error) { return time.Duration(v.(int32)) * time.Millisecond, nil }
	case "time-micros":
		return func(v any) (any, error) { return time.Duration(v.(int64)) * time.Microsecond, nil }
	case "decimal":
		return func(v any) (any, error) { return decimalFromBytes(v.([]byte), s.scale), nil }
	}
	return nil
}

// rescaleDecimal keeps the value of a decimal read with another scale and
// rejects one that the reader scale cannot hold exactly.
func rescaleDecimal(scale int, path string) convertFunc {
	return func(v any) (any, error) {
		if _, err := decimalToBytes(v.(*big.Rat), scale); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrIncompatible, path, err)
		}
		return v, nil
	}
}

// decimalToBytes returns the two's-complement big-endian unscaled value of
// r at scale, the binary form of the decimal logical type.
func decimalToBytes(r *big.Rat, scale int) ([]byte, error) {
	unscaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(pow10(scale)))
	if !unscaled.IsInt() {
		return nil, fmt.Errorf("decimal %s has more than %d decimal places", r.FloatString(scale+4), scale)
	}
	n := unscaled.Num()
	if n.Sign() >= 0 {
		b := n.Bytes()
		if len(b) == 0 || b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return b, nil
	}
	// Two's complement of a negative number in the fewest bytes.
	size := (n.BitLen() + 8) / 8
	modulus := new(big.Int).Lsh(big.NewInt(1), uint(size*8))
	b := new(big.Int).Add(modulus, n).Bytes()
	for len(b) < size {
		b = append([]byte{0xff}, b...)
	}
	return b, nil
}

func decimalFromBytes(b []byte, scale int) *big.Rat {
	n := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(len(b)*8)))
	}
	return new(big.Rat).SetFrac(n, pow10(scale))
}

func pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}
