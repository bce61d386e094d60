package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serviceConfig is shaped like a service's config.
type serviceConfig struct {
	Kafka      Kafka      `mapstructure:"kafka"`
	ClickHouse ClickHouse `mapstructure:"clickhouse"`
	Postgres   Postgres   `mapstructure:"postgres"`
	HTTP       HTTP       `mapstructure:"http"`
	Log        Log        `mapstructure:"log"`
	BatchSize  int        `mapstructure:"batch_size"`
	Flush      struct {
		Interval time.Duration `mapstructure:"interval"`
	} `mapstructure:"flush"`
}

func (c *serviceConfig) Validate() error {
	return errors.Join(c.Kafka.Validate(), c.ClickHouse.Validate(), c.Postgres.Validate(),
		c.HTTP.Validate(), c.Log.Validate())
}

func defaults() serviceConfig {
	return serviceConfig{
		Kafka: DefaultKafka(), ClickHouse: DefaultClickHouse(), Postgres: DefaultPostgres(),
		HTTP: HTTP{Addr: "127.0.0.1:9101"}, Log: DefaultLog(), BatchSize: 100,
	}
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "svc.yaml")
	require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
	return path
}

func TestLoadDefaultsOnly(t *testing.T) {
	cfg := defaults()
	require.NoError(t, Load("", &cfg))
	assert.Equal(t, defaults(), cfg)
}

func TestLoadFileOverridesDefaults(t *testing.T) {
	path := writeFile(t, `
kafka:
  brokers: [a:1, b:2]
  topic_prefix: dev.
clickhouse:
  dial_timeout: 2s
batch_size: 7
flush:
  interval: 250ms
`)
	cfg := defaults()
	require.NoError(t, Load(path, &cfg))
	assert.Equal(t, []string{"a:1", "b:2"}, cfg.Kafka.Brokers)
	assert.Equal(t, "dev.", cfg.Kafka.TopicPrefix)
	assert.Equal(t, 2*time.Second, cfg.ClickHouse.DialTimeout)
	assert.Equal(t, "profilehub", cfg.ClickHouse.Database, "keys absent from the file keep the default")
	assert.Equal(t, 7, cfg.BatchSize)
	assert.Equal(t, 250*time.Millisecond, cfg.Flush.Interval)
}

func TestLoadEnvOverridesFile(t *testing.T) {
	path := writeFile(t, "kafka:\n  topic_prefix: file.\nbatch_size: 7\n")
	t.Setenv("PROFILEHUB_KAFKA_BROKERS", "x:1, y:2")
	t.Setenv("PROFILEHUB_KAFKA_TOPIC_PREFIX", "env.")
	t.Setenv("PROFILEHUB_CLICKHOUSE_PASSWORD", "s3cret")
	t.Setenv("PROFILEHUB_HTTP_ADDR", "127.0.0.1:9999")
	t.Setenv("PROFILEHUB_BATCH_SIZE", "9")
	t.Setenv("PROFILEHUB_FLUSH_INTERVAL", "3s")

	cfg := defaults()
	require.NoError(t, Load(path, &cfg))
	assert.Equal(t, []string{"x:1", "y:2"}, cfg.Kafka.Brokers, "comma-separated list")
	assert.Equal(t, "env.", cfg.Kafka.TopicPrefix)
	assert.Equal(t, "s3cret", cfg.ClickHouse.Password.Reveal())
	assert.Equal(t, "127.0.0.1:9999", cfg.HTTP.Addr)
	assert.Equal(t, 9, cfg.BatchSize)
	assert.Equal(t, 3*time.Second, cfg.Flush.Interval)
}

func TestLoadRejectsUnknownKey(t *testing.T) {
	path := writeFile(t, "kafka:\n  brokres: [a:1]\n")
	cfg := defaults()
	err := Load(path, &cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "brokres")
}

func TestLoadMissingFile(t *testing.T) {
	cfg := defaults()
	err := Load(filepath.Join(t.TempDir(), "absent.yaml"), &cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "absent.yaml")
}

