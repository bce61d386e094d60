// Package config is the projector's configuration.
package config

import (
	"errors"

	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/pseudonym"
)

// Config is the projector's configuration. Every key can be overridden by
// PROFILEHUB_<KEY>, with dots as underscores.
type Config struct {
	Kafka          config.Kafka          `mapstructure:"kafka"`
	Postgres       config.Postgres       `mapstructure:"postgres"`
	HTTP           config.HTTP           `mapstructure:"http"`
	Log            config.Log            `mapstructure:"log"`
	SchemaRegistry config.SchemaRegistry `mapstructure:"schema_registry"`
	Pseudonym      Pseudonym             `mapstructure:"pseudonym"`
	Projector      Projector             `mapstructure:"projector"`
}

// Pseudonym configures the keyed hashing of identifiers (keys
// pseudonym.*).
type Pseudonym struct {
	// Key is the HMAC-SHA256 key of user_id_hash, at least 32 bytes. Every
	// service that hashes identifiers must use the same key, and changing
	// it changes every hash. No default: empty is invalid.
	Key config.Secret `mapstructure:"key"`
}

// Projector holds the service's own settings (keys projector.*).
type Projector struct {
	// MaxPollRecords bounds the records of one batch, and so the profiles
	// locked in one transaction. Default 1000.
	MaxPollRecords int `mapstructure:"max_poll_records"`
}

// Default returns the configuration of the local stack, without a
// pseudonym key.
func Default() Config {
	return Config{
		Kafka:     config.DefaultKafka(),
		Postgres:  config.DefaultPostgres(),
		HTTP:      config.HTTP{Addr: "127.0.0.1:9106"},
		Log:       config.DefaultLog(),
		Projector: Projector{MaxPollRecords: 1000},
	}
}

// Validate checks every section and names the first invalid key of each.
func (c *Config) Validate() error {
	var errs []error
	if n := len(c.Pseudonym.Key.Reveal()); n < pseudonym.MinKeyBytes {
		errs = append(errs, config.Invalid("pseudonym.key",
			"must have at least %d bytes, got %d", pseudonym.MinKeyBytes, n))
	}
	if c.Projector.MaxPollRecords <= 0 {
		errs = append(errs, config.Invalid("projector.max_poll_records",
			"must be positive, got %d", c.Projector.MaxPollRecords))
	}
	return errors.Join(
		c.Kafka.Validate(),
		c.Postgres.Validate(),
		c.HTTP.Validate(),
		c.Log.Validate(),
		c.SchemaRegistry.Validate(),
		errors.Join(errs...),
	)
}
