package stream

import (
	"errors"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/topics"
)

// Defaults applied by NewConsumer to zero fields of Config.
const (
	DefaultMaxPollRecords = 1000
	DefaultBackoffInitial = 100 * time.Millisecond
	DefaultBackoffMax     = 30 * time.Second
	DefaultCommitTimeout  = 10 * time.Second
	DefaultShutdownGrace  = 30 * time.Second
)

// Config configures a Consumer. Build it with ConsumerConfig from the
// service's config.Kafka section, or fill it directly in tests.
type Config struct {
	// Brokers lists the seed brokers as host:port. Empty is invalid.
	Brokers []string

	// ClientID is the Kafka client id. Empty means the service name.
	ClientID string

	// Group is the consumer group, "<topic_prefix>profilehub-<service>" by
	// convention. Empty is invalid.
	Group string

	// Topics lists the full (prefixed) topic names to consume. Empty is
	// invalid.
	Topics []string

	// DeadLetterTopic receives rejected records. Empty is invalid.
	DeadLetterTopic string

	// MaxPollRecords bounds the records of one Batch. Default 1000, also
	// when zero.
	MaxPollRecords int

	// BackoffInitial is the wait before the first retry of a failed batch.
	// Each further retry doubles it, with ±20% jitter. Default 100ms, also
	// when zero.
	BackoffInitial time.Duration

	// BackoffMax caps the wait between retries. Default 30s, also when zero.
	BackoffMax time.Duration

	// CommitTimeout bounds one synchronous offset commit, including the
	// final one at shutdown. Default 10s, also when zero.
	CommitTimeout time.Duration

	// ShutdownGrace is how long the batch in progress may still run after
	// Run's context ends. Then the handler's context is cancelled too.
	// Default 30s, also when zero.
	ShutdownGrace time.Duration

	// ExtraOpts are appended to the client options, for tests (for example
	// kgo.FetchMaxWait) and rare tuning. Nil means none.
	ExtraOpts []kgo.Opt
}

// ConsumerConfig returns the Config of service consuming the base topics
// (names from package topics) with the prefix, brokers and client id of k:
// group "<prefix>profilehub-<service>" and dead-letter topic
// "<prefix>events.deadletter". Limits and backoff keep their defaults.
func ConsumerConfig(k config.Kafka, service string, bases ...string) Config {
	names := make([]string, len(bases))
	for i, b := range bases {
		names[i] = topics.Name(k.TopicPrefix, b)
	}
	return Config{
		Brokers:         k.Brokers,
		ClientID:        k.ClientID,
		Group:           k.TopicPrefix + "profilehub-" + service,
		Topics:          names,
		DeadLetterTopic: topics.Name(k.TopicPrefix, topics.DeadLetter),
	}
}

// withDefaults returns c with every zero limit replaced by its default.
func (c Config) withDefaults(service string) Config {
	if c.ClientID == "" {
		c.ClientID = service
	}
	if c.MaxPollRecords == 0 {
		c.MaxPollRecords = DefaultMaxPollRecords
	}
	if c.BackoffInitial == 0 {
		c.BackoffInitial = DefaultBackoffInitial
	}
	if c.BackoffMax == 0 {
		c.BackoffMax = DefaultBackoffMax
	}
	if c.CommitTimeout == 0 {
		c.CommitTimeout = DefaultCommitTimeout
	}
	if c.ShutdownGrace == 0 {
		c.ShutdownGrace = DefaultShutdownGrace
	}
	return c
}

// Validate checks the required fields and the limits after defaults.
func (c Config) Validate() error {
	var errs []error
	if len(c.Brokers) == 0 {
		errs = append(errs, errors.New("stream: no brokers: set kafka.brokers"))
	}
	if c.Group == "" {
		errs = append(errs, errors.New("stream: consumer group must be set"))
	}
	if len(c.Topics) == 0 {
		errs = append(errs, errors.New("stream: no topics to consume"))
	}
	if c.DeadLetterTopic == "" {
		errs = append(errs, errors.New("stream: dead-letter topic must be set"))
	}
	if c.MaxPollRecords < 0 {
		errs = append(errs, fmt.Errorf("stream: max poll records must be positive, got %d", c.MaxPollRecords))
	}
	if c.BackoffInitial < 0 || c.BackoffMax < c.BackoffInitial {
		errs = append(errs, fmt.Errorf("stream: invalid backoff: initial %s, max %s: need 0 < initial <= max",
			c.BackoffInitial, c.BackoffMax))
	}
	if c.CommitTimeout < 0 || c.ShutdownGrace < 0 {
		errs = append(errs, errors.New("stream: commit timeout and shutdown grace must not be negative"))
	}
	return errors.Join(errs...)
}
