package avro

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"github.com/linkedin/goavro/v2"

	"github.com/profilehub/platform/schemas"
)

// Registry contains the reader schemas of the platform and every writer
// schema seen so far, by CRC-64-AVRO fingerprint and by schema registry id.
// It is safe for concurrent use.
type Registry struct {
	definitions map[string]namedDefinition // named types of the loaded files
	codecs      map[string]*Codec          // reader codecs by full name
	client      SchemaRegistryClient       // nil unless WithSchemaRegistry is given

	writers sync.Map // uint64 fingerprint -> *schemaEntry
	ids     sync.Map // uint32 schema registry id -> *schemaEntry
	plans   sync.Map // planKey -> *resolution
	// registered caches the id that Register returned, by subject and
	// reader fingerprint.
	registered sync.Map // registrationKey -> uint32
}

// schemaEntry is one self-contained schema with its goavro codec.
type schemaEntry struct {
	text        string // self-contained schema JSON
	parsed      *schema
	codec       *goavro.Codec
	canonical   string
	fingerprint uint64
}

// Option configures a Registry.
type Option func(*Registry)

// WithSchemaRegistry makes the registry resolve Confluent wire format
// schema ids with client and lets codecs register their schema.
func WithSchemaRegistry(client SchemaRegistryClient) Option {
	return func(r *Registry) { r.client = client }
}

var defaultRegistry = sync.OnceValues(func() (*Registry, error) {
	return NewRegistry(schemas.Files)
})

// Default returns the registry of the embedded platform schemas, built once
// per process and without a schema registry client.
func Default() (*Registry, error) {
	return defaultRegistry()
}

// NewRegistry parses every *.avsc file at the root of files, and adds the
// earlier versions in files' history folder as writer schemas. A schema may
// refer by full name to a named type that another file defines: the first
// reference is replaced by a copy of the definition, so every loaded schema
// is self-contained. Each file's top-level type becomes a reader schema that
// Codec returns and a writer schema that Decode recognizes.
func NewRegistry(files fs.FS, opts ...Option) (*Registry, error) {
	r := &Registry{definitions: map[string]namedDefinition{}, codecs: map[string]*Codec{}}
	for _, opt := range opts {
		opt(r)
	}

	docs, err := readSchemaFiles(files)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(docs))
	for name, doc := range docs {
		if err := collectDefinitions(doc, "", name, r.definitions); err != nil {
			return nil, fmt.Errorf("loading schema %s: %w", name, err)
		}
		names = append(names, name)
	}
	sort.Strings(names)

	for _, name := range names {
		entry, err := r.buildEntry(docs[name])
		if err != nil {
			return nil, fmt.Errorf("loading schema %s: %w", name, err)
		}
		if entry.parsed.name == "" {
			return nil, fmt.Errorf("loading schema %s: the top-level type is not a named type", name)
		}
		if _, dup := r.codecs[entry.parsed.name]; dup {
			return nil, fmt.Errorf("loading schema %s: type %q is the top-level type of two files", name, entry.parsed.name)
		}
		r.writers.Store(entry.fingerprint, entry)
		r.codecs[entry.parsed.name] = newCodec(r, entry)
	}
	if err := r.addHistory(files); err != nil {
		return nil, err
	}
	return r, nil
}

// addHistory adds every schema in the history folder of files as a writer
// schema. Single-object records carry only a fingerprint, so a record
// written before a schema changed decodes only while its version is known.
// Each history file must be self-contained: it is not inlined.
func (r *Registry) addHistory(files fs.FS) error {
	paths, err := fs.Glob(files, "history/*.avsc")
	if err != nil {
		return fmt.Errorf("listing historical schemas: %w", err)
	}
	for _, p := range paths {
		data, err := fs.ReadFile(files, p)
		if err != nil {
			return fmt.Errorf("reading historical schema %s: %w", p, err)
		}
		if _, err := r.AddWriter(string(data)); err != nil {
			return fmt.Errorf("loading historical schema %s: %w", p, err)
		}
	}
	return nil
}

