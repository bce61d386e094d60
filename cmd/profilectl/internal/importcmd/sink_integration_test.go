package importcmd

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/avro/registrytest"
	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
)

// With a schema registry configured, the sink registers the Event schema
// under "<topic>-value" and writes Confluent-framed records that a consumer
// with an empty cache decodes through the registry.
func TestSinkWritesConfluentWireFormat(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	registry := registrytest.Start(t)
	cfg := settings.Default()
	cfg.Kafka = config.Kafka{Brokers: brokers, TopicPrefix: prefix}
	cfg.SchemaRegistry.URL = registry.URL
	topic := topics.Name(prefix, topics.EventsRaw)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sink, err := openSink(ctx, cfg, zerolog.Nop(), 10)
	require.NoError(t, err)
	defer sink.Close()
	ev := &events.Event{EventID: "6c1f0d2e-1a2b-4c3d-8e4f-5a6b7c8d9e41", EventType: events.TypeProductViewed,
		EventTime: time.Date(2011, 12, 5, 9, 0, 0, 0, time.UTC), UserID: "17850", Source: "test",
		Payload: &events.ProductViewed{ProductID: "85123A"}}
	require.NoError(t, sink.Send(ctx, "17850", ev))
	require.NoError(t, sink.Finish(ctx))

	subjects := registry.Subjects()
	require.Contains(t, subjects, topic+"-value")
	schemaID := subjects[topic+"-value"][0]

	client, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(t, err)
	defer client.Close()
	var value []byte
	for value == nil {
		fetches := client.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "timed out waiting for the record")
		require.Empty(t, fetches.Errors())
		fetches.EachRecord(func(r *kgo.Record) { value = r.Value })
	}
	require.Equal(t, []byte{0x00, byte(schemaID >> 24), byte(schemaID >> 16), byte(schemaID >> 8), byte(schemaID)},
		value[:5], "magic byte and big-endian schema id")

	consumerRegistry, err := avro.RegistryFromURL(registry.URL)
	require.NoError(t, err)
	codec, err := events.NewEventCodec(consumerRegistry)
	require.NoError(t, err)
	got, err := codec.Decode(value)
	require.NoError(t, err)
	require.Equal(t, ev.EventID, got.EventID)
	require.Equal(t, ev.Payload, got.Payload)
}
