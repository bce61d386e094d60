// Package app assembles the inference service from its configuration: the
// codecs, the ClickHouse reader, the handler, the consumer and the
// telemetry server.
package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/telemetry"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/inference/internal/aggregates"
	"github.com/profilehub/platform/services/inference/internal/config"
	"github.com/profilehub/platform/services/inference/internal/pipeline"
)

// ServiceName is the name in logs, metrics, the consumer group
// ("<prefix>profilehub-inference") and the dead-letter headers.
const ServiceName = "inference"

// Service is the assembled inference service.
type Service struct {
	consumer  *stream.Consumer
	refresher *pipeline.Refresher
	server    *telemetry.Server
}

// New builds the service on an open ClickHouse connection, which the caller
// closes after Run returns. Metrics are registered in reg. extraOpts are
// appended to the consumer's Kafka client options; production passes none.
func New(cfg config.Config, conn driver.Conn, log zerolog.Logger, reg *prometheus.Registry,
	extraOpts ...kgo.Opt) (*Service, error) {
	codec, err := newCodec(cfg.SchemaRegistry.URL)
	if err != nil {
		return nil, err
	}
	source := aggregates.NewSource(aggregates.NewReader(conn, cfg.Inference.QueryChunkSize),
		cfg.Inference.RFMRefreshInterval)

	// The handler produces with the consumer's client, which exists only
	// after the consumer is created with the handler.
	var consumer *stream.Consumer
	produce := func(ctx context.Context, recs ...*kgo.Record) error {
		return stream.ProduceSync(ctx, consumer.Client(), recs...)
	}
	h := pipeline.NewHandler(source, codec, produce, topics.Name(cfg.Kafka.TopicPrefix, topics.TraitsInferred),
		cfg.Inference.ModelVersion, pipeline.NewMetrics(reg), log)
	refresher := pipeline.NewRefresher(h, source, cfg.Inference.RefreshIdle, cfg.Inference.QueryChunkSize,
		pipeline.NewRefreshMetrics(reg), log)

	streamCfg := stream.ConsumerConfig(cfg.Kafka, ServiceName, topics.ProfileActivity)
	streamCfg.MaxPollRecords = cfg.Inference.MaxPollRecords
	streamCfg.ExtraOpts = extraOpts
	consumer, err = stream.NewConsumer(streamCfg, ServiceName, h, log, reg)
	if err != nil {
		return nil, fmt.Errorf("creating consumer: %w", err)
	}
	return &Service{consumer: consumer, refresher: refresher,
		server: telemetry.NewServer(cfg.HTTP.Addr, reg, consumer.Ready)}, nil
}

// Run consumes and refreshes until ctx ends or the consumer or the
// telemetry server fails, then stops all three. It returns nil after a
// shutdown caused by ctx.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The refresher stops with ctx. It produces with the consumer's client,
	// so a refresh cut short by the shutdown ends with an error it does not
	// log, and the next start refreshes again.
	refresherDone := make(chan error, 1)
	go func() { refresherDone <- s.refresher.Run(ctx) }()

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
	refresherErr := <-refresherDone
	serverErr := <-serverDone
	if errors.Is(consumerErr, context.Canceled) {
		consumerErr = nil
	}
	return errors.Join(consumerErr, refresherErr, serverErr)
}

// LogConfig logs the effective configuration at Info level, without the
// ClickHouse password.
func LogConfig(log zerolog.Logger, cfg config.Config) {
	log.Info().
		Strs("kafka_brokers", cfg.Kafka.Brokers).
		Str("kafka_topic_prefix", cfg.Kafka.TopicPrefix).
		Str("http_addr", cfg.HTTP.Addr).
		Str("schema_registry_url", cfg.SchemaRegistry.Redacted()).
		Str("clickhouse_addr", cfg.ClickHouse.Addr).
		Str("clickhouse_database", cfg.ClickHouse.Database).
		Str("model_version", cfg.Inference.ModelVersion).
		Int("query_chunk_size", cfg.Inference.QueryChunkSize).
		Dur("rfm_refresh_interval", cfg.Inference.RFMRefreshInterval).
		Int("max_poll_records", cfg.Inference.MaxPollRecords).
		Dur("refresh_idle", cfg.Inference.RefreshIdle).
		Msg("starting inference")
}