func TestLoadValidateNamesKey(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"no brokers", map[string]string{"PROFILEHUB_KAFKA_BROKERS": " , "},
			"kafka.brokers: must list at least one broker"},
		{"broker without port", map[string]string{"PROFILEHUB_KAFKA_BROKERS": "a:1,b"},
			`kafka.brokers: invalid broker address "b"`},
		{"bad clickhouse addr", map[string]string{"PROFILEHUB_CLICKHOUSE_ADDR": "nohost"},
			"clickhouse.addr: invalid address"},
		{"bad level", map[string]string{"PROFILEHUB_LOG_LEVEL": "loud"}, "log.level: unknown level"},
		{"bad http addr", map[string]string{"PROFILEHUB_HTTP_ADDR": "9101"}, "http.addr: invalid listen address"},
		{"negative wait", map[string]string{"PROFILEHUB_POSTGRES_CONNECT_WAIT": "-1s"},
			"postgres.connect_wait: must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			cfg := defaults()
			err := Load("", &cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestSectionValidate(t *testing.T) {
	err := Kafka{}.Validate()
	var fieldErr *FieldError
	require.ErrorAs(t, err, &fieldErr)
	assert.Equal(t, "kafka.brokers", fieldErr.Key)
	assert.Equal(t, "kafka.brokers: must list at least one broker as host:port", err.Error())

	assert.EqualError(t, Postgres{}.Validate(), "postgres.dsn: must be set")
	assert.EqualError(t, ClickHouse{Addr: "h:1"}.Validate(), "clickhouse.database: must be set")
	assert.NoError(t, Log{}.Validate(), "empty level means info")
}

func TestLoadRejectsNonPointer(t *testing.T) {
	err := Load("", valueValidator{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pointer to a struct")
}

type valueValidator struct{}

func (valueValidator) Validate() error { return nil }

func TestSecretNeverPrints(t *testing.T) {
	s := Secret("hunter2")
	cfg := defaults()
	cfg.Postgres.DSN = "postgres://u:hunter2@h/db"

	outputs := map[string]string{
		"%v":  fmt.Sprintf("%v", s),
		"%s":  fmt.Sprintf("%s", s),
		"%q":  fmt.Sprintf("%q", s),
		"%#v": fmt.Sprintf("%#v", s),
		"%+v": fmt.Sprintf("%+v", cfg),
		"%x":  fmt.Sprintf("%x", s),
	}
	data, err := json.Marshal(cfg)
	require.NoError(t, err)
	outputs["json"] = string(data)

	var buf jsonBuffer
	log := zerolog.New(&buf)
	log.Info().Interface("config", cfg).Stringer("secret", s).Msg("x")
	outputs["zerolog"] = buf.String()

	for name, out := range outputs {
		assert.NotContains(t, out, "hunter2", "output of %s", name)
	}
	assert.Equal(t, "hunter2", s.Reveal())
}

type jsonBuffer struct{ data []byte }

func (b *jsonBuffer) Write(p []byte) (int, error) { b.data = append(b.data, p...); return len(p), nil }
func (b *jsonBuffer) String() string              { return string(b.data) }

// embeddedConfig embeds one section squashed and one as its own key.
type embeddedConfig struct {
	Kafka `mapstructure:",squash"`
	Log
}

func (c *embeddedConfig) Validate() error { return nil }

func TestLoadEmbeddedSections(t *testing.T) {
	t.Setenv("PROFILEHUB_TOPIC_PREFIX", "squashed.")
	t.Setenv("PROFILEHUB_LOG_LEVEL", "debug")

	cfg := embeddedConfig{Kafka: DefaultKafka()}
	require.NoError(t, Load("", &cfg))
	assert.Equal(t, "squashed.", cfg.TopicPrefix)
	assert.Equal(t, "debug", cfg.Level)
	assert.Equal(t, []string{"127.0.0.1:19092"}, cfg.Brokers)
}

// A variable that is set but empty overrides the file with "", so an empty
// broker list is rejected by Validate instead of the file's brokers being
// used.
func TestLoadEmptyEnvOverridesFile(t *testing.T) {
	path := writeFile(t, "kafka:\n  brokers: [a:1]\n  topic_prefix: file.\n")
	t.Setenv("PROFILEHUB_KAFKA_TOPIC_PREFIX", "")

	cfg := defaults()
	require.NoError(t, Load(path, &cfg))
	assert.Equal(t, "", cfg.Kafka.TopicPrefix)

	t.Setenv("PROFILEHUB_KAFKA_BROKERS", "")
	cfg = defaults()
	err := Load(path, &cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "kafka.brokers: must list at least one broker")
	assert.Contains(t, err.Error(), "from environment variable PROFILEHUB_KAFKA_BROKERS",
		"the variable, not the file, holds the invalid value")
}

func TestLoadEnvErrorNamesVariable(t *testing.T) {
	tests := []struct {
		name  string
		env   string
		value string
		want  string
	}{
		{"bad duration", "PROFILEHUB_FLUSH_INTERVAL", "banana",
			`invalid environment variable PROFILEHUB_FLUSH_INTERVAL="banana" (key flush.interval)`},
		{"empty duration", "PROFILEHUB_FLUSH_INTERVAL", "",
			`invalid environment variable PROFILEHUB_FLUSH_INTERVAL="" (key flush.interval)`},
		{"bad int", "PROFILEHUB_BATCH_SIZE", "many",
			`invalid environment variable PROFILEHUB_BATCH_SIZE="many" (key batch_size)`},
		{"empty int", "PROFILEHUB_BATCH_SIZE", "",
			`invalid environment variable PROFILEHUB_BATCH_SIZE="" (key batch_size)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "batch_size: 7\nflush:\n  interval: 1s\n")
			t.Setenv(tt.env, tt.value)
			cfg := defaults()
			err := Load(path, &cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), path, "the file holds valid values")
		})
	}
}

func TestLoadFileErrorNamesFile(t *testing.T) {
	path := writeFile(t, "flush:\n  interval: banana\n")
	cfg := defaults()
	err := Load(path, &cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "decoding config "+path)
}

func TestEnvName(t *testing.T) {
	assert.Equal(t, "PROFILEHUB_KAFKA_TOPIC_PREFIX", EnvName("kafka.topic_prefix"))
}
