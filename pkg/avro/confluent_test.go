package avro

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// fakeSchemaRegistry serves the two Confluent REST API paths that
// HTTPSchemaRegistry uses, from memory.
type fakeSchemaRegistry struct {
	mu       sync.Mutex
	schemas  []string // id i+1 is schemas[i]
	subjects map[string][]uint32
	failures int // number of next requests that get HTTP 500
	requests int
}

func (f *fakeSchemaRegistry) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	w.Header().Set("Content-Type", contentType)
	if f.failures > 0 {
		f.failures--
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"error_code":50001,"message":"store unavailable"}`))
		return
	}

	switch {
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/schemas/ids/"):
		id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/schemas/ids/"))
		if err != nil || id < 1 || id > len(f.schemas) {
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error_code":40403,"message":"Schema not found"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"schema": f.schemas[id-1]})
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/versions"):
		subject := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/subjects/"), "/versions")
		var body struct {
			Schema string `json:"schema"`
		}
		if r.Header.Get("Content-Type") != contentType || json.NewDecoder(r.Body).Decode(&body) != nil {
			w.WriteHeader(http.StatusUnprocessableEntity)
			_, _ = w.Write([]byte(`{"error_code":42201,"message":"Invalid schema"}`))
			return
		}
		id := f.idOf(body.Schema)
		f.subjects[subject] = append(f.subjects[subject], id)
		_ = json.NewEncoder(w).Encode(map[string]uint32{"id": id})
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func (f *fakeSchemaRegistry) idOf(schema string) uint32 {
	for i, s := range f.schemas {
		if s == schema {
			return uint32(i + 1)
		}
	}
	f.schemas = append(f.schemas, schema)
	return uint32(len(f.schemas))
}

// startSchemaRegistry serves a fake registry on a loopback port.
func startSchemaRegistry(t testing.TB) (*fakeSchemaRegistry, *HTTPSchemaRegistry) {
	t.Helper()
	fake := &fakeSchemaRegistry{subjects: map[string][]uint32{}}
	server := httptest.NewServer(fake)
	t.Cleanup(server.Close)
	require.True(t, strings.HasPrefix(server.URL, "http://127.0.0.1:"), server.URL)
	client, err := NewHTTPSchemaRegistry(server.URL, server.Client())
	require.NoError(t, err)
	return fake, client
}

const confluentReader = `{"type":"record","name":"Visit","namespace":"site","fields":[
	{"name":"page","type":"string"},{"name":"ms","type":"long"},{"name":"ref","type":["null","string"],"default":null}]}`

func TestConfluentRoundTrip(t *testing.T) {
	ctx := context.Background()
	fake, client := startSchemaRegistry(t)
	_, producer := readerRegistry(t, confluentReader, WithSchemaRegistry(client))

	id, err := producer.Register(ctx, "visits-value")
	require.NoError(t, err)
	require.Equal(t, uint32(1), id)
	again, err := producer.Register(ctx, "visits-value")
	require.NoError(t, err)
	require.Equal(t, id, again)
	require.Equal(t, 1, fake.requests, "the second Register must come from the cache")

	data, err := producer.EncodeConfluent(id, map[string]any{"page": "/", "ms": int64(12), "ref": nil})
	require.NoError(t, err)
	require.Equal(t, []byte{0x00, 0, 0, 0, 1}, data[:5])

	// A consumer with empty caches fetches the writer schema once.
	_, consumer := readerRegistry(t, confluentReader, WithSchemaRegistry(client))
	for range 2 {
		got, err := consumer.DecodeContext(ctx, data)
		require.NoError(t, err)
		require.Equal(t, map[string]any{"page": "/", "ms": int64(12), "ref": nil}, got)
	}
	require.Equal(t, 2, fake.requests)
}

func TestConfluentResolvesOlderWriter(t *testing.T) {
	ctx := context.Background()
	_, client := startSchemaRegistry(t)
	older := `{"type":"record","name":"Visit","namespace":"site","fields":[{"name":"page","type":"string"},{"name":"ms","type":"int"}]}`
	id, err := client.Register(ctx, "visits-value", older)
	require.NoError(t, err)

	reg, consumer := readerRegistry(t, confluentReader, WithSchemaRegistry(client))
	fp, err := reg.AddWriter(older)
	require.NoError(t, err)
	w, err := reg.WriterCodec(fp)
	require.NoError(t, err)
	data, err := w.EncodeConfluent(id, map[string]any{"page": "/a", "ms": int32(3)})
	require.NoError(t, err)

	got, err := consumer.Decode(data)
	require.NoError(t, err)
	require.Equal(t, map[string]any{"page": "/a", "ms": int64(3), "ref": nil}, got)
}

func TestConfluentErrors(t *testing.T) {
	ctx := context.Background()
	fake, client := startSchemaRegistry(t)
	_, consumer := readerRegistry(t, confluentReader, WithSchemaRegistry(client))

	// An id the registry does not have is permanent.
	_, err := consumer.DecodeContext(ctx, []byte{0x00, 0, 0, 0, 9, 0x02})
	require.ErrorIs(t, err, ErrUnknownSchema)
	require.True(t, IsPermanent(err))
	require.Contains(t, err.Error(), "the schema registry has no schema id 9")

	// An unavailable registry is transient, and a retry succeeds.
	id, err := client.Register(ctx, "visits-value", confluentReader)
	require.NoError(t, err)
	fake.mu.Lock()
	fake.failures = 1
	fake.mu.Unlock()
	_, producer := readerRegistry(t, confluentReader)
	data, err := producer.EncodeConfluent(id, map[string]any{"page": "/", "ms": int64(1)})
	require.NoError(t, err)

	_, err = consumer.DecodeContext(ctx, data)
	require.Error(t, err)
	require.False(t, IsPermanent(err))
	var regErr *RegistryError
	require.ErrorAs(t, err, &regErr)
	require.Equal(t, http.StatusInternalServerError, regErr.StatusCode)
	require.Equal(t, 50001, regErr.Code)

	_, err = consumer.DecodeContext(ctx, data)
	require.NoError(t, err)
}

func TestRegisterWithoutClient(t *testing.T) {
	_, c := readerRegistry(t, confluentReader)
	_, err := c.Register(context.Background(), "visits-value")
	require.ErrorContains(t, err, "no schema registry client configured")
}

func TestNewHTTPSchemaRegistryRejectsBadURL(t *testing.T) {
	for _, raw := range []string{"", "127.0.0.1:8081", "ftp://127.0.0.1/"} {
		_, err := NewHTTPSchemaRegistry(raw, nil)
		require.Error(t, err, raw)
	}
}
