package avro

import "fmt"

// convertFunc turns a goavro native value of the writer schema into the
// native value of the reader schema. A nil convertFunc means the value is
// used as it is.
type convertFunc func(any) (any, error)

// resolution is the compiled plan from one writer schema to one reader
// schema. err is set when the schemas cannot be resolved at all.
type resolution struct {
	convert convertFunc
	err     error
}

type planKey struct{ writer, reader uint64 }

// resolutionFor returns the cached plan from writer to reader, compiling it
// on first use.
func (r *Registry) resolutionFor(writer, reader *schemaEntry) *resolution {
	key := planKey{writer.fingerprint, reader.fingerprint}
	if v, ok := r.plans.Load(key); ok {
		return v.(*resolution)
	}
	c := &compiler{records: map[[2]*schema]*convertFunc{}}
	convert, err := c.compile(writer.parsed, reader.parsed, reader.parsed.name)
	v, _ := r.plans.LoadOrStore(key, &resolution{convert: convert, err: err})
	return v.(*resolution)
}

// compiler builds convertFuncs. records memoizes record pairs so that
// recursive records compile to a cycle of functions.
type compiler struct {
	records map[[2]*schema]*convertFunc
}

// compile returns the conversion from writer w to reader r, following the
// schema resolution rules of the Avro specification. path names the
// position for error messages.
func (c *compiler) compile(w, r *schema, path string) (convertFunc, error) {
	if r.kind == "union" {
		if w.kind == "union" {
			return c.unionToUnion(w, r, path)
		}
		return c.toUnion(w, r, path)
	}
	if w.kind == "union" {
		return c.fromUnion(w, r, path)
	}
	switch r.kind {
	case "record":
		return c.record(w, r, path)
	case "enum":
		return c.enum(w, r, path)
	case "array":
		if w.kind != "array" {
			return nil, mismatch(w, r, path)
		}
		items, err := c.compile(w.items, r.items, path+"[]")
		return convertArray(items), err
	case "map":
		if w.kind != "map" {
			return nil, mismatch(w, r, path)
		}
		values, err := c.compile(w.values, r.values, path+"{}")
		return convertMap(values), err
	case "fixed":
		if w.kind != "fixed" || !namesMatch(w, r) || w.size != r.size {
			return nil, mismatch(w, r, path)
		}
		return nil, nil
	}
	return primitiveConversion(w, r, path)
}

func (c *compiler) enum(w, r *schema, path string) (convertFunc, error) {
	if w.kind != "enum" || !namesMatch(w, r) {
		return nil, mismatch(w, r, path)
	}
	known := make(map[string]bool, len(r.symbols))
	for _, s := range r.symbols {
		known[s] = true
	}
	missing := map[string]bool{}
	for _, s := range w.symbols {
		if !known[s] {
			missing[s] = true
		}
	}
	if len(missing) == 0 {
		return nil, nil
	}
	return func(v any) (any, error) {
		symbol, _ := v.(string)
		if !missing[symbol] {
			return v, nil
		}
		if r.hasDefault {
			return r.enumDefault, nil
		}
		return nil, fmt.Errorf("%w: %s: symbol %q of writer enum %s is not in reader enum %s, which has no default",
			ErrIncompatible, path, symbol, w.name, r.name)
	}, nil
}

func convertArray(items convertFunc) convertFunc {
	if items == nil {
		return nil
	}
	return func(v any) (any, error) {
		// The slice comes from goavro's decoder, so it is converted in place.
		in, _ := v.([]any)
		for i, item := range in {
			converted, err := items(item)
			if err != nil {
				return nil, err
			}
			in[i] = converted
		}
		return in, nil
	}
}

func convertMap(values convertFunc) convertFunc {
	if values == nil {
		return nil
	}
	return func(v any) (any, error) {
		// The map comes from goavro's decoder, so it is converted in place.
		in, _ := v.(map[string]any)
		for k, item := range in {
			converted, err := values(item)
			if err != nil {
				return nil, err
			}
			in[k] = converted
		}
		return in, nil
	}
}

// namesMatch applies the specification's rule for named types: the
// unqualified names are equal, or the writer's full name is an alias of the
// reader.
func namesMatch(w, r *schema) bool {
	if shortName(w.name) == shortName(r.name) {
		return true
	}
	for _, alias := range r.aliases {
		if alias == w.name || shortName(alias) == shortName(w.name) {
			return true
		}
	}
	return false
}

func mismatch(w, r *schema, path string) error {
	return fmt.Errorf("%w: %s: writer type %s cannot be read as reader type %s",
		ErrIncompatible, path, describe(w), describe(r))
}

func describe(s *schema) string {
	switch {
	case s.name != "":
		return s.kind + " " + s.name
	case s.logical != "":
		return s.kind + " (" + s.logical + ")"
	}
	return s.kind
}
