package publish

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
)

func TestPublisherAcknowledgesAndReportsFailures(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	client, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.MaxBufferedRecords(10))
	require.NoError(t, err)
	defer client.Close()
	publisher := New(client, topics.Name(prefix, topics.EventsRaw))

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for range 100 {
		require.NoError(t, publisher.Produce(ctx, "key", []byte("value")))
	}
	require.NoError(t, publisher.Flush(ctx))
	assert.Equal(t, int64(100), publisher.Acked())
	assert.Equal(t, int64(0), publisher.Failed())

	// A record produced with a cancelled context fails, and Flush reports it.
	cancelled, cancelNow := context.WithCancel(context.Background())
	cancelNow()
	assert.Error(t, publisher.Produce(cancelled, "key", []byte("value")))
	err = publisher.Flush(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "1 records to "+topics.Name(prefix, topics.EventsRaw)+" failed")
	assert.Equal(t, int64(1), publisher.Failed())
}
