package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSchemaRegistryValidate(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want string // "" = valid
	}{
		{"empty is off", "", ""},
		{"http", "http://127.0.0.1:8081", ""},
		{"https with credentials", "https://user:pw@registry.example:8081/base", ""},
		{"no scheme", "127.0.0.1:8081", "schema_registry.url: invalid URL"},
		{"other scheme", "ftp://registry", "expected http:// or https://"},
		{"no host", "http://", "expected http:// or https:// and a host"},
		{"unparsable", "http://u:secret@[::1", "schema_registry.url: invalid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := SchemaRegistry{URL: tt.url}.Validate()
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tt.want)
			assert.NotContains(t, err.Error(), "secret", "the password stays out of the message")
		})
	}
}

func TestSchemaRegistryRedacted(t *testing.T) {
	s := SchemaRegistry{URL: "http://user:secret@127.0.0.1:8081"}
	assert.True(t, s.Enabled())
	assert.Equal(t, "http://user:xxxxx@127.0.0.1:8081", s.Redacted())
	assert.False(t, SchemaRegistry{}.Enabled())
}

type registryConfig struct {
	SchemaRegistry SchemaRegistry `mapstructure:"schema_registry"`
}

func (c *registryConfig) Validate() error { return c.SchemaRegistry.Validate() }

func TestLoadSchemaRegistry(t *testing.T) {
	cfg := registryConfig{}
	require.NoError(t, Load("", &cfg))
	assert.Empty(t, cfg.SchemaRegistry.URL, "off by default")

	path := writeFile(t, "schema_registry:\n  url: http://127.0.0.1:8081\n")
	require.NoError(t, Load(path, &cfg))
	assert.Equal(t, "http://127.0.0.1:8081", cfg.SchemaRegistry.URL)

	t.Setenv("PROFILEHUB_SCHEMA_REGISTRY_URL", "https://127.0.0.1:8443")
	require.NoError(t, Load(path, &cfg))
	assert.Equal(t, "https://127.0.0.1:8443", cfg.SchemaRegistry.URL)

	t.Setenv("PROFILEHUB_SCHEMA_REGISTRY_URL", "registry:8081")
	require.ErrorContains(t, Load("", &cfg), "schema_registry.url")
}
