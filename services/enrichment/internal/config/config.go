// Package config defines the enrichment service's configuration and its
// defaults.
package config

import (
	"errors"
	"time"

	"github.com/profilehub/platform/pkg/config"
)

// Config is the whole configuration of the enrichment service.
type Config struct {
	Kafka          config.Kafka          `mapstructure:"kafka"`
	ClickHouse     config.ClickHouse     `mapstructure:"clickhouse"`
	Postgres       config.Postgres       `mapstructure:"postgres"`
	HTTP           config.HTTP           `mapstructure:"http"`
	Log            config.Log            `mapstructure:"log"`
	SchemaRegistry config.SchemaRegistry `mapstructure:"schema_registry"`
	Enrichment     Enrichment            `mapstructure:"enrichment"`
}

// Enrichment contains the settings of the enrichment stage itself (keys
// enrichment.*).
type Enrichment struct {
	// SessionGap is the inactivity after which a profile's next event
	// starts a new derived session. Default 30m. Must be positive.
	SessionGap time.Duration `mapstructure:"session_gap"`

	// CatalogueCacheSize is the number of products whose category and fee
	// flag are kept in memory. Default 50000. Must be positive.
	CatalogueCacheSize int `mapstructure:"catalogue_cache_size"`

	// CatalogueCacheTTL is how long a cached product is used before the
	// catalogue is read again, so catalogue edits reach new events within
	// it. Default 10m. Must be positive.
	CatalogueCacheTTL time.Duration `mapstructure:"catalogue_cache_ttl"`

	// KeysPerStatement bounds the aggregate keys of one recompute statement
	// and the profiles of one previous-event query. Default 20000, which
	// holds every key of a batch of 1000 orders of 20 lines. The keys travel
	// as external data, so only the distinct ids of a statement are SQL
	// text. Must be positive.
	KeysPerStatement int `mapstructure:"keys_per_statement"`

	// MaxPollRecords bounds the records of one batch. Default 1000. Must be
	// positive.
	MaxPollRecords int `mapstructure:"max_poll_records"`
}

// Default returns the configuration for the local stack.
func Default() Config {
	return Config{
		Kafka:      config.DefaultKafka(),
		ClickHouse: config.DefaultClickHouse(),
		Postgres:   config.DefaultPostgres(),
		HTTP:       config.HTTP{Addr: "127.0.0.1:9102"},
		Log:        config.DefaultLog(),
		Enrichment: DefaultEnrichment(),
	}
}

// DefaultEnrichment returns the default enrichment section.
func DefaultEnrichment() Enrichment {
	return Enrichment{
		SessionGap:         30 * time.Minute,
		CatalogueCacheSize: 50_000,
		CatalogueCacheTTL:  10 * time.Minute,
		KeysPerStatement:   20000,
		MaxPollRecords:     1000,
	}
}

// Validate checks every section and names the bad keys.
func (c *Config) Validate() error {
	return errors.Join(
		c.Kafka.Validate(),
		c.ClickHouse.Validate(),
		c.Postgres.Validate(),
		c.HTTP.Validate(),
		c.Log.Validate(),
		c.SchemaRegistry.Validate(),
		c.Enrichment.Validate(),
	)
}

// Validate checks that every setting of the section is positive.
func (e Enrichment) Validate() error {
	var errs []error
	if e.SessionGap <= 0 {
		errs = append(errs, config.Invalid("enrichment.session_gap", "must be positive, got %s", e.SessionGap))
	}
	if e.CatalogueCacheSize <= 0 {
		errs = append(errs, config.Invalid("enrichment.catalogue_cache_size",
			"must be positive, got %d", e.CatalogueCacheSize))
	}
	if e.CatalogueCacheTTL <= 0 {
		errs = append(errs, config.Invalid("enrichment.catalogue_cache_ttl",
			"must be positive, got %s", e.CatalogueCacheTTL))
	}
	if e.KeysPerStatement <= 0 {
		errs = append(errs, config.Invalid("enrichment.keys_per_statement",
			"must be positive, got %d", e.KeysPerStatement))
	}
	if e.MaxPollRecords <= 0 {
		errs = append(errs, config.Invalid("enrichment.max_poll_records", "must be positive, got %d", e.MaxPollRecords))
	}
	return errors.Join(errs...)
}
