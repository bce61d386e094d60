package avro

import (
	"encoding/json"
	"fmt"
	"strings"
)

// schema is the parsed form of an Avro schema that canonicalization and
// schema resolution walk. References to a named type point at the same
// *schema value, so a recursive record forms a cycle.
type schema struct {
	kind      string // primitive type name, or record, enum, array, map, fixed, union
	name      string // full name of a record, enum or fixed
	aliases   []string
	logical   string
	precision int
	scale     int
	size      int

	fields      []*field
	symbols     []string
	enumDefault string
	hasDefault  bool // whether an enum declares a default symbol
	items       *schema
	values      *schema
	branches    []*schema
}

// field is one field of a record schema.
type field struct {
	name       string
	aliases    []string
	typ        *schema
	defaultRaw any // JSON default decoded with json.Number for numbers
	hasDefault bool
}

var primitiveKinds = map[string]bool{
	"null": true, "boolean": true, "int": true, "long": true,
	"float": true, "double": true, "bytes": true, "string": true,
}

// parser turns decoded schema JSON into a *schema, tracking the named types
// defined so far.
type parser struct {
	named map[string]*schema
}

// parseSchemaJSON parses a self-contained schema document.
func parseSchemaJSON(text string) (*schema, error) {
	doc, err := decodeJSON(text)
	if err != nil {
		return nil, err
	}
	p := &parser{named: map[string]*schema{}}
	return p.parse(doc, "")
}

// decodeJSON decodes JSON keeping numbers as json.Number, so that long
// defaults keep their precision.
func decodeJSON(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parsing schema JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("parsing schema JSON: unexpected data after the schema")
	}
	return doc, nil
}

func (p *parser) parse(node any, namespace string) (*schema, error) {
	switch v := node.(type) {
	case string:
		return p.reference(v, namespace)
	case []any:
		return p.union(v, namespace)
	case map[string]any:
		return p.object(v, namespace)
	default:
		return nil, fmt.Errorf("invalid schema: expected a string, array or object, got %T", node)
	}
}

func (p *parser) reference(name, namespace string) (*schema, error) {
	if primitiveKinds[name] {
		return &schema{kind: name}, nil
	}
	if s, ok := p.named[fullName(name, namespace)]; ok {
		return s, nil
	}
	if s, ok := p.named[name]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("invalid schema: unknown type name %q", name)
}

func (p *parser) union(items []any, namespace string) (*schema, error) {
	s := &schema{kind: "union"}
	for i, item := range items {
		if _, nested := item.([]any); nested {
			return nil, fmt.Errorf("invalid schema: union branch %d is itself a union", i)
		}
		b, err := p.parse(item, namespace)
		if err != nil {
			return nil, err
		}
		s.branches = append(s.branches, b)
	}
	return s, nil
}

func (p *parser) object(obj map[string]any, namespace string) (*schema, error) {
	kind, ok := obj["type"].(string)
	if !ok {
		// {"type": {...}} or {"type": [...]} wraps another schema.
		if t, present := obj["type"]; present {
			return p.parse(t, namespace)
		}
		return nil, fmt.Errorf("invalid schema: object without a type attribute")
	}
	logical, _ := obj["logicalType"].(string)
	switch kind {
	case "record", "error":
		return p.record(obj, namespace)
	case "enum":
		return p.enum(obj, namespace)
	case "fixed":
		s, err := p.define(obj, namespace, "fixed")
		if err != nil {
			return nil, err
		}
		s.size = intAttribute(obj, "size")
		s.logical = logical
		s.precision, s.scale = intAttribute(obj, "precision"), intAttribute(obj, "scale")
		return s, nil
	case "array":
		items, err := p.parse(obj["items"], namespace)
		if err != nil {
			return nil, fmt.Errorf("array items: %w", err)
		}
		return &schema{kind: "array", items: items}, nil
	case "map":
		values, err := p.parse(obj["values"], namespace)
		if err != nil {
			return nil, fmt.Errorf("map values: %w", err)
		}
		return &schema{kind: "map", values: values}, nil
	}
	if primitiveKinds[kind] {
		s := &schema{kind: kind, logical: logical}
		s.precision, s.scale = intAttribute(obj, "precision"), intAttribute(obj, "scale")
		return s, nil
	}
	// An object may also name a type defined earlier: {"type": "a.B"}.
	return p.reference(kind, namespace)
}

// define registers a named type under its full name.
func (p *parser) define(obj map[string]any, namespace, kind string) (*schema, error) {
	name, _ := obj["name"].(string)
	if name == "" {
		return nil, fmt.Errorf("invalid schema: %s without a name", kind)
	}
	if ns, ok := obj["namespace"].(string); ok && !strings.Contains(name, ".") {
		namespace = ns
	}
	full := fullName(name, namespace)
	if _, dup := p.named[full]; dup {
		return nil, fmt.Errorf("invalid schema: type %q is defined twice", full)
	}
	s := &schema{kind: kind, name: full}
	for _, a := range stringList(obj["aliases"]) {
		s.aliases = append(s.aliases, fullName(a, namespaceOf(full)))
	}
	p.named[full] = s
	return s, nil
}

func (p *parser) record(obj map[string]any, namespace string) (*schema, error) {
	s, err := p.define(obj, namespace, "record")
	if err != nil {
		return nil, err
	}
	list, ok := obj["fields"].([]any)
	if !ok {
		return nil, fmt.Errorf("invalid schema: record %q without a fields array", s.name)
	}
	inner := namespaceOf(s.name)
	for _, item := range list {
		fobj, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("invalid schema: record %q has a field that is not an object", s.name)
		}
		f := &field{aliases: stringList(fobj["aliases"])}
		f.name, _ = fobj["name"].(string)
		if f.name == "" {
			return nil, fmt.Errorf("invalid schema: record %q has a field without a name", s.name)
		}
		if f.typ, err = p.parse(fobj["type"], inner); err != nil {
			return nil, fmt.Errorf("record %q field %q: %w", s.name, f.name, err)
		}
		f.defaultRaw, f.hasDefault = fobj["default"]
		s.fields = append(s.fields, f)
	}
	return s, nil
}

func (p *parser) enum(obj map[string]any, namespace string) (*schema, error) {
	s, err := p.define(obj, namespace, "enum")
	if err != nil {
		return nil, err
	}
	s.symbols = stringList(obj["symbols"])
	if len(s.symbols) == 0 {
		return nil, fmt.Errorf("invalid schema: enum %q without symbols", s.name)
	}
	s.enumDefault, s.hasDefault = obj["default"].(string)
	return s, nil
}

func fullName(name, namespace string) string {
	if strings.Contains(name, ".") || namespace == "" {
		return name
	}
	return namespace + "." + name
}

func namespaceOf(full string) string {
	if i := strings.LastIndexByte(full, '.'); i >= 0 {
		return full[:i]
	}
	return ""
}

func shortName(full string) string {
	return full[strings.LastIndexByte(full, '.')+1:]
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		if s, ok := item.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func intAttribute(obj map[string]any, key string) int {
	switch n := obj[key].(type) {
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	case float64:
		return int(n)
	}
	return 0
}
