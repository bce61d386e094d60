package importcmd

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
)

const testInvoices = 300

// Importing the same invoices twice must produce the same event ids, so the
// pipeline's deduplication by event id makes the second import a no-op.
func TestImportOnlineRetailTwiceSameIDs(t *testing.T) {
	retailFile := testenv.DataFile(t, "online-retail/online-retail.csv.gz")
	brokers, prefix := testenv.Kafka(t)
	pool, pgConfig := testenv.Postgres(t)

	cfg := settings.Default()
	cfg.Kafka = config.Kafka{Brokers: brokers, TopicPrefix: prefix}
	cfg.Postgres = pgConfig
	cfg.Log.Level = "warn"
	opts := retailOptions{file: retailFile, limit: testInvoices, maxInFlight: 1000}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	require.NoError(t, importOnlineRetail(ctx, cfg, opts, io.Discard))
	require.NoError(t, importOnlineRetail(ctx, cfg, opts, io.Discard))

	ids := consumeEventIDs(ctx, t, brokers, topics.Name(prefix, topics.EventsRaw), 2*testInvoices)
	assert.Len(t, ids, testInvoices, "distinct event ids")
	for id, count := range ids {
		assert.Equal(t, 2, count, "records of event %s", id)
	}

	var products, fees int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE is_fee) FROM catalogue_products`).
		Scan(&products, &fees))
	assert.Greater(t, products, 100)
	assert.Positive(t, fees, "the first invoices contain postage lines")
}

// consumeEventIDs reads want records from the start of topic and counts the
// records of each event id.
func consumeEventIDs(ctx context.Context, t *testing.T, brokers []string, topic string, want int) map[string]int {
	t.Helper()
	registry, err := avro.Default()
	require.NoError(t, err)
	codec, err := events.NewEventCodec(registry)
	require.NoError(t, err)
	client, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(t, err)
	defer client.Close()

	ids := map[string]int{}
	for seen := 0; seen < want; {
		fetches := client.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "timed out after %d of %d records", seen, want)
		require.Empty(t, fetches.Errors())
		fetches.EachRecord(func(record *kgo.Record) {
			ev, err := codec.Decode(record.Value)
			require.NoError(t, err)
			ids[ev.EventID]++
			seen++
		})
	}
	return ids
}
