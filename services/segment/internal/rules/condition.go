package rules

import "cmp"

// condition is a checked condition of a rule, ready to evaluate.
type condition struct {
	field   string
	op      string
	spec    field
	operand value
}

// holds reports whether the condition is true for f. A null field satisfies
// is_null only: every other operator, ne and not_in included, is false on
// null, as in SQL.
func (c condition) holds(f *Facts) bool {
	v := c.spec.get(f)
	switch c.op {
	case opIsNull:
		return v.null
	case opNotNull:
		return !v.null
	}
	if v.null {
		return false
	}

	switch c.spec.kind {
	case kindInt:
		if shapeOf(c.op) == operandList {
			return membershipHolds(c.op, []int64{v.i}, c.operand.is)
		}
		return compareHolds(c.op, cmp.Compare(v.i, c.operand.i))
	case kindDecimal:
		return compareHolds(c.op, v.d.Cmp(c.operand.d))
	case kindString:
		if shapeOf(c.op) == operandList {
			return membershipHolds(c.op, []string{v.s}, c.operand.ss)
		}
		return compareHolds(c.op, cmp.Compare(v.s, c.operand.s))
	case kindBool:
		return compareHolds(c.op, compareBool(v.b, c.operand.b))
	case kindIntList:
		return membershipHolds(c.op, v.is, c.operand.is)
	case kindStringList:
		return membershipHolds(c.op, v.ss, c.operand.ss)
	}
	return false
}

func compareBool(a, b bool) int {
	if a == b {
		return 0
	}
	return 1
}
