package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

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
		{"model version", func(c *Config) { c.Inference.ModelVersion = " " }, "inference.model_version"},
		{"chunk size zero", func(c *Config) { c.Inference.QueryChunkSize = 0 }, "inference.query_chunk_size"},
		{"chunk size too large", func(c *Config) { c.Inference.QueryChunkSize = 5001 }, "inference.query_chunk_size"},
		{"refresh", func(c *Config) { c.Inference.RFMRefreshInterval = -time.Second }, "inference.rfm_refresh_interval"},
		{"poll records", func(c *Config) { c.Inference.MaxPollRecords = -1 }, "inference.max_poll_records"},
		{"refresh idle", func(c *Config) { c.Inference.RefreshIdle = -time.Second }, "inference.refresh_idle"},
		{"clickhouse", func(c *Config) { c.ClickHouse.Addr = "nohost" }, "clickhouse.addr"},
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
	require.NoError(t, pkgconfig.Load("../../../../deploy/local/config/inference.yaml", &cfg))
	assert.Equal(t, "127.0.0.1:9103", cfg.HTTP.Addr)
	assert.Equal(t, "traits-v1", cfg.Inference.ModelVersion)
	assert.Equal(t, 5*time.Second, cfg.Inference.RefreshIdle)
}

func TestLoadEnvOverride(t *testing.T) {
	path := filepath.Join(t.TempDir(), "inference.yaml")
	require.NoError(t, os.WriteFile(path, []byte("inference:\n  query_chunk_size: 50\n"), 0o600))
	t.Setenv("PROFILEHUB_INFERENCE_MODEL_VERSION", "traits-test")

	cfg := Default()
	require.NoError(t, pkgconfig.Load(path, &cfg))
	assert.Equal(t, 50, cfg.Inference.QueryChunkSize)
	assert.Equal(t, "traits-test", cfg.Inference.ModelVersion)
}
