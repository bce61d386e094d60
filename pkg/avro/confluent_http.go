package avro

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// contentType is the media type of the Confluent schema registry REST API.
const contentType = "application/vnd.schemaregistry.v1+json"

// maxResponseBytes bounds the registry responses read into memory.
const maxResponseBytes = 4 << 20

// HTTPSchemaRegistry is a SchemaRegistryClient for the Confluent schema
// registry REST API. Basic auth credentials may be given as the user info
// of the base URL.
type HTTPSchemaRegistry struct {
	baseURL string
	client  *http.Client
}

// NewHTTPSchemaRegistry returns a client for the registry at baseURL, such
// as "http://127.0.0.1:8081". A nil client means an http.Client with a
// 10-second timeout.
func NewHTTPSchemaRegistry(baseURL string, client *http.Client) (*HTTPSchemaRegistry, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("schema registry url is invalid: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("schema registry url %q is invalid: expected http:// or https:// and a host", u.Redacted())
	}
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	return &HTTPSchemaRegistry{baseURL: strings.TrimRight(baseURL, "/"), client: client}, nil
}

// RegistryError is an error response of the schema registry.
type RegistryError struct {
	StatusCode int    // HTTP status
	Code       int    // error_code of the body, such as 40403 for an unknown schema
	Message    string // message of the body
}

func (e *RegistryError) Error() string {
	return fmt.Sprintf("schema registry returned HTTP %d, error code %d: %s", e.StatusCode, e.Code, e.Message)
}

// Unwrap returns ErrUnknownSchema for a 404 response, so that callers can
// tell a missing schema from an unavailable registry.
func (e *RegistryError) Unwrap() error {
	if e.StatusCode == http.StatusNotFound {
		return ErrUnknownSchema
	}
	return nil
}

// SchemaByID fetches GET /schemas/ids/{id} and returns the schema text.
func (h *HTTPSchemaRegistry) SchemaByID(ctx context.Context, id uint32) (string, error) {
	var body struct {
		Schema     string `json:"schema"`
		SchemaType string `json:"schemaType"`
	}
	endpoint := h.baseURL + "/schemas/ids/" + strconv.FormatUint(uint64(id), 10)
	if err := h.do(ctx, http.MethodGet, endpoint, nil, &body); err != nil {
		return "", fmt.Errorf("fetching schema id %d: %w", id, err)
	}
	if body.SchemaType != "" && body.SchemaType != "AVRO" {
		return "", fmt.Errorf("fetching schema id %d: schema type is %s, not AVRO: %w",
			id, body.SchemaType, ErrUnknownSchema)
	}
	return body.Schema, nil
}

// Register posts schema to /subjects/{subject}/versions and returns its id.
// A Confluent registry returns the existing id when the subject already has
// the schema, so Register is safe to repeat.
func (h *HTTPSchemaRegistry) Register(ctx context.Context, subject, schema string) (uint32, error) {
	request, err := json.Marshal(map[string]string{"schema": schema})
	if err != nil {
		return 0, fmt.Errorf("encoding registration of subject %q: %w", subject, err)
	}
	var body struct {
		ID uint32 `json:"id"`
	}
	endpoint := h.baseURL + "/subjects/" + url.PathEscape(subject) + "/versions"
	if err := h.do(ctx, http.MethodPost, endpoint, request, &body); err != nil {
		return 0, fmt.Errorf("registering subject %q: %w", subject, err)
	}
	return body.ID, nil
}

func (h *HTTPSchemaRegistry) do(ctx context.Context, method, endpoint string, payload []byte, out any) error {
	var reader io.Reader
	if payload != nil {
		reader = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, endpoint, reader)
	if err != nil {
		return fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("Accept", contentType)
	if payload != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if u := req.URL.User; u != nil {
		password, _ := u.Password()
		req.SetBasicAuth(u.Username(), password)
	}

	resp, err := h.client.Do(req)
	if err != nil {
		return fmt.Errorf("requesting %s %s: %w", method, req.URL.Redacted(), err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return fmt.Errorf("reading response of %s %s: %w", method, req.URL.Redacted(), err)
	}

	if resp.StatusCode != http.StatusOK {
		regErr := &RegistryError{StatusCode: resp.StatusCode}
		var body struct {
			Code    int    `json:"error_code"`
			Message string `json:"message"`
		}
		if json.Unmarshal(data, &body) == nil {
			regErr.Code, regErr.Message = body.Code, body.Message
		}
		return regErr
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("decoding response of %s %s: %w", method, req.URL.Redacted(), err)
	}
	return nil
}
