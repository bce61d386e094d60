// Package app assembles the segment service from its configuration: the
// rules, the codecs, the Postgres store, the handler, the consumer and the
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

	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/telemetry"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/segment/internal/config"
	"github.com/profilehub/platform/services/segment/internal/membership"
	"github.com/profilehub/platform/services/segment/internal/pipeline"
	"github.com/profilehub/platform/services/segment/internal/rules"
)

// ServiceName is the name in logs, metrics, the consumer group
// ("<prefix>profilehub-segment") and the dead-letter headers.
const ServiceName = "segment"

// Service is the assembled segment service.
type Service struct {
	consumer *stream.Consumer
	server   *telemetry.Server
}

// New builds the service with checked rules on an open Postgres pool, which
// the caller closes after Run returns. Metrics are registered in reg.
// extraOpts are appended to the consumer's Kafka client options; production
// passes none.
func New(cfg config.Config, rs *rules.RuleSet, pool *pgxpool.Pool, log zerolog.Logger,
	reg *prometheus.Registry, extraOpts ...kgo.Opt) (*Service, error) {
	codec, err := newCodec(cfg.SchemaRegistry.URL)
	if err != nil {
		return nil, err
	}

	// The handler produces with the consumer's client, which exists only
	// after the consumer is created with the handler.
	var consumer *stream.Consumer
	produce := func(ctx context.Context, recs ...*kgo.Record) error {
		return stream.ProduceSync(ctx, consumer.Client(), recs...)
	}
	h := pipeline.NewHandler(rs, codec, membership.NewStore(pool), produce,
		topics.Name(cfg.Kafka.TopicPrefix, topics.SegmentsChanged), pipeline.NewMetrics(reg), log)

	streamCfg := stream.ConsumerConfig(cfg.Kafka, ServiceName, topics.TraitsInferred)
	streamCfg.MaxPollRecords = cfg.Segment.MaxPollRecords
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

// LogConfig logs the effective configuration and the loaded rules at Info
// level, without the Postgres DSN.
func LogConfig(log zerolog.Logger, cfg config.Config, rs *rules.RuleSet) {
	names := make([]string, len(rs.Segments))
	for i, s := range rs.Segments {
		names[i] = s.Name
	}
	log.Info().
		Strs("kafka_brokers", cfg.Kafka.Brokers).
		Str("kafka_topic_prefix", cfg.Kafka.TopicPrefix).
		Str("http_addr", cfg.HTTP.Addr).
		Str("schema_registry_url", cfg.SchemaRegistry.Redacted()).
		Str("rules_path", cfg.Segment.RulesPath).
		Str("rules_version", rs.Version).
		Strs("segments", names).
		Int("max_poll_records", cfg.Segment.MaxPollRecords).
		Msg("starting segment")
}
