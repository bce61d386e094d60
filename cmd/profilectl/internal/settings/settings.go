// Package settings loads profilectl's configuration: a YAML file given by
// --config, PROFILEHUB_* environment variables and the connection flags
// that every subcommand takes, in increasing order of precedence.
package settings

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/rs/zerolog"
	"golang.org/x/term"

	"github.com/profilehub/platform/pkg/config"
)

// Config is profilectl's configuration. Keys: kafka.*, clickhouse.*,
// postgres.*, log.level, schema_registry.url.
type Config struct {
	Kafka          config.Kafka          `mapstructure:"kafka"`
	ClickHouse     config.ClickHouse     `mapstructure:"clickhouse"`
	Postgres       config.Postgres       `mapstructure:"postgres"`
	Log            config.Log            `mapstructure:"log"`
	SchemaRegistry config.SchemaRegistry `mapstructure:"schema_registry"`
}

// Default returns the configuration of the local stack.
func Default() Config {
	return Config{
		Kafka:      config.DefaultKafka(),
		ClickHouse: config.DefaultClickHouse(),
		Postgres:   config.DefaultPostgres(),
		Log:        config.DefaultLog(),
	}
}

// Validate checks every section.
func (c *Config) Validate() error {
	return errors.Join(c.Kafka.Validate(), c.ClickHouse.Validate(), c.Postgres.Validate(), c.Log.Validate(),
		c.SchemaRegistry.Validate())
}

// Flags are the configuration flags shared by every subcommand. An empty
// value leaves the key to the file, the environment or the default.
type Flags struct {
	ConfigPath         string
	Brokers            string
	TopicPrefix        string
	ClickHouseAddr     string
	ClickHouseDatabase string
	PostgresDSN        string
	LogLevel           string
	SchemaRegistryURL  string // set only by subcommands that call AddSchemaRegistryFlag
}

// AddFlags registers the shared flags on fs.
func AddFlags(fs *flag.FlagSet) *Flags {
	f := &Flags{}
	fs.StringVar(&f.ConfigPath, "config", "",
		"YAML config file (keys kafka.*, clickhouse.*, postgres.*, log.level, schema_registry.url)")
	fs.StringVar(&f.Brokers, "brokers", "", "comma-separated Kafka brokers as host:port (default 127.0.0.1:19092)")
	fs.StringVar(&f.TopicPrefix, "topic-prefix", "", "prefix of every topic and consumer group name (default none)")
	fs.StringVar(&f.ClickHouseAddr, "clickhouse-addr", "", "ClickHouse native address as host:port (default 127.0.0.1:19000)")
	fs.StringVar(&f.ClickHouseDatabase, "clickhouse-database", "", "ClickHouse database (default profilehub)")
	fs.StringVar(&f.PostgresDSN, "postgres-dsn", "",
		"Postgres connection URL (default postgres://profilehub:...@127.0.0.1:15432/profilehub)")
	fs.StringVar(&f.LogLevel, "log-level", "", "log level: trace, debug, info, warn or error (default info)")
	return f
}

// AddSchemaRegistryFlag registers --schema-registry on fs, for the
// subcommands that produce Avro records.
func (f *Flags) AddSchemaRegistryFlag(fs *flag.FlagSet) {
	fs.StringVar(&f.SchemaRegistryURL, "schema-registry", "",
		"Confluent schema registry URL; when set, records are written in the Confluent wire format "+
			"with the schema registered under <topic>-value (default: none, Avro single-object encoding)")
}

// Load reads the config file and environment, applies the flags that were
// given and validates the result.
func (f *Flags) Load() (Config, error) {
	cfg := Default()
	if err := config.Load(f.ConfigPath, &cfg); err != nil {
		return Config{}, err
	}

	if f.Brokers != "" {
		cfg.Kafka.Brokers = strings.Split(f.Brokers, ",")
	}
	if f.TopicPrefix != "" {
		cfg.Kafka.TopicPrefix = f.TopicPrefix
	}
	if f.ClickHouseAddr != "" {
		cfg.ClickHouse.Addr = f.ClickHouseAddr
	}
	if f.ClickHouseDatabase != "" {
		cfg.ClickHouse.Database = f.ClickHouseDatabase
	}
	if f.PostgresDSN != "" {
		cfg.Postgres.DSN = config.Secret(f.PostgresDSN)
	}
	if f.LogLevel != "" {
		cfg.Log.Level = f.LogLevel
	}
	if f.SchemaRegistryURL != "" {
		cfg.SchemaRegistry.URL = f.SchemaRegistryURL
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, fmt.Errorf("invalid flags: %w", err)
	}
	return cfg, nil
}

// Logger returns a human-readable logger on stderr at the configured level,
// with colours only when stderr is a terminal.
func Logger(cfg Config) zerolog.Logger {
	return newLogger(cfg, os.Stderr)
}

func newLogger(cfg Config, out io.Writer) zerolog.Logger {
	level, err := zerolog.ParseLevel(strings.ToLower(cfg.Log.Level))
	if err != nil || cfg.Log.Level == "" {
		level = zerolog.InfoLevel
	}
	writer := zerolog.ConsoleWriter{Out: out, TimeFormat: "15:04:05", NoColor: !isTerminal(out)}
	return zerolog.New(writer).Level(level).With().Timestamp().Logger()
}

// isTerminal reports whether out is a file that is a terminal, so that a
// log redirected to a file or a pipe holds no ANSI colour codes.
func isTerminal(out io.Writer) bool {
	f, ok := out.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
