package rules

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// segmentName is the form of a segment name: lower case, digits and
// underscores, starting with a letter, as downstream consumers use it as a
// key.
var segmentName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

func compile(file fileYAML) (*RuleSet, error) {
	var errs []error
	if strings.TrimSpace(file.Version) == "" {
		errs = append(errs, errors.New("version: must be set, and changed whenever a rule changes"))
	}
	if len(file.Segments) == 0 {
		errs = append(errs, errors.New("segments: must list at least one segment"))
	}

	rs := &RuleSet{Version: file.Version}
	seen := map[string]bool{}
	for i, s := range file.Segments {
		seg, segErrs := compileSegment(i, s)
		if seen[s.Name] && s.Name != "" {
			segErrs = append(segErrs, fmt.Errorf("segment %q: name is used by an earlier segment", s.Name))
		}
		seen[s.Name] = true
		errs = append(errs, segErrs...)
		rs.Segments = append(rs.Segments, seg)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortFunc(rs.Segments, func(a, b Segment) int { return strings.Compare(a.Name, b.Name) })
	return rs, nil
}

func compileSegment(index int, s segmentYAML) (Segment, []error) {
	label := fmt.Sprintf("segment %q", s.Name)
	var errs []error
	if !segmentName.MatchString(s.Name) {
		if s.Name == "" {
			label = fmt.Sprintf("segment %d", index+1)
		}
		errs = append(errs, fmt.Errorf("%s: name must be 1-63 characters of a-z, 0-9 and _, "+
			"starting with a letter", label))
	}
	if len(s.All) == 0 && len(s.Any) == 0 {
		errs = append(errs, fmt.Errorf("%s: must have at least one condition under all or any", label))
	}

	seg := Segment{Name: s.Name, Description: s.Description}
	var allErrs, anyErrs []error
	seg.all, allErrs = compileConditions(label, "all", s.All)
	seg.any, anyErrs = compileConditions(label, "any", s.Any)
	return seg, append(append(errs, allErrs...), anyErrs...)
}

func compileConditions(label, list string, conds []conditionYAML) ([]condition, []error) {
	var out []condition
	var errs []error
	for i, c := range conds {
		compiled, err := compileCondition(c)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %s[%d]: %w", label, list, i+1, err))
			continue
		}
		out = append(out, compiled)
	}
	return out, errs
}

func compileCondition(c conditionYAML) (condition, error) {
	spec, ok := fields[c.Field]
	if !ok {
		if c.Field == "" {
			return condition{}, errors.New("field: must be set")
		}
		return condition{}, fmt.Errorf("field %q: unknown field, expected one of %s",
			c.Field, strings.Join(FieldNames(), ", "))
	}
	ops := operatorsFor(spec)
	if !slices.Contains(ops, c.Op) {
		return condition{}, fmt.Errorf("field %q: operator %q is not valid for this %s field, expected one of %s",
			c.Field, c.Op, describeKind(spec), strings.Join(ops, ", "))
	}

	operand, err := parseOperand(spec, c.Op, &c.Value)
	if err != nil {
		return condition{}, fmt.Errorf("field %q: operator %q: %w", c.Field, c.Op, err)
	}
	return condition{field: c.Field, op: c.Op, spec: spec, operand: operand}, nil
}

func describeKind(f field) string {
	if f.nullable {
		return "nullable " + f.kind.String()
	}
	return f.kind.String()
}

// parseOperand checks the YAML value of a condition against the operator's
// shape and the field's kind.
func parseOperand(spec field, op string, node *yaml.Node) (value, error) {
	switch shapeOf(op) {
	case operandNone:
		if node.Kind != 0 {
			return value{}, errors.New("takes no value")
		}
		return value{}, nil
	case operandList:
		if node.Kind != yaml.SequenceNode || len(node.Content) == 0 {
			return value{}, errors.New("value must be a non-empty list")
		}
		return parseScalars(spec, node.Content)
	default:
		if node.Kind != yaml.ScalarNode {
			return value{}, errors.New("value must be a single value")
		}
		return parseScalars(spec, []*yaml.Node{node})
	}
}

// parseScalars parses nodes as values of the field's kind, or of its
// element kind for a list field. A scalar operand is a list of one.
func parseScalars(spec field, nodes []*yaml.Node) (value, error) {
	var v value
	for i, n := range nodes {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			return value{}, fmt.Errorf("value %d must be a single value, not a list, map or null", i+1)
		}
		switch spec.kind {
		case kindInt, kindIntList:
			x, err := strconv.ParseInt(n.Value, 10, 64)
			if err != nil {
				return value{}, fmt.Errorf("value %q is not an integer", n.Value)
			}
			v.i, v.is = x, append(v.is, x)
		case kindBool:
			b, err := strconv.ParseBool(n.Value)
			if err != nil || n.Tag != "!!bool" {
				return value{}, fmt.Errorf("value %q is not true or false", n.Value)
			}
			v.b = b
		case kindDecimal:
			d, err := decimal.NewFromString(n.Value)
			if err != nil {
				return value{}, fmt.Errorf("value %q is not a decimal number", n.Value)
			}
			v.d = d
		default:
			if len(spec.allowed) > 0 && !slices.Contains(spec.allowed, n.Value) {
				return value{}, fmt.Errorf("value %q is not one of %s", n.Value, strings.Join(spec.allowed, ", "))
			}
			v.s, v.ss = n.Value, append(v.ss, n.Value)
		}
	}
	return v, nil
}
