// Package config is the inference service's configuration.
package config

import (
	"errors"
	"strings"
	"time"

	"github.com/profilehub/platform/pkg/config"
)

// maxQueryChunkSize keeps the IN list of a query within ClickHouse's
// default max_query_size.
const maxQueryChunkSize = 5000

// Config is the whole configuration of the inference service.
type Config struct {
	Kafka          config.Kafka          `mapstructure:"kafka"`
	ClickHouse     config.ClickHouse     `mapstructure:"clickhouse"`
	HTTP           config.HTTP           `mapstructure:"http"`
	Log            config.Log            `mapstructure:"log"`
	SchemaRegistry config.SchemaRegistry `mapstructure:"schema_registry"`
	Inference      Inference             `mapstructure:"inference"`
}

// Inference holds the service's own settings (keys inference.*).
type Inference struct {
	// ModelVersion is written into every ProfileTraits record, so consumers
	// can tell traits of different computations apart. Default "traits-v1".
	// Empty is invalid.
	ModelVersion string `mapstructure:"model_version"`

	// QueryChunkSize is the maximum number of profile ids in one ClickHouse
	// query's IN list. Default 500. Valid from 1 to 5000, because a query
	// longer than the server's max_query_size (262144 bytes by default) is
	// rejected and 5000 UUIDs take about 200 KB.
	QueryChunkSize int `mapstructure:"query_chunk_size"`

	// RFMRefreshInterval is how long the population RFM thresholds are
	// reused before they are queried again. Default 15m. Zero queries them
	// for every batch, which makes the traits a pure function of the
	// ClickHouse state at the cost of one scan of profile_daily per batch.
	RFMRefreshInterval time.Duration `mapstructure:"rfm_refresh_interval"`

	// MaxPollRecords bounds the profile.activity records of one batch.
	// Default 1000. Zero or less is invalid.
	MaxPollRecords int `mapstructure:"max_poll_records"`

	// RefreshIdle is how long no profile.activity batch must have been
	// handled before the traits of every profile are recomputed against a
	// reference time that advanced since the last complete refresh. It is
	// also the interval of the checks while idle. Default 5s. Zero disables
	// the refresh, so a quiet profile keeps the traits of its last activity.
	RefreshIdle time.Duration `mapstructure:"refresh_idle"`
}

// Default returns the configuration for the local stack.
func Default() Config {
	return Config{
		Kafka:      config.DefaultKafka(),
		ClickHouse: config.DefaultClickHouse(),
		HTTP:       config.HTTP{Addr: "127.0.0.1:9103"},
		Log:        config.DefaultLog(),
		Inference: Inference{
			ModelVersion:       "traits-v1",
			QueryChunkSize:     500,
			RFMRefreshInterval: 15 * time.Minute,
			MaxPollRecords:     1000,
			RefreshIdle:        5 * time.Second,
		},
	}
}

// Validate checks every section and names the key of each invalid value.
func (c *Config) Validate() error {
	return errors.Join(c.Kafka.Validate(), c.ClickHouse.Validate(), c.HTTP.Validate(), c.Log.Validate(),
		c.SchemaRegistry.Validate(), c.Inference.Validate())
}

// Validate checks the inference.* keys.
func (i Inference) Validate() error {
	var errs []error
	if strings.TrimSpace(i.ModelVersion) == "" {
		errs = append(errs, config.Invalid("inference.model_version", "must be set, such as \"traits-v1\""))
	}
	if i.QueryChunkSize <= 0 || i.QueryChunkSize > maxQueryChunkSize {
		errs = append(errs, config.Invalid("inference.query_chunk_size", "must be from 1 to %d, got %d",
			maxQueryChunkSize, i.QueryChunkSize))
	}
	if i.RFMRefreshInterval < 0 {
		errs = append(errs, config.Invalid("inference.rfm_refresh_interval", "must not be negative, got %s",
			i.RFMRefreshInterval))
	}
	if i.MaxPollRecords <= 0 {
		errs = append(errs, config.Invalid("inference.max_poll_records", "must be positive, got %d",
			i.MaxPollRecords))
	}
	if i.RefreshIdle < 0 {
		errs = append(errs, config.Invalid("inference.refresh_idle", "must not be negative, got %s",
			i.RefreshIdle))
	}
	return errors.Join(errs...)
}
