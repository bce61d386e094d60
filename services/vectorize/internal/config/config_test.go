package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	pkgconfig "github.com/profilehub/platform/pkg/config"
)

func TestDefaultIsValid(t *testing.T) {
	c := Default()
	require.NoError(t, c.Validate())
}

func TestValidateNamesKey(t *testing.T) {
	cases := map[string]func(*Config){
		"vectorize.max_poll_records":     func(c *Config) { c.Vectorize.MaxPollRecords = 0 },
		"vectorize.catalogue_cache_ttl":  func(c *Config) { c.Vectorize.CatalogueCacheTTL = -time.Second },
		"vectorize.catalogue_cache_size": func(c *Config) { c.Vectorize.CatalogueCacheSize = 0 },
		"http.addr":                      func(c *Config) { c.HTTP.Addr = "" },
	}
	for key, mutate := range cases {
		t.Run(key, func(t *testing.T) {
			c := Default()
			mutate(&c)
			require.ErrorContains(t, c.Validate(), key)
		})
	}
}

func TestLoadLocalFile(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "deploy", "local", "config", "vectorize.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("local config not found: %v", err)
	}
	t.Setenv("PROFILEHUB_VECTORIZE_MAX_POLL_RECORDS", "250")
	c := Default()
	require.NoError(t, pkgconfig.Load(path, &c))
	require.Equal(t, 250, c.Vectorize.MaxPollRecords)
	require.Equal(t, "127.0.0.1:9104", c.HTTP.Addr)
}
