package avro

import "fmt"

// goavroLogicalTypes are the logical types goavro v2.15 decodes to a
// native type of their own and names union branches after, such as
// "long.timestamp-millis". goavro ignores any other logical type.
var goavroLogicalTypes = map[string]bool{
	"long.timestamp-millis": true, "long.timestamp-micros": true,
	"int.time-millis": true, "long.time-micros": true,
	"int.date": true, "bytes.decimal": true,
}

// goavroLogical returns the logical type of s if goavro handles it, else "".
func goavroLogical(s *schema) string {
	if s.logical == "" {
		return ""
	}
	if s.kind == "fixed" && s.logical == "decimal" {
		return "decimal"
	}
	if goavroLogicalTypes[s.kind+"."+s.logical] {
		return s.logical
	}
	return ""
}

// branchKey returns the key of a union branch in goavro's native form
// map[string]any{key: value}.
func branchKey(s *schema) string {
	if s.name != "" {
		return s.name
	}
	if l := goavroLogical(s); l != "" {
		return s.kind + "." + l
	}
	return s.kind
}

// branchMatches reports whether a writer branch w can be read as reader
// branch r. With exact set, only the same type matches, without promotion.
func branchMatches(w, r *schema, exact bool) bool {
	if w.kind == r.kind {
		switch w.kind {
		case "record", "enum", "fixed":
			return namesMatch(w, r)
		}
		return true
	}
	if exact {
		return false
	}
	_, ok := promotions[[2]string{w.kind, r.kind}]
	return ok
}

// selectBranch returns the index of the reader branch that a writer value
// of schema w is read as: the first branch of the same type, else the first
// one that w promotes to, else -1. The Avro specification only requires
// the first match. Preferring the same type keeps a long a long in a
// ["null", "float", "long"] reader, as Resolver.firstMatchingBranch of
// Avro Java does.
func selectBranch(w *schema, branches []*schema) int {
	for _, exact := range []bool{true, false} {
		for i, b := range branches {
			if branchMatches(w, b, exact) {
				return i
			}
		}
	}
	return -1
}

// toUnion reads a non-union writer value as a reader union.
func (c *compiler) toUnion(w, r *schema, path string) (convertFunc, error) {
	i := selectBranch(w, r.branches)
	if i < 0 {
		return nil, mismatch(w, r, path)
	}
	inner, err := c.compile(w, r.branches[i], path)
	if err != nil {
		return nil, err
	}
	return wrapBranch(r.branches[i], inner), nil
}

// wrapBranch converts a value with inner and wraps it in goavro's union form
// for reader branch b.
func wrapBranch(b *schema, inner convertFunc) convertFunc {
	if b.kind == "null" {
		return func(any) (any, error) { return nil, nil }
	}
	key := branchKey(b)
	return func(v any) (any, error) {
		if inner != nil {
			var err error
			if v, err = inner(v); err != nil {
				return nil, err
			}
		}
		return map[string]any{key: v}, nil
	}
}

// writerBranches maps goavro's union keys of a writer union to the
// conversion of that branch. A branch that cannot be read keeps its error,
// which only a value of that branch raises.
type writerBranches struct {
	union    *schema
	path     string
	byKey    map[string]branchConversion
	null     branchConversion
	hasNull  bool
	identity bool
}

type branchConversion struct {
	convert convertFunc
	err     error
}

func (wb *writerBranches) convert(v any) (any, error) {
	var bc branchConversion
	var value any
	if v == nil {
		if !wb.hasNull {
			return nil, fmt.Errorf("%w: %s: null value for a union without null", ErrMalformed, wb.path)
		}
		bc = wb.null
	} else {
		m, ok := v.(map[string]any)
		if !ok || len(m) != 1 {
			return nil, fmt.Errorf("%w: %s: union value is %T, not a single-key map", ErrMalformed, wb.path, v)
		}
		var key string
		for key, value = range m {
		}
		if bc, ok = wb.byKey[key]; !ok {
			return nil, fmt.Errorf("%w: %s: union value has unknown branch %q", ErrMalformed, wb.path, key)
		}
	}
	if bc.err != nil {
		return nil, bc.err
	}
	if bc.convert == nil {
		return value, nil
	}
	return bc.convert(value)
}

func (c *compiler) writerBranches(w *schema, path string, each func(b *schema) (convertFunc, error)) *writerBranches {
	wb := &writerBranches{union: w, path: path, byKey: map[string]branchConversion{}}
	for _, b := range w.branches {
		convert, err := each(b)
		bc := branchConversion{convert: convert, err: err}
		if b.kind == "null" {
			wb.null, wb.hasNull = bc, true
			continue
		}
		wb.byKey[branchKey(b)] = bc
	}
	return wb
}

// unionToUnion reads each writer branch as the reader branch it selects.
func (c *compiler) unionToUnion(w, r *schema, path string) (convertFunc, error) {
	identity := true
	wb := c.writerBranches(w, path, func(b *schema) (convertFunc, error) {
		i := selectBranch(b, r.branches)
		if i < 0 {
			identity = false
			return nil, fmt.Errorf("%w: %s: writer union branch %s has no matching branch in the reader union",
				ErrIncompatible, path, describe(b))
		}
		inner, err := c.compile(b, r.branches[i], path)
		if err != nil {
			identity = false
			return nil, err
		}
		if inner != nil || branchKey(b) != branchKey(r.branches[i]) {
			identity = false
		}
		return unwrapNull(b, r.branches[i], wrapBranch(r.branches[i], inner)), nil
	})
	if identity {
		return nil, nil
	}
	return wb.convert, nil
}

// unwrapNull keeps a writer null as the reader's null.
func unwrapNull(w, r *schema, convert convertFunc) convertFunc {
	if w.kind == "null" && r.kind == "null" {
		return func(any) (any, error) { return nil, nil }
	}
	return convert
}

// fromUnion reads a writer union as a reader type that is not a union: the
// branch each value has must resolve to the reader type.
func (c *compiler) fromUnion(w, r *schema, path string) (convertFunc, error) {
	usable := false
	wb := c.writerBranches(w, path, func(b *schema) (convertFunc, error) {
		convert, err := c.compile(b, r, path)
		if err == nil {
			usable = true
		}
		return convert, err
	})
	if !usable {
		return nil, mismatch(w, r, path)
	}
	return wb.convert, nil
}
