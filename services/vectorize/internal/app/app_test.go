package app

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/vectorize/internal/config"
	"github.com/profilehub/platform/services/vectorize/internal/similarity"
	"github.com/profilehub/platform/services/vectorize/internal/space"
)

var asOf = time.Date(2011, 12, 1, 10, 0, 0, 0, time.UTC)

func TestVectorizeEndToEnd(t *testing.T) {
	brokers, prefix := testenv.Kafka(t)
	ch, chCfg := testenv.ClickHouse(t)
	pool, pgCfg := testenv.Postgres(t)
	ctx := context.Background()

	alice := identity.ProfileID(identity.KindUser, "17850")
	bob := identity.ProfileID(identity.KindUser, "13047")
	guest := identity.ProfileID(identity.KindAnonymous, "guest-1")

	// Alice bought lavender candles and looked at a rose perfume; Bob
	// bought the same candles; the guest only bought an unscented mug.
	_, err := pool.Exec(ctx, `INSERT INTO catalogue_products (product_id, source, category, scent_notes)
		VALUES ('84029E', 'online-retail', 'candles', '{lavender}'),
		       ('fragrantica:rose', 'fragrantica', 'fragrance', '{rose}'),
		       ('MUG1', 'online-retail', 'unlisted', '{}')`)
	require.NoError(t, err)
	batch, err := ch.PrepareBatch(ctx, `INSERT INTO `+chCfg.Database+`.profile_products
		(profile_id, product_id, category, units, revenue, orders, views, cart_adds, reviews, rating_sum,
		 last_at, version)`)
	require.NoError(t, err)
	for _, r := range []struct {
		profile, product string
		units            int64
		views            uint32
	}{
		{alice, "84029E", 2, 0}, {alice, "fragrantica:rose", 0, 5}, {bob, "84029E", 6, 1}, {guest, "MUG1", 1, 0},
	} {
		require.NoError(t, batch.Append(r.profile, r.product, "", r.units, decimal.Zero, uint32(1), r.views,
			uint32(0), uint32(0), uint32(0), asOf, uint64(1)))
	}
	require.NoError(t, batch.Send())

	cfg := config.Default()
	cfg.Kafka.Brokers, cfg.Kafka.TopicPrefix = brokers, prefix
	cfg.ClickHouse, cfg.Postgres = chCfg, pgCfg
	cfg.HTTP.Addr = "127.0.0.1:0"
	svc, err := New(cfg, ch, pool, zerolog.Nop(), prometheus.NewRegistry(), kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- svc.Run(runCtx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})

	reg, err := avro.Default()
	require.NoError(t, err)
	activityCodec, err := events.NewProfileActivityCodec(reg)
	require.NoError(t, err)
	vectorCodec, err := events.NewPreferenceVectorCodec(reg)
	require.NoError(t, err)

	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	defer producer.Close()
	var recs []*kgo.Record
	for _, id := range []string{alice, bob, guest} {
		value, err := activityCodec.Encode(&events.ProfileActivity{ProfileID: id, AsOf: asOf, Events: 1,
			EventTypes: []string{events.TypeOrderCompleted}})
		require.NoError(t, err)
		recs = append(recs, &kgo.Record{Topic: topics.Name(prefix, topics.ProfileActivity), Key: []byte(id),
			Value: value})
	}
	require.NoError(t, producer.ProduceSync(ctx, recs...).FirstErr())

	// Read vectors.updated until Alice's and Bob's vectors arrive.
	consumer, err := kgo.NewClient(kgo.SeedBrokers(brokers...),
		kgo.ConsumeTopics(topics.Name(prefix, topics.VectorsUpdated)), kgo.FetchMaxWait(200*time.Millisecond))
	require.NoError(t, err)
	defer consumer.Close()
	got := map[string]*events.PreferenceVector{}
	require.Eventually(t, func() bool {
		pollCtx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		consumer.PollFetches(pollCtx).EachRecord(func(r *kgo.Record) {
			v, err := vectorCodec.Decode(r.Value)
			require.NoError(t, err)
			require.Equal(t, v.ProfileID, string(r.Key))
			got[v.ProfileID] = v
		})
		return len(got) >= 2
	}, 60*time.Second, 100*time.Millisecond)

	a := got[alice]
	require.NotNil(t, a)
	require.Equal(t, space.V1Name, a.VectorSpace)
	require.Equal(t, asOf, a.AsOf.UTC())
	require.Equal(t, int64(7), a.EvidenceEvents, "2 units and 5 views")
	require.Len(t, a.Values, space.V1().Dim())
	require.Equal(t, []string{"note:lavender", "category:candles", "note:rose", "category:fragrance"},
		a.TopFeatures, "2 units weigh 2.0, 5 views 1.0")
	require.NotContains(t, got, guest, "a profile without scent or category evidence gets no vector")

	// The vectors are stored, and Bob is Alice's nearest neighbour.
	var stored int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM profile_vectors`).Scan(&stored))
	require.Equal(t, 2, stored)
	near, err := similarity.SimilarProfiles(ctx, pool, alice, 3)
	require.NoError(t, err)
	require.Len(t, near, 1)
	require.Equal(t, bob, near[0].ProfileID)
}
