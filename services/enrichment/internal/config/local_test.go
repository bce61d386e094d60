package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/config"
)

func TestLocalConfigFileLoads(t *testing.T) {
	cfg := Default()

	require.NoError(t, config.Load("../../../../deploy/local/config/enrichment.yaml", &cfg))

	assert.Equal(t, DefaultEnrichment(), cfg.Enrichment)
	assert.Equal(t, "profilehub", cfg.ClickHouse.Database)
}
