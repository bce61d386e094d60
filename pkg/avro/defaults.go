package avro

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"time"
)

// defaultValue returns a function producing the goavro native value of a
// field default. Each call returns a fresh copy of a mutable value, because
// callers may change the maps and slices they decode.
func defaultValue(s *schema, raw any) (func() any, error) {
	v, err := defaultNative(s, raw)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case map[string]any, []any, []byte, *big.Rat:
		return func() any { return copyNative(v) }, nil
	}
	return func() any { return v }, nil
}

func defaultNative(s *schema, raw any) (any, error) {
	switch s.kind {
	case "null":
		if raw != nil {
			return nil, fmt.Errorf("default %v is not null", raw)
		}
		return nil, nil
	case "boolean":
		b, ok := raw.(bool)
		if !ok {
			return nil, fmt.Errorf("default %v is not a boolean", raw)
		}
		return b, nil
	case "int", "long", "float", "double":
		return numberDefault(s, raw)
	case "bytes", "fixed":
		return bytesDefault(s, raw)
	case "string":
		str, ok := raw.(string)
		if !ok {
			return nil, fmt.Errorf("default %v is not a string", raw)
		}
		return str, nil
	case "enum":
		str, _ := raw.(string)
		for _, sym := range s.symbols {
			if sym == str {
				return str, nil
			}
		}
		return nil, fmt.Errorf("default %v is not a symbol of enum %s", raw, s.name)
	case "array":
		return arrayDefault(s, raw)
	case "map":
		return mapDefault(s, raw)
	case "record":
		return recordDefault(s, raw)
	case "union":
		return unionDefault(s, raw)
	}
	return nil, fmt.Errorf("unsupported type %s", s.kind)
}

func numberDefault(s *schema, raw any) (any, error) {
	var f float64
	var i int64
	var isInt bool
	switch n := raw.(type) {
	case json.Number:
		var err error
		if i, err = n.Int64(); err == nil {
			isInt, f = true, float64(i)
		} else if f, err = n.Float64(); err != nil {
			return nil, fmt.Errorf("default %v is not a number", raw)
		}
	case float64:
		f, i, isInt = n, int64(n), n == math.Trunc(n)
	default:
		return nil, fmt.Errorf("default %v is not a number", raw)
	}

	var v any
	switch s.kind {
	case "int":
		if !isInt || i < math.MinInt32 || i > math.MaxInt32 {
			return nil, fmt.Errorf("default %v is not an int", raw)
		}
		v = int32(i)
	case "long":
		if !isInt {
			return nil, fmt.Errorf("default %v is not a long", raw)
		}
		v = i
	case "float":
		v = float32(f)
	default:
		v = f
	}
	if convert := nativeFromPhysical(s, goavroLogical(s)); convert != nil {
		return convert(v)
	}
	return v, nil
}

// bytesDefault decodes a bytes or fixed default, which JSON writes as a
// string of code points 0 to 255, one per byte.
func bytesDefault(s *schema, raw any) (any, error) {
	str, ok := raw.(string)
	if !ok {
		return nil, fmt.Errorf("default %v is not a string of bytes", raw)
	}
	b := make([]byte, 0, len(str))
	for _, r := range str {
		if r > 255 {
			return nil, fmt.Errorf("default %q has a code point above 255", str)
		}
		b = append(b, byte(r))
	}
	if s.kind == "fixed" && len(b) != s.size {
		return nil, fmt.Errorf("default %q has %d bytes, fixed %s has %d", str, len(b), s.name, s.size)
	}
	if goavroLogical(s) == "decimal" {
		return decimalFromBytes(b, s.scale), nil
	}
	return b, nil
}

func arrayDefault(s *schema, raw any) (any, error) {
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("default %v is not an array", raw)
	}
	out := make([]any, len(list))
	for i, item := range list {
		v, err := defaultNative(s.items, item)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func mapDefault(s *schema, raw any) (any, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("default %v is not an object", raw)
	}
	out := make(map[string]any, len(obj))
	for k, item := range obj {
		v, err := defaultNative(s.values, item)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, nil
}

func recordDefault(s *schema, raw any) (any, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("default %v is not an object", raw)
	}
	out := make(map[string]any, len(s.fields))
	for _, f := range s.fields {
		item, present := obj[f.name]
		if !present {
			if !f.hasDefault {
				return nil, fmt.Errorf("default of record %s lacks field %q", s.name, f.name)
			}
			item = f.defaultRaw
		}
		v, err := defaultNative(f.typ, item)
		if err != nil {
			return nil, fmt.Errorf("field %q: %w", f.name, err)
		}
		out[f.name] = v
	}
	return out, nil
}

// unionDefault reads a union default as the first branch it is valid for.
// The Avro specification requires the first branch, but Avro Java accepts
// any branch, so schemas written for Java may rely on that.
func unionDefault(s *schema, raw any) (any, error) {
	var firstErr error
	for _, b := range s.branches {
		v, err := defaultNative(b, raw)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if b.kind == "null" {
			return nil, nil
		}
		return map[string]any{branchKey(b): v}, nil
	}
	return nil, firstErr
}

// copyNative deep-copies the mutable parts of a goavro native value.
func copyNative(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, item := range t {
			out[k] = copyNative(item)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, item := range t {
			out[i] = copyNative(item)
		}
		return out
	case []byte:
		return append([]byte(nil), t...)
	case *big.Rat:
		return new(big.Rat).Set(t)
	case time.Time:
		return t
	}
	return v
}
