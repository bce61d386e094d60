package avro

import (
	"fmt"
	"strings"
)

// namedDefinition is the JSON of a named type as one schema file defines it.
type namedDefinition struct {
	node map[string]any
	file string
}

// collectDefinitions adds every named type that doc defines to defs, keyed
// by full name.
func collectDefinitions(doc any, namespace, file string, defs map[string]namedDefinition) error {
	switch v := doc.(type) {
	case []any:
		for _, item := range v {
			if err := collectDefinitions(item, namespace, file, defs); err != nil {
				return err
			}
		}
	case map[string]any:
		kind, isString := v["type"].(string)
		if !isString {
			return collectDefinitions(v["type"], namespace, file, defs)
		}
		switch kind {
		case "record", "error", "enum", "fixed":
			full := definedName(v, namespace)
			if prev, dup := defs[full]; dup {
				return fmt.Errorf("type %q is defined in both %s and %s", full, prev.file, file)
			}
			defs[full] = namedDefinition{node: v, file: file}
			for _, f := range fieldObjects(v) {
				if err := collectDefinitions(f["type"], namespaceOf(full), file, defs); err != nil {
					return err
				}
			}
		case "array":
			return collectDefinitions(v["items"], namespace, file, defs)
		case "map":
			return collectDefinitions(v["values"], namespace, file, defs)
		}
	}
	return nil
}

// inliner replaces references to named types that a document does not
// define with a copy of their definition from another file. The first
// reference gets the definition and later ones keep the name, which the
// Avro specification requires because a name may be defined only once.
type inliner struct {
	defs    map[string]namedDefinition
	defined map[string]bool
}

func inlineReferences(doc any, defs map[string]namedDefinition) (any, error) {
	in := &inliner{defs: defs, defined: map[string]bool{}}
	// The walk edits the document in place, and defs may point into doc.
	return in.walk(deepCopyJSON(doc), "")
}

func (in *inliner) walk(node any, namespace string) (any, error) {
	switch v := node.(type) {
	case string:
		return in.reference(v, namespace)
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			replaced, err := in.walk(item, namespace)
			if err != nil {
				return nil, err
			}
			out[i] = replaced
		}
		return out, nil
	case map[string]any:
		return in.object(v, namespace)
	}
	return node, nil
}

func (in *inliner) reference(name, namespace string) (any, error) {
	if primitiveKinds[name] {
		return name, nil
	}
	for _, candidate := range []string{fullName(name, namespace), name} {
		if in.defined[candidate] {
			return name, nil
		}
		if def, ok := in.defs[candidate]; ok {
			// The copy carries its full name so that it means the same
			// type inside any enclosing namespace.
			copied := deepCopyJSON(def.node).(map[string]any)
			copied["name"] = candidate
			delete(copied, "namespace")
			return in.object(copied, namespace)
		}
	}
	return nil, fmt.Errorf("unknown type name %q", name)
}

func (in *inliner) object(obj map[string]any, namespace string) (any, error) {
	kind, isString := obj["type"].(string)
	if !isString {
		inner, err := in.walk(obj["type"], namespace)
		if err != nil {
			return nil, err
		}
		obj["type"] = inner
		return obj, nil
	}
	switch kind {
	case "record", "error", "enum", "fixed":
		full := definedName(obj, namespace)
		in.defined[full] = true
		for _, f := range fieldObjects(obj) {
			inner, err := in.walk(f["type"], namespaceOf(full))
			if err != nil {
				return nil, fmt.Errorf("record %q field %q: %w", full, f["name"], err)
			}
			f["type"] = inner
		}
	case "array":
		return in.replaceKey(obj, "items", namespace)
	case "map":
		return in.replaceKey(obj, "values", namespace)
	default:
		if !primitiveKinds[kind] {
			return in.reference(kind, namespace)
		}
	}
	return obj, nil
}

func (in *inliner) replaceKey(obj map[string]any, key, namespace string) (any, error) {
	inner, err := in.walk(obj[key], namespace)
	if err != nil {
		return nil, err
	}
	obj[key] = inner
	return obj, nil
}

func definedName(obj map[string]any, namespace string) string {
	name, _ := obj["name"].(string)
	if ns, ok := obj["namespace"].(string); ok && !strings.Contains(name, ".") {
		namespace = ns
	}
	return fullName(name, namespace)
}

func fieldObjects(obj map[string]any) []map[string]any {
	list, _ := obj["fields"].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, item := range list {
		if f, ok := item.(map[string]any); ok {
			out = append(out, f)
		}
	}
	return out
}

func deepCopyJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, item := range t {
			out[k] = deepCopyJSON(item)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, item := range t {
			out[i] = deepCopyJSON(item)
		}
		return out
	}
	return v
}
