package rules

import (
	"cmp"
	"slices"
)

// Operators a condition may use.
const (
	opEq           = "eq"
	opNe           = "ne"
	opLt           = "lt"
	opLte          = "lte"
	opGt           = "gt"
	opGte          = "gte"
	opIn           = "in"
	opNotIn        = "not_in"
	opContains     = "contains"
	opContainsAny  = "contains_any"
	opContainsNone = "contains_none"
	opIsNull       = "is_null"
	opNotNull      = "not_null"
)

// operatorsByKind lists the operators each kind of field accepts. Nullable
// fields accept is_null and not_null as well.
var operatorsByKind = map[kind][]string{
	kindInt:        {opEq, opNe, opLt, opLte, opGt, opGte, opIn, opNotIn},
	kindDecimal:    {opEq, opNe, opLt, opLte, opGt, opGte},
	kindString:     {opEq, opNe, opIn, opNotIn},
	kindIntList:    {opContains, opContainsAny, opContainsNone},
	kindStringList: {opContains, opContainsAny, opContainsNone},
	kindBool:       {opEq, opNe},
}

// operandShape is the form of a condition's value that an operator takes.
type operandShape int

const (
	operandScalar operandShape = iota // one value of the field's (element) kind
	operandList                       // a non-empty list of such values
	operandNone                       // no value
)

func shapeOf(op string) operandShape {
	switch op {
	case opIn, opNotIn, opContainsAny, opContainsNone:
		return operandList
	case opIsNull, opNotNull:
		return operandNone
	default:
		return operandScalar
	}
}

func operatorsFor(f field) []string {
	ops := operatorsByKind[f.kind]
	if f.nullable {
		ops = append(slices.Clip(ops), opIsNull, opNotNull)
	}
	return ops
}

// compareHolds applies an ordering operator to the result of a comparison
// of the field's value with the operand.
func compareHolds(op string, c int) bool {
	switch op {
	case opEq:
		return c == 0
	case opNe:
		return c != 0
	case opLt:
		return c < 0
	case opLte:
		return c <= 0
	case opGt:
		return c > 0
	case opGte:
		return c >= 0
	}
	return false
}

// membershipHolds applies in, not_in, contains, contains_any or
// contains_none. For in and not_in, values holds the field's single value.
func membershipHolds[T cmp.Ordered](op string, values, operand []T) bool {
	switch op {
	case opIn, opContainsAny:
		return containsAny(values, operand)
	case opNotIn, opContainsNone:
		return !containsAny(values, operand)
	case opContains:
		return containsAny(values, operand[:1])
	}
	return false
}

func containsAny[T cmp.Ordered](values, expected []T) bool {
	for _, w := range expected {
		if slices.Contains(values, w) {
			return true
		}
	}
	return false
}
