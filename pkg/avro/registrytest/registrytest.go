// Package registrytest serves an in-memory Confluent schema registry on a
// loopback port, for tests of code that takes a schema_registry.url.
package registrytest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// contentType is the media type of the Confluent schema registry REST API.
const contentType = "application/vnd.schemaregistry.v1+json"

// Registry is a fake schema registry. It serves the two REST paths that
// avro.HTTPSchemaRegistry uses: GET /schemas/ids/{id} and POST
// /subjects/{subject}/versions. Equal schema texts share one id, and ids
// count from 1. It is safe for concurrent use.
type Registry struct {
	// URL is the base URL, such as "http://127.0.0.1:41234".
	URL string

	mu       sync.Mutex
	schemas  []string            // id i+1 is schemas[i]
	subjects map[string][]uint32 // ids registered per subject, in request order
}

// Start serves a new Registry on 127.0.0.1 until the test ends.
func Start(t testing.TB) *Registry {
	t.Helper()
	r := &Registry{subjects: map[string][]uint32{}}
	server := httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(server.Close)
	r.URL = server.URL
	return r
}

// Subjects returns the ids registered under each subject so far.
func (r *Registry) Subjects() map[string][]uint32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string][]uint32, len(r.subjects))
	for subject, ids := range r.subjects {
		out[subject] = append([]uint32(nil), ids...)
	}
	return out
}

// Schema returns the schema text of id, or "" when there is none.
func (r *Registry) Schema(id uint32) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id < 1 || int(id) > len(r.schemas) {
		return ""
	}
	return r.schemas[id-1]
}

// Register stores schema under subject, as a POST would, and returns its id.
func (r *Registry) Register(subject, schema string) uint32 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.register(subject, schema)
}

func (r *Registry) register(subject, schema string) uint32 {
	id := uint32(0)
	for i, s := range r.schemas {
		if s == schema {
			id = uint32(i + 1)
		}
	}
	if id == 0 {
		r.schemas = append(r.schemas, schema)
		id = uint32(len(r.schemas))
	}
	r.subjects[subject] = append(r.subjects[subject], id)
	return id
}

func (r *Registry) serve(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", contentType)
	switch {
	case req.Method == http.MethodGet && strings.HasPrefix(req.URL.Path, "/schemas/ids/"):
		id, err := strconv.ParseUint(strings.TrimPrefix(req.URL.Path, "/schemas/ids/"), 10, 32)
		schema := ""
		if err == nil {
			schema = r.Schema(uint32(id))
		}
		if schema == "" {
			writeError(w, http.StatusNotFound, 40403, "Schema not found")
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"schema": schema})
	case req.Method == http.MethodPost && strings.HasPrefix(req.URL.Path, "/subjects/") &&
		strings.HasSuffix(req.URL.Path, "/versions"):
		subject := strings.TrimSuffix(strings.TrimPrefix(req.URL.Path, "/subjects/"), "/versions")
		var body struct {
			Schema string `json:"schema"`
		}
		if err := json.NewDecoder(req.Body).Decode(&body); err != nil || body.Schema == "" {
			writeError(w, http.StatusUnprocessableEntity, 42201, "Invalid schema")
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]uint32{"id": r.Register(subject, body.Schema)})
	default:
		writeError(w, http.StatusNotFound, 404, "Not found")
	}
}

func writeError(w http.ResponseWriter, status, code int, message string) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error_code": code, "message": message})
}
