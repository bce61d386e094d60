// Package app assembles the projector from its configuration: the profiles
// store, the codecs, the handler, the consumer and the telemetry server.
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
	"github.com/profilehub/platform/pkg/pseudonym"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/telemetry"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/projector/internal/config"
	"github.com/profilehub/platform/services/projector/internal/handler"
	"github.com/profilehub/platform/services/projector/internal/metrics"
	"github.com/profilehub/platform/services/projector/internal/store"
)

// ServiceName is the name in logs, metrics, the consumer group
// ("<prefix>profilehub-projector") and the dead-letter headers.
const ServiceName = "projector"

// Service is the assembled projector.
type Service struct {
	consumer *stream.Consumer
	server   *telemetry.Server
}

// New builds the service on an open Postgres pool, which the caller closes
// after Run returns. Metrics are registered in reg. extraOpts are appended
// to the consumer's Kafka client options; production passes none.
func New(cfg config.Config, pool *pgxpool.Pool, log zerolog.Logger, reg *prometheus.Registry,
	extraOpts ...kgo.Opt) (*Service, error) {
	avroRegistry, err := avro.RegistryFromURL(cfg.SchemaRegistry.URL)
	if err != nil {
		return nil, fmt.Errorf("loading avro schemas: %w", err)
	}
	codec, err := handler.NewAvroCodec(avroRegistry)
	if err != nil {
		return nil, err
	}
	hasher, err := pseudonym.New([]byte(cfg.Pseudonym.Key.Reveal()))
	if err != nil {
		return nil, fmt.Errorf("pseudonym.key: %w", err)
	}
	m, err := metrics.New(reg)
	if err != nil {
		return nil, err
	}

	prefix := cfg.Kafka.TopicPrefix
	// The handler produces with the consumer's client, which exists only
	// after the consumer is created with the handler.
	var consumer *stream.Consumer
	h := &handler.Handler{
		Decoder: &handler.Decoder{
			Codec: codec,
			Topics: handler.Topics{
				Events:   topics.Name(prefix, topics.EventsResolved),
				Traits:   topics.Name(prefix, topics.TraitsInferred),
				Vectors:  topics.Name(prefix, topics.VectorsUpdated),
				Segments: topics.Name(prefix, topics.SegmentsChanged),
			},
			Hasher:  hasher,
			Metrics: m,
			Log:     log,
		},
		Store:         store.NewProfiles(pool),
		EncodeProfile: codec.EncodeProfile,
		Produce: func(ctx context.Context, recs ...*kgo.Record) error {
			return stream.ProduceSync(ctx, consumer.Client(), recs...)
		},
		ProfilesTopic: topics.Name(prefix, topics.Profiles),
		Metrics:       m,
		Log:           log,
	}

	streamCfg := stream.ConsumerConfig(cfg.Kafka, ServiceName,
		topics.EventsResolved, topics.TraitsInferred, topics.VectorsUpdated, topics.SegmentsChanged)
	streamCfg.MaxPollRecords = cfg.Projector.MaxPollRecords
	streamCfg.ExtraOpts = extraOpts
	consumer, err = stream.NewConsumer(streamCfg, ServiceName, h, log, reg)
	if err != nil {
		return nil, fmt.Errorf("creating consumer: %w", err)
	}
	return &Service{consumer: consumer, server: telemetry.NewServer(cfg.HTTP.Addr, reg, consumer.Ready)}, nil
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

	// The server stops after the consumer, so /metrics stays readable
	// during the final commit.
	cancel()
	serverErr := <-serverDone
	if errors.Is(consumerErr, context.Canceled) {
		consumerErr = nil
	}
	return errors.Join(consumerErr, serverErr)
}

// LogConfig logs the effective configuration at Info level, without the
// Postgres DSN or the pseudonym key.
func LogConfig(log zerolog.Logger, cfg config.Config) {
	log.Info().
		Strs("kafka_brokers", cfg.Kafka.Brokers).
		Str("kafka_topic_prefix", cfg.Kafka.TopicPrefix).
		Str("http_addr", cfg.HTTP.Addr).
		Str("schema_registry_url", cfg.SchemaRegistry.Redacted()).
		Int("max_poll_records", cfg.Projector.MaxPollRecords).
		Msg("starting projector")
}
