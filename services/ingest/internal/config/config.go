// Package config defines the ingest service's configuration and its
// defaults.
package config

import (
	"errors"
	"time"

	"github.com/profilehub/platform/pkg/config"
)

// Config is the whole configuration of the ingest service.
type Config struct {
	Kafka          config.Kafka          `mapstructure:"kafka"`
	Postgres       config.Postgres       `mapstructure:"postgres"`
	HTTP           config.HTTP           `mapstructure:"http"`
	Log            config.Log            `mapstructure:"log"`
	SchemaRegistry config.SchemaRegistry `mapstructure:"schema_registry"`
	Ingest         Ingest                `mapstructure:"ingest"`
}

// Ingest contains the settings of the ingest stage itself (keys ingest.*).
type Ingest struct {
	// MaxClockSkew is how far event_time may lie after received_at before
	// the event counts as coming from the future. Default 10m. Zero allows
	// no skew at all.
	MaxClockSkew time.Duration `mapstructure:"max_clock_skew"`

	// ClampFuture sets a future event_time to received_at instead of
	// rejecting the event with reason future_event_time. Default false.
	ClampFuture bool `mapstructure:"clamp_future"`

	// MaxEventAge rejects events whose event_time lies more than this before
	// received_at, with reason too_old. Default 0, which means no limit, so
	// that historical imports pass.
	MaxEventAge time.Duration `mapstructure:"max_event_age"`

	// MaxEventBytes rejects records whose value is longer than this many
	// bytes, with reason too_large, before decoding. Default 65536 (64 KiB).
	MaxEventBytes int `mapstructure:"max_event_bytes"`

	// IdentityCacheSize is the number of anonymous-id links kept in memory.
	// Default 100000. Zero disables the cache.
	IdentityCacheSize int `mapstructure:"identity_cache_size"`

	// MaxPollRecords bounds the records of one batch, and so the size of the
	// per-batch Postgres queries. Default 1000.
	MaxPollRecords int `mapstructure:"max_poll_records"`
}

// Default returns the configuration for the local stack.
func Default() Config {
	return Config{
		Kafka:    config.DefaultKafka(),
		Postgres: config.DefaultPostgres(),
		HTTP:     config.HTTP{Addr: "127.0.0.1:9101"},
		Log:      config.DefaultLog(),
		Ingest:   DefaultIngest(),
	}
}

// DefaultIngest returns the default ingest section.
func DefaultIngest() Ingest {
	return Ingest{
		MaxClockSkew:      10 * time.Minute,
		MaxEventBytes:     64 << 10,
		IdentityCacheSize: 100_000,
		MaxPollRecords:    1000,
	}
}

// Validate checks every section and names the first bad key of each.
func (c *Config) Validate() error {
	return errors.Join(
		c.Kafka.Validate(),
		c.Postgres.Validate(),
		c.HTTP.Validate(),
		c.Log.Validate(),
		c.SchemaRegistry.Validate(),
		c.Ingest.Validate(),
	)
}

// Validate checks the ingest section's ranges.
func (i Ingest) Validate() error {
	var errs []error
	if i.MaxClockSkew < 0 {
		errs = append(errs, config.Invalid("ingest.max_clock_skew", "must not be negative, got %s", i.MaxClockSkew))
	}
	if i.MaxEventAge < 0 {
		errs = append(errs, config.Invalid("ingest.max_event_age",
			"must not be negative, got %s; use 0 for no limit", i.MaxEventAge))
	}
	if i.MaxEventBytes <= 0 {
		errs = append(errs, config.Invalid("ingest.max_event_bytes", "must be positive, got %d", i.MaxEventBytes))
	}
	if i.IdentityCacheSize < 0 {
		errs = append(errs, config.Invalid("ingest.identity_cache_size",
			"must not be negative, got %d; use 0 to disable the cache", i.IdentityCacheSize))
	}
	if i.MaxPollRecords <= 0 {
		errs = append(errs, config.Invalid("ingest.max_poll_records", "must be positive, got %d", i.MaxPollRecords))
	}
	return errors.Join(errs...)
}
