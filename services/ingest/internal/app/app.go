// Package app assembles the ingest service from its configuration: the
// Postgres stores, the event codec, the handler, the consumer and the
// telemetry server.
package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/telemetry"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/ingest/internal/config"
	"github.com/profilehub/platform/services/ingest/internal/dedup"
	"github.com/profilehub/platform/services/ingest/internal/handler"
	"github.com/profilehub/platform/services/ingest/internal/metrics"
	"github.com/profilehub/platform/services/ingest/internal/resolve"
	"github.com/profilehub/platform/services/ingest/internal/validate"
)

// ServiceName is the name in logs, metrics, the consumer group
// ("<prefix>profilehub-ingest") and the dead-letter headers.
const ServiceName = "ingest"

// Service is the assembled ingest service.
type Service struct {
	consumer *stream.Consumer
	server   *telemetry.Server
	log      zerolog.Logger
}

// New builds the service on an open Postgres pool, which the caller closes
// after Run returns. Metrics are registered in reg. extraOpts are appended
// to the consumer's Kafka client options; production passes none.
func New(cfg config.Config, pool *pgxpool.Pool, log zerolog.Logger, reg *prometheus.Registry,
	extraOpts ...kgo.Opt) (*Service, error) {
	// With schema_registry.url set, raw records in the Confluent wire format
	// decode too. Without it they are rejected as undecodable.
	avroRegistry, err := avro.RegistryFromURL(cfg.SchemaRegistry.URL)
	if err != nil {
		return nil, fmt.Errorf("loading avro schemas: %w", err)
	}
	codec, err := events.NewEventCodec(avroRegistry)
	if err != nil {
		return nil, fmt.Errorf("creating event codec: %w", err)
	}

	// The handler produces with the consumer's client, which exists only
	// after the consumer is created with the handler.
	var consumer *stream.Consumer
	produce := func(ctx context.Context, recs ...*kgo.Record) error {
		return stream.ProduceSync(ctx, consumer.Client(), recs...)
	}

	h := handler.New(handler.Deps{
		Codec: codec,
		Validator: validate.New(validate.Rules{
			MaxClockSkew: cfg.Ingest.MaxClockSkew,
			ClampFuture:  cfg.Ingest.ClampFuture,
			MaxEventAge:  cfg.Ingest.MaxEventAge,
		}),
		Seen:          dedup.NewStore(pool),
		Resolver:      resolve.NewResolver(resolve.NewPostgresStore(pool), cfg.Ingest.IdentityCacheSize),
		Produce:       produce,
		Metrics:       metrics.New(reg),
		Log:           log,
		OutputTopic:   topics.Name(cfg.Kafka.TopicPrefix, topics.EventsResolved),
		MaxEventBytes: cfg.Ingest.MaxEventBytes,
	})

	streamCfg := stream.ConsumerConfig(cfg.Kafka, ServiceName, topics.EventsRaw)
	streamCfg.MaxPollRecords = cfg.Ingest.MaxPollRecords
	streamCfg.ExtraOpts = extraOpts
	consumer, err = stream.NewConsumer(streamCfg, ServiceName, h, log, reg)
	if err != nil {
		return nil, fmt.Errorf("creating consumer: %w", err)
	}

	return &Service{
		consumer: consumer,
		server:   telemetry.NewServer(cfg.HTTP.Addr, reg, consumer.Ready),
		log:      log,
	}, nil
}

// Run consumes until ctx ends or the consumer or the telemetry server
// fails, then stops both. It returns nil after a shutdown caused by ctx.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// A failing server, such as one whose port is taken, stops the consumer
	// too, so the service exits instead of running without telemetry.
	serverDone := make(chan error, 1)
	go func() {
		err := s.server.Run(ctx)
		cancel()
		serverDone <- err
	}()

	consumerErr := s.consumer.Run(ctx)

	// The server stops once the consumer has stopped, so /metrics stays
	// readable during the final commit.
	cancel()
	serverErr := <-serverDone
	if consumerErr != nil && errors.Is(consumerErr, context.Canceled) {
		consumerErr = nil
	}
	return errors.Join(consumerErr, serverErr)
}

// LogConfig logs the effective configuration at Info level, without the
// Postgres DSN.
func LogConfig(log zerolog.Logger, cfg config.Config) {
	log.Info().
		Strs("kafka_brokers", cfg.Kafka.Brokers).
		Str("kafka_topic_prefix", cfg.Kafka.TopicPrefix).
		Str("http_addr", cfg.HTTP.Addr).
		Str("schema_registry_url", cfg.SchemaRegistry.Redacted()).
		Stringer("max_clock_skew", cfg.Ingest.MaxClockSkew).
		Bool("clamp_future", cfg.Ingest.ClampFuture).
		Stringer("max_event_age", cfg.Ingest.MaxEventAge).
		Int("max_event_bytes", cfg.Ingest.MaxEventBytes).
		Int("identity_cache_size", cfg.Ingest.IdentityCacheSize).
		Int("max_poll_records", cfg.Ingest.MaxPollRecords).
		Msg("starting ingest")
}
