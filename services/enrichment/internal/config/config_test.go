package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/config"
)

func TestDefaultIsValid(t *testing.T) {
	cfg := Default()

	assert.NoError(t, cfg.Validate())
	assert.Equal(t, "127.0.0.1:9102", cfg.HTTP.Addr)
	assert.Equal(t, 30*time.Minute, cfg.Enrichment.SessionGap)
}

func TestLoadFileAndEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "enrichment.yaml")
	yaml := "enrichment:\n  session_gap: 45m\n  catalogue_cache_ttl: 1m\n  keys_per_statement: 200\n"
	require.NoError(t, os.WriteFile(path, []byte(yaml), 0o600))
	t.Setenv("PROFILEHUB_ENRICHMENT_CATALOGUE_CACHE_SIZE", "123")

	cfg := Default()
	require.NoError(t, config.Load(path, &cfg))

	assert.Equal(t, 45*time.Minute, cfg.Enrichment.SessionGap)
	assert.Equal(t, time.Minute, cfg.Enrichment.CatalogueCacheTTL)
	assert.Equal(t, 200, cfg.Enrichment.KeysPerStatement)
	assert.Equal(t, 123, cfg.Enrichment.CatalogueCacheSize)
	assert.Equal(t, 1000, cfg.Enrichment.MaxPollRecords, "unset keys keep their default")
}

func TestValidateNamesKey(t *testing.T) {
	tests := []struct {
		key    string
		change func(*Enrichment)
	}{
		{"enrichment.session_gap", func(e *Enrichment) { e.SessionGap = 0 }},
		{"enrichment.catalogue_cache_size", func(e *Enrichment) { e.CatalogueCacheSize = -1 }},
		{"enrichment.catalogue_cache_ttl", func(e *Enrichment) { e.CatalogueCacheTTL = 0 }},
		{"enrichment.keys_per_statement", func(e *Enrichment) { e.KeysPerStatement = 0 }},
		{"enrichment.max_poll_records", func(e *Enrichment) { e.MaxPollRecords = 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			cfg := Default()
			tt.change(&cfg.Enrichment)

			err := cfg.Validate()

			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.key)
		})
	}
}
