package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	pkgconfig "github.com/profilehub/platform/pkg/config"
)

func TestDefaultIsValid(t *testing.T) {
	cfg := Default()
	assert.NoError(t, cfg.Validate())
}

func TestValidateNamesKey(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Config)
		key    string
	}{
		{"rules path", func(c *Config) { c.Segment.RulesPath = "" }, "segment.rules_path"},
		{"poll records", func(c *Config) { c.Segment.MaxPollRecords = 0 }, "segment.max_poll_records"},
		{"postgres", func(c *Config) { c.Postgres.DSN = "" }, "postgres.dsn"},
		{"http", func(c *Config) { c.HTTP.Addr = "" }, "http.addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Default()
			tt.modify(&cfg)
			err := cfg.Validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.key)
		})
	}
}

func TestLoadLocalConfig(t *testing.T) {
	cfg := Default()
	require.NoError(t, pkgconfig.Load("../../../../deploy/local/config/segment.yaml", &cfg))
	assert.Equal(t, "127.0.0.1:9105", cfg.HTTP.Addr)
	assert.Equal(t, "deploy/segment/rules.yaml", cfg.Segment.RulesPath)
}
