package settings

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadDefaults(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	flags := AddFlags(fs)
	require.NoError(t, fs.Parse(nil))
	cfg, err := flags.Load()
	require.NoError(t, err)
	assert.Equal(t, []string{"127.0.0.1:19092"}, cfg.Kafka.Brokers)
	assert.Equal(t, "", cfg.Kafka.TopicPrefix)
	assert.Equal(t, "127.0.0.1:19000", cfg.ClickHouse.Addr)
	assert.Equal(t, "profilehub", cfg.ClickHouse.Database)
	assert.Equal(t, "postgres://profilehub:profilehub@127.0.0.1:15432/profilehub?sslmode=disable",
		cfg.Postgres.DSN.Reveal())
}

func TestFlagsOverrideFileAndEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "profilectl.yaml")
	require.NoError(t, os.WriteFile(path, []byte("kafka:\n  topic_prefix: file-\nclickhouse:\n  database: from_file\n"), 0o600))
	t.Setenv("PROFILEHUB_KAFKA_BROKERS", "127.0.0.1:29092")

	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	flags := AddFlags(fs)
	require.NoError(t, fs.Parse([]string{"--config", path, "--topic-prefix", "flag-", "--postgres-dsn", "postgres://x@127.0.0.1/y"}))
	cfg, err := flags.Load()
	require.NoError(t, err)
	assert.Equal(t, []string{"127.0.0.1:29092"}, cfg.Kafka.Brokers, "environment")
	assert.Equal(t, "flag-", cfg.Kafka.TopicPrefix, "flag over file")
	assert.Equal(t, "from_file", cfg.ClickHouse.Database, "file")
	assert.Equal(t, "postgres://x@127.0.0.1/y", cfg.Postgres.DSN.Reveal())
}

func TestLoadRejectsInvalidBroker(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	flags := AddFlags(fs)
	require.NoError(t, fs.Parse([]string{"--brokers", "localhost"}))
	_, err := flags.Load()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "kafka.brokers")
}

func TestSchemaRegistryFlagAndEnvironment(t *testing.T) {
	t.Setenv("PROFILEHUB_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081")
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	flags := AddFlags(fs)
	flags.AddSchemaRegistryFlag(fs)
	require.NoError(t, fs.Parse(nil))
	cfg, err := flags.Load()
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8081", cfg.SchemaRegistry.URL, "environment")

	require.NoError(t, fs.Parse([]string{"--schema-registry", "https://127.0.0.1:8443"}))
	cfg, err = flags.Load()
	require.NoError(t, err)
	assert.Equal(t, "https://127.0.0.1:8443", cfg.SchemaRegistry.URL, "flag over environment")

	require.NoError(t, fs.Parse([]string{"--schema-registry", "127.0.0.1:8081"}))
	_, err = flags.Load()
	require.ErrorContains(t, err, "schema_registry.url")
}

func TestSchemaRegistryFlagOnlyWhereAdded(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	AddFlags(fs)
	require.Error(t, fs.Parse([]string{"--schema-registry", "http://127.0.0.1:8081"}))
}

// A log redirected to a file or a pipe must hold plain text, because ANSI
// colour codes make it hard to read and to grep.
func TestLoggerNoColorWhenNotTerminal(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "profilectl.log"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = file.Close() })

	log := newLogger(Default(), file)
	log.Warn().Str("topic", "events.raw").Msg("plain")

	data, err := os.ReadFile(file.Name())
	require.NoError(t, err)
	assert.Contains(t, string(data), "plain")
	assert.NotContains(t, string(data), "\x1b[", "ANSI escape in a log written to a file")
}

func TestIsTerminal(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = file.Close() })

	assert.False(t, isTerminal(file), "regular file")
	assert.False(t, isTerminal(io.Discard), "not an *os.File")
}
