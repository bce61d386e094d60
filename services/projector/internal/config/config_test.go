package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	pkgconfig "github.com/profilehub/platform/pkg/config"
)

const testKey = "0123456789abcdef0123456789abcdef"

func TestValidate(t *testing.T) {
	cases := map[string]struct {
		mutate  func(*Config)
		wantKey string
	}{
		"valid":                  {func(*Config) {}, ""},
		"missing key":            {func(c *Config) { c.Pseudonym.Key = "" }, "pseudonym.key"},
		"short key":              {func(c *Config) { c.Pseudonym.Key = "short" }, "pseudonym.key"},
		"zero poll records":      {func(c *Config) { c.Projector.MaxPollRecords = 0 }, "projector.max_poll_records"},
		"invalid listen address": {func(c *Config) { c.HTTP.Addr = "9106" }, "http.addr"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c := Default()
			c.Pseudonym.Key = testKey
			tc.mutate(&c)
			err := c.Validate()
			if tc.wantKey == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.wantKey)
		})
	}
}

func TestKeyNeverPrints(t *testing.T) {
	c := Default()
	c.Pseudonym.Key = testKey
	require.NotContains(t, c.Pseudonym.Key.String(), testKey)
}

func TestLoadLocalFile(t *testing.T) {
	path := filepath.Join("..", "..", "..", "..", "deploy", "local", "config", "projector.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("local config not found: %v", err)
	}
	t.Setenv("PROFILEHUB_PROJECTOR_MAX_POLL_RECORDS", "200")
	c := Default()
	require.NoError(t, pkgconfig.Load(path, &c))
	require.Equal(t, 200, c.Projector.MaxPollRecords)
	require.Equal(t, "127.0.0.1:9106", c.HTTP.Addr)
}
