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

func (c *compiler) record(w, r *schema, path string) (convertFunc, error) {
	if w.kind != "record" || !namesMatch(w, r) {
		return nil, mismatch(w, r, path)
	}
	key := [2]*schema{w, r}
	if holder, ok := c.records[key]; ok {
		// A recursive reference calls the function that the outer compile
		// stores in holder once the record is compiled.
		return func(v any) (any, error) {
			if *holder == nil {
				return v, nil
			}
			return (*holder)(v)
		}, nil
	}
	holder := new(convertFunc)
	c.records[key] = holder

	plans := make([]fieldPlan, 0, len(r.fields))
	identity := len(w.fields) == len(r.fields)
	for _, rf := range r.fields {
		plan, err := c.field(w, rf, path)
		if err != nil {
			return nil, err
		}
		if plan.writerName != rf.name || plan.convert != nil {
			identity = false
		}
		plans = append(plans, plan)
	}
	if identity {
		return nil, nil
	}
	*holder = convertRecord(r.name, plans, droppedFields(w, plans))
	return *holder, nil
}

// fieldPlan fills one reader field from a writer field or from the reader
// field's default.
type fieldPlan struct {
	name       string
	writerName string // "" when the writer lacks the field
	convert    convertFunc
	defaultFn  func() any
}

func (c *compiler) field(w *schema, rf *field, path string) (fieldPlan, error) {
	plan := fieldPlan{name: rf.name}
	fieldPath := path + "." + rf.name
	if wf := writerField(w, rf); wf != nil {
		convert, err := c.compile(wf.typ, rf.typ, fieldPath)
		if err != nil {
			return plan, err
		}
		plan.writerName, plan.convert = wf.name, convert
		return plan, nil
	}
	if !rf.hasDefault {
		return plan, fmt.Errorf("%w: reader field %s is missing from writer record %s and has no default",
			ErrIncompatible, fieldPath, w.name)
	}
	fn, err := defaultValue(rf.typ, rf.defaultRaw)
	if err != nil {
		return plan, fmt.Errorf("%w: default of reader field %s: %w", ErrIncompatible, fieldPath, err)
	}
	plan.defaultFn = fn
	return plan, nil
}

// writerField finds the writer field that fills rf: the field of the same
// name, else the first field named by one of rf's aliases.
func writerField(w *schema, rf *field) *field {
	for _, wf := range w.fields {
		if wf.name == rf.name {
			return wf
		}
	}
	for _, alias := range rf.aliases {
		for _, wf := range w.fields {
			if wf.name == alias {
				return wf
			}
		}
	}
	return nil
}

// droppedFields returns the writer fields that no reader field reads, or
// nil when a reader field reads a writer field of another name through an
// alias. Only without such renames can a record be converted in place.
func droppedFields(w *schema, plans []fieldPlan) []string {
	read := map[string]bool{}
	for _, p := range plans {
		if p.writerName != "" && p.writerName != p.name {
			return nil
		}
		read[p.writerName] = true
	}
	dropped := []string{}
	for _, wf := range w.fields {
		if !read[wf.name] {
			dropped = append(dropped, wf.name)
		}
	}
	return dropped
}

// convertRecord converts a decoded writer record. With a non-nil dropped
// list it edits the map that goavro returned, which nothing else refers
// to, instead of building a new one.
func convertRecord(name string, plans []fieldPlan, dropped []string) convertFunc {
	return func(v any) (any, error) {
		in, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%w: record %s: decoded value is %T, not a map", ErrMalformed, name, v)
		}
		out := in
		if dropped == nil {
			out = make(map[string]any, len(plans))
		}
		for i := range plans {
			p := &plans[i]
			if p.writerName == "" {
				out[p.name] = p.defaultFn()
				continue
			}
			value := in[p.writerName]
			if p.convert != nil {
				var err error
				if value, err = p.convert(value); err != nil {
					return nil, err
				}
			}
			out[p.name] = value
		}
		for _, field := range dropped {
			delete(out, field)
		}
		return out, nil
	}
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
