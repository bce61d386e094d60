package app

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/avro/registrytest"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/ingest/internal/config"
)

// With schema_registry.url set, a raw event in the Confluent wire format,
// written by a producer that registered the Event schema, is resolved like
// any other. The service fetches the writer schema by id from the registry.
func TestServiceDecodesConfluentWireFormat(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	pool, pgCfg := testenv.Postgres(t)
	registry := registrytest.Start(t)
	rawTopic := topics.Name(prefix, topics.EventsRaw)

	// The producer side registers the schema under the topic's value subject.
	ctx, cancel := context.WithCancel(context.Background())
	producerRegistry, err := avro.RegistryFromURL(registry.URL)
	require.NoError(t, err)
	producerCodec, err := events.NewEventCodec(producerRegistry)
	require.NoError(t, err)
	schemaID, err := producerCodec.Avro().Register(ctx, rawTopic+"-value")
	require.NoError(t, err)
	ev := rawEvent("6c1f0d2e-1a2b-4c3d-8e4f-5a6b7c8d9e31", "device-31", "40001", time.Now().UTC().Add(-time.Minute))
	value, err := producerCodec.EncodeConfluent(schemaID, ev)
	require.NoError(t, err)
	require.Equal(t, byte(0x00), value[0], "Confluent magic byte")

	cfg := config.Default()
	cfg.Kafka.Brokers = brokers
	cfg.Kafka.TopicPrefix = prefix
	cfg.Postgres = pgCfg
	cfg.HTTP.Addr = "127.0.0.1:0"
	cfg.SchemaRegistry.URL = registry.URL
	reg := prometheus.NewRegistry()
	svc, err := New(cfg, pool, zerolog.Nop(), reg, kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})

	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	require.NoError(t, stream.ProduceSync(ctx, producer,
		&kgo.Record{Topic: rawTopic, Key: []byte("device-31"), Value: value}))

	require.Eventually(t, func() bool {
		return testenv.CounterValue(t, reg, "profilehub_ingest_events_ingested_total", nil) == 1
	}, 60*time.Second, 100*time.Millisecond)
	require.Zero(t, testenv.CounterValue(t, reg, "profilehub_ingest_events_rejected_total", nil))

	resolved := testenv.ReadTopic(t, brokers, topics.Name(prefix, topics.EventsResolved))
	require.Len(t, resolved, 1)
	got, err := eventCodec(t).Decode(resolved[0].Value)
	require.NoError(t, err)
	userProfile := identity.ProfileID(identity.KindUser, "40001")
	require.Equal(t, ev.EventID, got.EventID)
	require.Equal(t, userProfile, got.ProfileID)
	require.Equal(t, userProfile, string(resolved[0].Key))
	require.Equal(t, &events.ProductViewed{ProductID: "85123A"}, got.Payload)
	require.Equal(t, map[string][]uint32{rawTopic + "-value": {schemaID}}, registry.Subjects())
}
