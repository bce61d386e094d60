package importcmd

import (
	"context"
	"fmt"
	"time"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/cmd/profilectl/internal/publish"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/topics"
)

// flushTimeout bounds the final flush, which runs on a fresh context so that
// an interrupted import still waits for the records already handed over.
const flushTimeout = 2 * time.Minute

// eventSink encodes events and produces them to events.raw.
type eventSink struct {
	client    *kgo.Client
	publisher *publish.Publisher
	codec     *events.EventCodec
	// confluent selects the Confluent wire format with schemaID, the Event
	// schema's id in the schema registry. Otherwise records use Avro
	// single-object encoding.
	confluent bool
	schemaID  uint32
	sent      int64
}

// openSink connects to the brokers. maxInFlight bounds the records produced
// but not yet acknowledged. With schema_registry.url set, openSink registers
// the Event schema under the subject "<topic>-value" (the registry's default
// topic name strategy) and the sink writes the Confluent wire format.
func openSink(ctx context.Context, cfg settings.Config, log zerolog.Logger, maxInFlight int) (*eventSink, error) {
	if maxInFlight <= 0 {
		return nil, fmt.Errorf("invalid --max-in-flight %d: must be positive", maxInFlight)
	}
	registry, err := avro.RegistryFromURL(cfg.SchemaRegistry.URL)
	if err != nil {
		return nil, fmt.Errorf("loading avro schemas: %w", err)
	}
	codec, err := events.NewEventCodec(registry)
	if err != nil {
		return nil, err
	}
	topic := topics.Name(cfg.Kafka.TopicPrefix, topics.EventsRaw)
	var schemaID uint32
	if cfg.SchemaRegistry.Enabled() {
		if schemaID, err = codec.Avro().Register(ctx, topic+"-value"); err != nil {
			return nil, err
		}
		log.Info().Str("subject", topic+"-value").Uint32("schema_id", schemaID).
			Msg("writing the Confluent wire format")
	}

	client, err := stream.NewProducerClient(cfg.Kafka, "profilectl", log,
		kgo.MaxBufferedRecords(maxInFlight), kgo.ProducerLinger(20*time.Millisecond))
	if err != nil {
		return nil, err
	}
	return &eventSink{client: client, publisher: publish.New(client, topic), codec: codec,
		confluent: cfg.SchemaRegistry.Enabled(), schemaID: schemaID}, nil
}

// Send validates and encodes ev and produces it with key. An event that
// fails validation or encoding is an error of the importer or the data, so
// the import stops.
func (s *eventSink) Send(ctx context.Context, key string, ev *events.Event) error {
	if err := ev.Validate(); err != nil {
		return fmt.Errorf("event %s: %w", ev.EventID, err)
	}
	value, err := s.encode(ev)
	if err != nil {
		return fmt.Errorf("encoding event %s: %w", ev.EventID, err)
	}
	s.sent++
	return s.publisher.Produce(ctx, key, value)
}

func (s *eventSink) encode(ev *events.Event) ([]byte, error) {
	if s.confluent {
		return s.codec.EncodeConfluent(s.schemaID, ev)
	}
	return s.codec.Encode(ev)
}

// Finish waits for every acknowledgement on a fresh bounded context and
// returns an error if any record failed.
func (s *eventSink) Finish(ctx context.Context) error {
	flushCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), flushTimeout)
	defer cancel()
	return s.publisher.Flush(flushCtx)
}

// Close closes the client; call it after Finish.
func (s *eventSink) Close() { s.client.Close() }
