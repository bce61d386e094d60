package stream

import (
	"context"
	"fmt"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/config"
)

// ProduceSync produces recs with cl and waits until the broker acknowledged
// every one of them or ctx ends. It returns the first failure, naming the
// record's topic. After an error some records may have been written, so
// callers retry the whole call and rely on idempotent consumers.
func ProduceSync(ctx context.Context, cl *kgo.Client, recs ...*kgo.Record) error {
	if len(recs) == 0 {
		return nil
	}
	results := cl.ProduceSync(ctx, recs...)
	for _, res := range results {
		if res.Err != nil {
			return fmt.Errorf("producing %d records, first failure to topic %s: %w",
				len(recs), res.Record.Topic, res.Err)
		}
	}
	return nil
}

// NewProducerClient returns a client that only produces, for services and
// tools that do not consume: brokers and client id from k (client id
// defaulting to service), acks from all in-sync replicas and idempotent
// writes, which are franz-go's defaults. The caller closes the client.
func NewProducerClient(k config.Kafka, service string, log zerolog.Logger, opts ...kgo.Opt) (*kgo.Client, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	clientID := k.ClientID
	if clientID == "" {
		clientID = service
	}

	all := append(baseOpts(k.Brokers, clientID, log), opts...)
	cl, err := kgo.NewClient(all...)
	if err != nil {
		return nil, fmt.Errorf("creating kafka producer client: %w", err)
	}
	return cl, nil
}

// baseOpts are the options every client of the platform shares.
func baseOpts(brokers []string, clientID string, log zerolog.Logger) []kgo.Opt {
	return []kgo.Opt{
		kgo.SeedBrokers(brokers...),
		kgo.ClientID(clientID),
		kgo.WithLogger(kgoLogger{log: log.With().Str("component", "kgo").Logger()}),
		kgo.RequiredAcks(kgo.AllISRAcks()),
	}
}

// kgoLogger forwards franz-go's warnings and errors to zerolog. Its info and
// debug messages are dropped, because they are per request.
type kgoLogger struct {
	log zerolog.Logger
}

func (l kgoLogger) Level() kgo.LogLevel { return kgo.LogLevelWarn }

func (l kgoLogger) Log(level kgo.LogLevel, msg string, keyvals ...any) {
	var ev *zerolog.Event
	switch level {
	case kgo.LogLevelError:
		ev = l.log.Error()
	case kgo.LogLevelWarn:
		ev = l.log.Warn()
	default:
		return
	}
	ev.Fields(keyvals).Msg(msg)
}
