// Package app assembles the vectorize service from its configuration: the
// ClickHouse and Postgres readers, the vector store, the codec, the
// handler, the consumer and the telemetry server.
package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/telemetry"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/vectorize/internal/config"
	"github.com/profilehub/platform/services/vectorize/internal/handler"
	"github.com/profilehub/platform/services/vectorize/internal/metrics"
	"github.com/profilehub/platform/services/vectorize/internal/source"
	"github.com/profilehub/platform/services/vectorize/internal/space"
	"github.com/profilehub/platform/services/vectorize/internal/store"
	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

// ServiceName is the name in logs, metrics, the consumer group
// ("<prefix>profilehub-vectorize") and the dead-letter headers.
const ServiceName = "vectorize"

// Service is the assembled vectorize service.
type Service struct {
	consumer *stream.Consumer
	server   *telemetry.Server
}

// New builds the service on open ClickHouse and Postgres connections,
// which the caller closes after Run returns. Metrics are registered in
// reg. extraOpts are appended to the consumer's Kafka client options;
// production passes none.
func New(cfg config.Config, ch driver.Conn, pool *pgxpool.Pool, log zerolog.Logger,
	reg *prometheus.Registry, extraOpts ...kgo.Opt) (*Service, error) {
	avroRegistry, err := avro.RegistryFromURL(cfg.SchemaRegistry.URL)
	if err != nil {
		return nil, fmt.Errorf("loading avro schemas: %w", err)
	}
	codec, err := handler.NewAvroCodec(avroRegistry)
	if err != nil {
		return nil, err
	}
	m, err := metrics.New(reg)
	if err != nil {
		return nil, err
	}

	// The handler produces with the consumer's client, which exists only
	// after the consumer is created with the handler.
	var consumer *stream.Consumer
	h := &handler.Handler{
		Space:     space.V1(),
		Weights:   vector.DefaultWeights(),
		Products:  source.NewProducts(ch, cfg.ClickHouse.Database),
		Catalogue: source.NewCatalogue(pool, cfg.Vectorize.CatalogueCacheTTL, cfg.Vectorize.CatalogueCacheSize),
		Vectors:   store.NewVectors(pool),
		Codec:     codec,
		Produce: func(ctx context.Context, recs ...*kgo.Record) error {
			return stream.ProduceSync(ctx, consumer.Client(), recs...)
		},
		Topic:   topics.Name(cfg.Kafka.TopicPrefix, topics.VectorsUpdated),
		Metrics: m,
		Log:     log,
	}

	streamCfg := stream.ConsumerConfig(cfg.Kafka, ServiceName, topics.ProfileActivity)
	streamCfg.MaxPollRecords = cfg.Vectorize.MaxPollRecords
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
// ClickHouse password or the Postgres DSN.
func LogConfig(log zerolog.Logger, cfg config.Config) {
	log.Info().
		Strs("kafka_brokers", cfg.Kafka.Brokers).
		Str("kafka_topic_prefix", cfg.Kafka.TopicPrefix).
		Str("clickhouse_addr", cfg.ClickHouse.Addr).
		Str("clickhouse_database", cfg.ClickHouse.Database).
		Str("http_addr", cfg.HTTP.Addr).
		Str("schema_registry_url", cfg.SchemaRegistry.Redacted()).
		Str("vector_space", space.V1Name).
		Int("max_poll_records", cfg.Vectorize.MaxPollRecords).
		Dur("catalogue_cache_ttl", cfg.Vectorize.CatalogueCacheTTL).
		Int("catalogue_cache_size", cfg.Vectorize.CatalogueCacheSize).
		Msg("starting vectorize")
}
