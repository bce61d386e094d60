package testenv_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
)

func TestKafkaCreatesPrefixedTopics(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	assert.True(t, strings.HasPrefix(prefix, "t") && strings.HasSuffix(prefix, "."), "prefix %q", prefix)

	cl, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer cl.Close()
	admin := kadm.NewClient(cl)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	names := make([]string, len(topics.All))
	for i, base := range topics.All {
		names[i] = topics.Name(prefix, base)
	}
	details, err := admin.ListTopics(ctx, names...)
	require.NoError(t, err)
	require.NoError(t, details.Error())
	for _, name := range names {
		assert.Len(t, details[name].Partitions, testenv.TopicPartitions, "partitions of %s", name)
	}

	configs, err := admin.DescribeTopicConfigs(ctx, topics.Name(prefix, topics.Profiles), topics.Name(prefix, topics.EventsRaw))
	require.NoError(t, err)
	for _, rc := range configs {
		policy := ""
		for _, c := range rc.Configs {
			if c.Key == "cleanup.policy" && c.Value != nil {
				policy = *c.Value
			}
		}
		want := "delete"
		if rc.Name == topics.Name(prefix, topics.Profiles) {
			want = "compact"
		}
		assert.Equal(t, want, policy, "cleanup.policy of %s", rc.Name)
	}
}

func TestClickHouseFreshDatabase(t *testing.T) {
	conn, cfg := testenv.ClickHouse(t)
	assert.True(t, strings.HasPrefix(cfg.Database, "test_"), "database %q", cfg.Database)

	var current string
	require.NoError(t, conn.QueryRow(context.Background(), "SELECT currentDatabase()").Scan(&current))
	assert.Equal(t, cfg.Database, current, "connection uses the test database")
}

func TestPostgresFreshDatabase(t *testing.T) {
	pool, cfg := testenv.Postgres(t)
	assert.NotContains(t, cfg.DSN.String(), "profilehub", "DSN redacted when printed")

	var current string
	require.NoError(t, pool.QueryRow(context.Background(), "SELECT current_database()").Scan(&current))
	assert.True(t, strings.HasPrefix(current, "test_"), "database %q", current)
}
