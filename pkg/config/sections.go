package config

import (
	"errors"
	"net"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// Kafka is the broker connection shared by every service (keys kafka.*).
type Kafka struct {
	// Brokers lists the seed brokers as host:port. Env
	// PROFILEHUB_KAFKA_BROKERS takes a comma-separated list. Default
	// ["127.0.0.1:19092"], the local stack. Empty is invalid.
	Brokers []string `mapstructure:"brokers"`

	// TopicPrefix is prepended to every topic and consumer group name, so
	// several environments can share one broker. Default "" (no prefix).
	TopicPrefix string `mapstructure:"topic_prefix"`

	// ClientID is the Kafka client id shown in broker logs and quotas.
	// Default "": the service name is used.
	ClientID string `mapstructure:"client_id"`
}

// DefaultKafka returns the Kafka section for the local stack.
func DefaultKafka() Kafka {
	return Kafka{Brokers: []string{"127.0.0.1:19092"}}
}

// Validate checks that at least one broker is listed and each is host:port.
func (k Kafka) Validate() error {
	if len(k.Brokers) == 0 {
		return Invalid("kafka.brokers", "must list at least one broker as host:port")
	}
	for _, b := range k.Brokers {
		if _, _, err := net.SplitHostPort(strings.TrimSpace(b)); err != nil {
			return Invalid("kafka.brokers", "invalid broker address %q: expected host:port", b)
		}
	}
	return nil
}

// ClickHouse is the native-protocol connection to ClickHouse (keys
// clickhouse.*).
type ClickHouse struct {
	// Addr is the native protocol address as host:port (not the HTTP port).
	// Default "127.0.0.1:19000". Empty is invalid.
	Addr string `mapstructure:"addr"`

	// Database is the database every query uses. Default "profilehub".
	// Empty is invalid.
	Database string `mapstructure:"database"`

	// Username is the ClickHouse user. Default "default".
	Username string `mapstructure:"username"`

	// Password is the user's password. Default "" (no password).
	Password Secret `mapstructure:"password"`

	// DialTimeout bounds one TCP connect and handshake. Default 5s. Zero
	// means the client library's default (30s in clickhouse-go v2).
	DialTimeout time.Duration `mapstructure:"dial_timeout"`

	// ConnectWait is how long opening retries the first ping while the
	// server is unreachable, with backoff. Default 30s. Zero means one ping.
	ConnectWait time.Duration `mapstructure:"connect_wait"`
}

// DefaultClickHouse returns the ClickHouse section for the local stack.
func DefaultClickHouse() ClickHouse {
	return ClickHouse{
		Addr:        "127.0.0.1:19000",
		Database:    "profilehub",
		Username:    "default",
		DialTimeout: 5 * time.Second,
		ConnectWait: 30 * time.Second,
	}
}

// Validate checks the address, the database name and the durations.
func (c ClickHouse) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, Invalid("clickhouse.addr", "invalid address %q: expected host:port", c.Addr))
	}
	errs = append(errs, Required("clickhouse.database", c.Database))
	if c.DialTimeout < 0 {
		errs = append(errs, Invalid("clickhouse.dial_timeout", "must not be negative, got %s", c.DialTimeout))
	}
	if c.ConnectWait < 0 {
		errs = append(errs, Invalid("clickhouse.connect_wait", "must not be negative, got %s", c.ConnectWait))
	}
	return errors.Join(errs...)
}

// Postgres is the connection to PostgreSQL (keys postgres.*).
type Postgres struct {
	// DSN is a libpq connection string in URL or keyword/value form. It may
	// add pgxpool settings such as pool_max_conns. Default: the local
	// stack's profilehub database. Empty is invalid.
	DSN Secret `mapstructure:"dsn"`

	// ConnectWait is how long opening retries the first ping while the
	// server is unreachable, with backoff. Default 30s. Zero means one ping.
	ConnectWait time.Duration `mapstructure:"connect_wait"`
}

// DefaultPostgres returns the Postgres section for the local stack.
func DefaultPostgres() Postgres {
	return Postgres{
		DSN:         "postgres://profilehub:profilehub@127.0.0.1:15432/profilehub?sslmode=disable",
		ConnectWait: 30 * time.Second,
	}
}

// Validate checks that a DSN is set. The DSN is parsed when the pool opens.
func (p Postgres) Validate() error {
	var errs []error
	if !p.DSN.IsSet() {
		errs = append(errs, Invalid("postgres.dsn", "must be set"))
	}
	if p.ConnectWait < 0 {
		errs = append(errs, Invalid("postgres.connect_wait", "must not be negative, got %s", p.ConnectWait))
	}
	return errors.Join(errs...)
}

// HTTP is the service's telemetry listener for /metrics, /healthz and
// /readyz (keys http.*).
type HTTP struct {
	// Addr is the listen address as host:port, e.g. "127.0.0.1:9101". No
	// default, because each service has its own port. Empty is invalid.
	Addr string `mapstructure:"addr"`
}

// Validate checks that Addr is host:port.
func (h HTTP) Validate() error {
	if _, _, err := net.SplitHostPort(h.Addr); err != nil {
		return Invalid("http.addr", "invalid listen address %q: expected host:port", h.Addr)
	}
	return nil
}

// Log configures the service logger (keys log.*).
type Log struct {
	// Level is the minimum level written: trace, debug, info, warn or
	// error. Default "info". Empty means info.
	Level string `mapstructure:"level"`
}

// DefaultLog returns the Log section with level info.
func DefaultLog() Log { return Log{Level: "info"} }

// Validate checks that Level is a zerolog level name.
func (l Log) Validate() error {
	if l.Level == "" {
		return nil
	}
	if _, err := zerolog.ParseLevel(strings.ToLower(l.Level)); err != nil {
		return Invalid("log.level", "unknown level %q: use trace, debug, info, warn or error", l.Level)
	}
	return nil
}
