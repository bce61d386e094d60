package kafkaadmin

import (
	"context"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
)

func openTestAdmin(t *testing.T) (*Admin, []string) {
	t.Helper()
	brokers, prefix := testenv.Kafka(t)
	admin, err := Open(config.Kafka{Brokers: brokers, TopicPrefix: prefix}, zerolog.Nop())
	require.NoError(t, err)
	t.Cleanup(admin.Close)
	return admin, brokers
}

func TestEnsureTopicsIdempotent(t *testing.T) {
	admin, _ := openTestAdmin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// Delete one topic, so the first run creates it and keeps the others.
	profiles := admin.Topic(topics.Profiles)
	_, err := admin.client.DeleteTopic(ctx, profiles)
	require.NoError(t, err)
	// The broker may still be deleting the topic, so retry until it is
	// created again.
	require.Eventually(t, func() bool {
		created, err := admin.EnsureTopics(ctx, topics.All)
		return err == nil && len(created) == len(topics.All) && wasCreated(created, profiles)
	}, 20*time.Second, 500*time.Millisecond)

	again, err := admin.EnsureTopics(ctx, topics.All)
	require.NoError(t, err)
	for _, topic := range again {
		assert.False(t, topic.Created, topic.Name)
	}

	configs, err := admin.client.DescribeTopicConfigs(ctx, profiles)
	require.NoError(t, err)
	policy, err := configs.On(profiles, nil)
	require.NoError(t, err)
	for _, c := range policy.Configs {
		if c.Key == "cleanup.policy" {
			assert.Equal(t, "compact", c.MaybeValue())
		}
	}
}

func TestLagCountsUncommittedRecords(t *testing.T) {
	admin, brokers := openTestAdmin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	raw := admin.Topic(topics.EventsRaw)
	for i := range 5 {
		record := &kgo.Record{Topic: raw, Key: []byte{byte(i)}, Value: []byte("x")}
		require.NoError(t, producer.ProduceSync(ctx, record).FirstErr())
	}

	lags, err := admin.Lag(ctx)
	require.NoError(t, err)
	require.Len(t, lags, len(Groups))
	assert.Equal(t, admin.GroupName("ingest"), lags[0].Group)
	assert.Equal(t, int64(5), lags[0].Total(), "a group without commits lags by every record")
	assert.Equal(t, int64(0), lags[1].Total())

	// Commit the end offsets for the ingest group: its lag drops to zero.
	ends, err := admin.client.ListEndOffsets(ctx, raw)
	require.NoError(t, err)
	offsets := kadm.Offsets{}
	ends.Each(func(o kadm.ListedOffset) {
		offsets.Add(kadm.Offset{Topic: o.Topic, Partition: o.Partition, At: o.Offset, LeaderEpoch: -1})
	})
	_, err = admin.client.CommitOffsets(ctx, admin.GroupName("ingest"), offsets)
	require.NoError(t, err)

	lags, err = admin.Lag(ctx)
	require.NoError(t, err)
	assert.Equal(t, int64(0), lags[0].Total())

	total, err := admin.EndOffsetTotal(ctx, raw)
	require.NoError(t, err)
	assert.Equal(t, int64(5), total)
}

func wasCreated(created []CreatedTopic, name string) bool {
	for _, topic := range created {
		if topic.Name == name {
			return topic.Created
		}
	}
	return false
}
