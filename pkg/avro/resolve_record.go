package avro

import "fmt"

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
