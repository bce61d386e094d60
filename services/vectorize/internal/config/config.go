// Package config is the vectorize service's configuration.
package config

import (
	"errors"
	"time"

	"github.com/profilehub/platform/pkg/config"
)

// Config is the vectorize service's configuration. Every key can be
// overridden by PROFILEHUB_<KEY>, with dots as underscores.
type Config struct {
	Kafka          config.Kafka          `mapstructure:"kafka"`
	ClickHouse     config.ClickHouse     `mapstructure:"clickhouse"`
	Postgres       config.Postgres       `mapstructure:"postgres"`
	HTTP           config.HTTP           `mapstructure:"http"`
	Log            config.Log            `mapstructure:"log"`
	SchemaRegistry config.SchemaRegistry `mapstructure:"schema_registry"`
	Vectorize      Vectorize             `mapstructure:"vectorize"`
}

// Vectorize holds the service's own settings (keys vectorize.*).
type Vectorize struct {
	// MaxPollRecords bounds the profile.activity records of one batch, and
	// so the profiles read from ClickHouse in one query. Default 1000.
	MaxPollRecords int `mapstructure:"max_poll_records"`

	// CatalogueCacheTTL is how long product features read from
	// catalogue_products are reused before they are read again, so catalogue
	// edits reach vectors after at most this long. Default 10m. Zero
	// disables the cache.
	CatalogueCacheTTL time.Duration `mapstructure:"catalogue_cache_ttl"`

	// CatalogueCacheSize bounds the products in the cache; when it is full,
	// the cache is emptied. Default 100000.
	CatalogueCacheSize int `mapstructure:"catalogue_cache_size"`
}

// Default returns the configuration of the local stack.
func Default() Config {
	return Config{
		Kafka:      config.DefaultKafka(),
		ClickHouse: config.DefaultClickHouse(),
		Postgres:   config.DefaultPostgres(),
		HTTP:       config.HTTP{Addr: "127.0.0.1:9104"},
		Log:        config.DefaultLog(),
		Vectorize: Vectorize{
			MaxPollRecords:     1000,
			CatalogueCacheTTL:  10 * time.Minute,
			CatalogueCacheSize: 100000,
		},
	}
}

// Validate checks every section and names the first invalid key of each.
func (c *Config) Validate() error {
	return errors.Join(
		c.Kafka.Validate(),
		c.ClickHouse.Validate(),
		c.Postgres.Validate(),
		c.HTTP.Validate(),
		c.Log.Validate(),
		c.SchemaRegistry.Validate(),
		c.Vectorize.Validate(),
	)
}

// Validate checks the limits of the vectorize section.
func (v Vectorize) Validate() error {
	var errs []error
	if v.MaxPollRecords <= 0 {
		errs = append(errs, config.Invalid("vectorize.max_poll_records", "must be positive, got %d", v.MaxPollRecords))
	}
	if v.CatalogueCacheTTL < 0 {
		errs = append(errs, config.Invalid("vectorize.catalogue_cache_ttl",
			"must not be negative, got %s", v.CatalogueCacheTTL))
	}
	if v.CatalogueCacheSize <= 0 {
		errs = append(errs, config.Invalid("vectorize.catalogue_cache_size",
			"must be positive, got %d", v.CatalogueCacheSize))
	}
	return errors.Join(errs...)
}
