package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/config"
)

func TestDefaultIsValid(t *testing.T) {
	cfg := Default()
	require.NoError(t, cfg.Validate())
}

func TestValidateNamesKey(t *testing.T) {
	cases := []struct {
		name   string
		modify func(*Ingest)
		key    string
	}{
		{"negative skew", func(i *Ingest) { i.MaxClockSkew = -time.Second }, "ingest.max_clock_skew"},
		{"negative age", func(i *Ingest) { i.MaxEventAge = -time.Hour }, "ingest.max_event_age"},
		{"zero max bytes", func(i *Ingest) { i.MaxEventBytes = 0 }, "ingest.max_event_bytes"},
		{"negative cache", func(i *Ingest) { i.IdentityCacheSize = -1 }, "ingest.identity_cache_size"},
		{"zero poll records", func(i *Ingest) { i.MaxPollRecords = 0 }, "ingest.max_poll_records"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			tc.modify(&cfg.Ingest)
			err := cfg.Validate()
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.key)
		})
	}
}

func TestLoadFileAndEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ingest.yaml")
	yaml := "ingest:\n  max_clock_skew: 2m\n  clamp_future: true\n  max_event_bytes: 1024\n"
	require.NoError(t, os.WriteFile(path, []byte(yaml), 0o600))
	t.Setenv("PROFILEHUB_INGEST_MAX_EVENT_AGE", "720h")

	cfg := Default()
	require.NoError(t, config.Load(path, &cfg))
	require.Equal(t, 2*time.Minute, cfg.Ingest.MaxClockSkew)
	require.True(t, cfg.Ingest.ClampFuture)
	require.Equal(t, 1024, cfg.Ingest.MaxEventBytes)
	require.Equal(t, 720*time.Hour, cfg.Ingest.MaxEventAge)
	require.Equal(t, 100_000, cfg.Ingest.IdentityCacheSize)
}

// The local stack's file must load with every key known and valid.
func TestLoadLocalStackFile(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "deploy", "local", "config", "ingest.yaml")
	cfg := Default()
	require.NoError(t, config.Load(path, &cfg))
	require.Equal(t, DefaultIngest(), cfg.Ingest)
	require.Equal(t, "127.0.0.1:9101", cfg.HTTP.Addr)
}
