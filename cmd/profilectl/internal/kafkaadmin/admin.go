// Package kafkaadmin creates the platform's topics and measures offsets and
// consumer-group lag with franz-go's admin client.
package kafkaadmin

import (
	"context"
	"errors"
	"fmt"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"

	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/topics"
)

// Layout of every topic on the local broker.
const (
	Partitions        = 4
	ReplicationFactor = 1
)

// Admin wraps an admin client and the topic prefix it works under.
type Admin struct {
	client *kadm.Client
	prefix string
}

// Open connects to the brokers of k. The caller calls Close.
func Open(k config.Kafka, log zerolog.Logger) (*Admin, error) {
	cl, err := stream.NewProducerClient(k, "profilectl", log)
	if err != nil {
		return nil, err
	}
	return &Admin{client: kadm.NewClient(cl), prefix: k.TopicPrefix}, nil
}

// Close closes the underlying client.
func (a *Admin) Close() { a.client.Close() }

// Topic returns the full name of a base topic name.
func (a *Admin) Topic(base string) string { return topics.Name(a.prefix, base) }

// CreatedTopic is the outcome for one topic of EnsureTopics.
type CreatedTopic struct {
	Name    string
	Created bool // false: it existed already
}

// EnsureTopics creates the topics of bases (base names of pkg/topics)
// under the prefix with Partitions partitions and ReplicationFactor
// replicas, the profiles topic compacted. A topic that exists already is left as it is, so running it
// again is harmless.
func (a *Admin) EnsureTopics(ctx context.Context, bases []string) ([]CreatedTopic, error) {
	var out []CreatedTopic
	for _, base := range bases {
		var configs map[string]*string
		if topics.Compacted(base) {
			compact := "compact"
			configs = map[string]*string{"cleanup.policy": &compact}
		}
		name := a.Topic(base)
		resp, err := a.client.CreateTopic(ctx, Partitions, ReplicationFactor, configs, name)
		switch {
		case errors.Is(err, kerr.TopicAlreadyExists) || errors.Is(resp.Err, kerr.TopicAlreadyExists):
			out = append(out, CreatedTopic{Name: name})
		case err != nil:
			return out, fmt.Errorf("creating topic %s: %w", name, err)
		case resp.Err != nil:
			return out, fmt.Errorf("creating topic %s: %w", name, resp.Err)
		default:
			out = append(out, CreatedTopic{Name: name, Created: true})
		}
	}
	return out, nil
}

// EndOffsetTotal returns the sum of the end offsets of a topic's partitions:
// the number of records ever written to it.
func (a *Admin) EndOffsetTotal(ctx context.Context, topic string) (int64, error) {
	ends, err := a.client.ListEndOffsets(ctx, topic)
	if err != nil {
		return 0, fmt.Errorf("listing end offsets of %s: %w", topic, err)
	}
	if err := ends.Error(); err != nil {
		return 0, fmt.Errorf("listing end offsets of %s: %w", topic, err)
	}
	var total int64
	ends.Each(func(o kadm.ListedOffset) { total += o.Offset })
	return total, nil
}