func readSchemaFiles(files fs.FS) (map[string]any, error) {
	paths, err := fs.Glob(files, "*.avsc")
	if err != nil {
		return nil, fmt.Errorf("listing schema files: %w", err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("listing schema files: no *.avsc file found")
	}
	docs := make(map[string]any, len(paths))
	for _, p := range paths {
		data, err := fs.ReadFile(files, p)
		if err != nil {
			return nil, fmt.Errorf("reading schema %s: %w", p, err)
		}
		doc, err := decodeJSON(string(data))
		if err != nil {
			return nil, fmt.Errorf("reading schema %s: %w", p, err)
		}
		docs[path.Base(p)] = doc
	}
	return docs, nil
}

// buildEntry inlines the named types that doc refers to but does not
// define, then parses the result and builds its goavro codec.
func (r *Registry) buildEntry(doc any) (*schemaEntry, error) {
	inlined, err := inlineReferences(doc, r.definitions)
	if err != nil {
		return nil, err
	}
	text, err := json.Marshal(inlined)
	if err != nil {
		return nil, fmt.Errorf("encoding inlined schema: %w", err)
	}
	entry := &schemaEntry{text: string(text)}
	if entry.parsed, err = parseSchemaJSON(entry.text); err != nil {
		return nil, err
	}
	if entry.codec, err = goavro.NewCodec(entry.text); err != nil {
		return nil, fmt.Errorf("building goavro codec: %w", err)
	}
	entry.canonical = canonicalForm(entry.parsed)
	entry.fingerprint = Fingerprint([]byte(entry.canonical))
	return entry, nil
}

// Codec returns the reader codec of the top-level type fullName, such as
// "profilehub.events.Event".
func (r *Registry) Codec(fullName string) (*Codec, error) {
	c, ok := r.codecs[fullName]
	if !ok {
		return nil, fmt.Errorf("schema %q not found in the registry: %w", fullName, ErrUnknownSchema)
	}
	return c, nil
}

// Names returns the full names of the reader schemas, sorted.
func (r *Registry) Names() []string {
	out := make([]string, 0, len(r.codecs))
	for name := range r.codecs {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// AddWriter accepts data written with schemaJSON, such as an older or newer
// version of a reader schema, and returns its CRC-64-AVRO fingerprint. The
// schema may refer to named types of the loaded files. Adding a schema
// twice is harmless.
//
// NOTE: the canonical form drops logical types, decimal scale, defaults and
// aliases, so two versions that differ only in those share a fingerprint.
// The registry keeps the first schema it saw, and single-object data of the
// other version decodes with it: a changed decimal scale shifts the value.
// The Confluent wire format does not have this problem, because each
// version gets its own id.
func (r *Registry) AddWriter(schemaJSON string) (uint64, error) {
	entry, err := r.addWriter(schemaJSON)
	if err != nil {
		return 0, err
	}
	return entry.fingerprint, nil
}

func (r *Registry) addWriter(schemaJSON string) (*schemaEntry, error) {
	doc, err := decodeJSON(schemaJSON)
	if err != nil {
		return nil, fmt.Errorf("adding writer schema: %w", err)
	}
	entry, err := r.buildEntry(doc)
	if err != nil {
		return nil, fmt.Errorf("adding writer schema: %w", err)
	}
	actual, _ := r.writers.LoadOrStore(entry.fingerprint, entry)
	return actual.(*schemaEntry), nil
}

func (r *Registry) writer(fingerprint uint64) (*schemaEntry, bool) {
	v, ok := r.writers.Load(fingerprint)
	if !ok {
		return nil, false
	}
	return v.(*schemaEntry), true
}

// WriterCodec returns a codec whose schema is the writer schema with the
// given fingerprint, as AddWriter returned it. Its Encode writes data in
// that schema version, which tests and migration tools need; its Decode
// resolves to that version.
func (r *Registry) WriterCodec(fingerprint uint64) (*Codec, error) {
	entry, ok := r.writer(fingerprint)
	if !ok {
		return nil, fmt.Errorf("writer schema with fingerprint %#016x not found in the registry: %w",
			fingerprint, ErrUnknownSchema)
	}
	if c, ok := r.codecs[entry.parsed.name]; ok && c.reader == entry {
		return c, nil
	}
	return newCodec(r, entry), nil
}
