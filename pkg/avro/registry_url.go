package avro

import (
	"fmt"

	"github.com/profilehub/platform/schemas"
)

// RegistryFromURL returns the registry of the embedded platform schemas for
// a service's schema_registry.url. An empty url gives Default(), which
// decodes single-object encoding only. Otherwise the registry gets an
// HTTPSchemaRegistry client for url, so that it also decodes the Confluent
// wire format and its codecs can Register. Each call with a url builds a new
// registry, so call it once per process.
func RegistryFromURL(url string) (*Registry, error) {
	if url == "" {
		return Default()
	}
	client, err := NewHTTPSchemaRegistry(url, nil)
	if err != nil {
		return nil, err
	}
	r, err := NewRegistry(schemas.Files, WithSchemaRegistry(client))
	if err != nil {
		return nil, fmt.Errorf("loading avro schemas: %w", err)
	}
	return r, nil
}
