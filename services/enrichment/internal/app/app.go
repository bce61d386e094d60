// Package app assembles the enrichment service from its configuration: the
// catalogue, the ClickHouse warehouse, the codecs, the handler, the consumer
// and the telemetry server.
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
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/telemetry"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/enrichment/internal/catalogue"
	"github.com/profilehub/platform/services/enrichment/internal/config"
	"github.com/profilehub/platform/services/enrichment/internal/handler"
	"github.com/profilehub/platform/services/enrichment/internal/warehouse"
)

// ServiceName is the name in logs, the consumer group
// ("<prefix>profilehub-enrichment") and the dead-letter headers.
const ServiceName = "enrichment"

// Service is the assembled enrichment service.
type Service struct {
	consumer *stream.Consumer
	server   *telemetry.Server
}

// New builds the service on an open ClickHouse connection and Postgres
// pool, which the caller closes after Run returns. Metrics are registered in
// reg. extraOpts are appended to the consumer's Kafka client options;
// production passes none.
func New(cfg config.Config, ch driver.Conn, pool *pgxpool.Pool, log zerolog.Logger,
	reg *prometheus.Registry, extraOpts ...kgo.Opt) (*Service, error) {
	deps, err := buildDeps(cfg, ch, pool, reg)
	if err != nil {
		return nil, err
	}

	// The handler produces with the consumer's client, which exists only
	// after the consumer is created with the handler.
	var consumer *stream.Consumer
	deps.Produce = func(ctx context.Context, recs ...*kgo.Record) error {
		return stream.ProduceSync(ctx, consumer.Client(), recs...)
	}
	h, err := handler.New(deps, log, reg)
	if err != nil {
		return nil, err
	}

	streamCfg := stream.ConsumerConfig(cfg.Kafka, ServiceName, topics.EventsResolved)
	streamCfg.MaxPollRecords = cfg.Enrichment.MaxPollRecords
	streamCfg.ExtraOpts = extraOpts
	consumer, err = stream.NewConsumer(streamCfg, ServiceName, h, log, reg)
	if err != nil {
		return nil, fmt.Errorf("creating consumer: %w", err)
	}

	return &Service{
		consumer: consumer,
		server:   telemetry.NewServer(cfg.HTTP.Addr, reg, consumer.Ready),
	}, nil
}

// buildDeps creates everything the handler needs except its producer.
func buildDeps(cfg config.Config, ch driver.Conn, pool *pgxpool.Pool,
	reg prometheus.Registerer) (handler.Deps, error) {
	avroRegistry, err := avro.RegistryFromURL(cfg.SchemaRegistry.URL)
	if err != nil {
		return handler.Deps{}, fmt.Errorf("loading avro schemas: %w", err)
	}
	eventCodec, err := events.NewEventCodec(avroRegistry)
	if err != nil {
		return handler.Deps{}, fmt.Errorf("creating event codec: %w", err)
	}
	activityCodec, err := events.NewProfileActivityCodec(avroRegistry)
	if err != nil {
		return handler.Deps{}, fmt.Errorf("creating profile activity codec: %w", err)
	}

	products, err := catalogue.New(pool, cfg.Enrichment.CatalogueCacheSize, cfg.Enrichment.CatalogueCacheTTL, reg)
	if err != nil {
		return handler.Deps{}, err
	}
	wh, err := warehouse.New(ch, cfg.ClickHouse.Database, cfg.Enrichment.KeysPerStatement)
	if err != nil {
		return handler.Deps{}, fmt.Errorf("creating warehouse: %w", err)
	}

	return handler.Deps{
		Events:        eventCodec,
		Activity:      activityCodec,
		Catalogue:     products,
		Warehouse:     wh,
		ActivityTopic: topics.Name(cfg.Kafka.TopicPrefix, topics.ProfileActivity),
		SessionGap:    cfg.Enrichment.SessionGap,
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

	// The server stops after the consumer, so /metrics stays readable
	// during the final commit.
	cancel()
	serverErr := <-serverDone
	if errors.Is(consumerErr, context.Canceled) {
		consumerErr = nil
	}
	return errors.Join(consumerErr, serverErr)
}

// LogConfig logs the effective configuration at Info level, without
// secrets.
func LogConfig(log zerolog.Logger, cfg config.Config) {
	e := cfg.Enrichment
	log.Info().
		Strs("kafka_brokers", cfg.Kafka.Brokers).
		Str("kafka_topic_prefix", cfg.Kafka.TopicPrefix).
		Str("clickhouse_addr", cfg.ClickHouse.Addr).
		Str("clickhouse_database", cfg.ClickHouse.Database).
		Str("http_addr", cfg.HTTP.Addr).
		Str("schema_registry_url", cfg.SchemaRegistry.Redacted()).
		Dur("session_gap", e.SessionGap).
		Int("catalogue_cache_size", e.CatalogueCacheSize).
		Dur("catalogue_cache_ttl", e.CatalogueCacheTTL).
		Int("keys_per_statement", e.KeysPerStatement).
		Int("max_poll_records", e.MaxPollRecords).
		Msg("starting enrichment")
}
