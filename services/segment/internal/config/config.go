// Package config is the segment service's configuration.
package config

import (
	"errors"
	"strings"

	"github.com/profilehub/platform/pkg/config"
)

// Config is the whole configuration of the segment service.
type Config struct {
	Kafka          config.Kafka          `mapstructure:"kafka"`
	Postgres       config.Postgres       `mapstructure:"postgres"`
	HTTP           config.HTTP           `mapstructure:"http"`
	Log            config.Log            `mapstructure:"log"`
	SchemaRegistry config.SchemaRegistry `mapstructure:"schema_registry"`
	Segment        Segment               `mapstructure:"segment"`
}

// Segment holds the service's own settings (keys segment.*).
type Segment struct {
	// RulesPath is the YAML rules file, read and checked once at start-up.
	// A relative path is relative to the working directory. Default
	// "deploy/segment/rules.yaml". Empty is invalid.
	RulesPath string `mapstructure:"rules_path"`

	// MaxPollRecords bounds the traits.inferred records of one batch.
	// Default 1000. Zero or less is invalid.
	MaxPollRecords int `mapstructure:"max_poll_records"`
}

// Default returns the configuration for the local stack, run from the
// repository root.
func Default() Config {
	return Config{
		Kafka:    config.DefaultKafka(),
		Postgres: config.DefaultPostgres(),
		HTTP:     config.HTTP{Addr: "127.0.0.1:9105"},
		Log:      config.DefaultLog(),
		Segment:  Segment{RulesPath: "deploy/segment/rules.yaml", MaxPollRecords: 1000},
	}
}

// Validate checks every section and names the key of each invalid value.
func (c *Config) Validate() error {
	return errors.Join(c.Kafka.Validate(), c.Postgres.Validate(), c.HTTP.Validate(), c.Log.Validate(),
		c.SchemaRegistry.Validate(), c.Segment.Validate())
}

// Validate checks the segment.* keys. The rules file itself is checked when
// it is loaded.
func (s Segment) Validate() error {
	var errs []error
	if strings.TrimSpace(s.RulesPath) == "" {
		errs = append(errs, config.Invalid("segment.rules_path", "must be set to the rules YAML file"))
	}
	if s.MaxPollRecords <= 0 {
		errs = append(errs, config.Invalid("segment.max_poll_records", "must be positive, got %d",
			s.MaxPollRecords))
	}
	return errors.Join(errs...)
}
