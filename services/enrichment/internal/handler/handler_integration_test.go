package handler

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/enrichment/internal/catalogue"
	"github.com/profilehub/platform/services/enrichment/internal/session"
	"github.com/profilehub/platform/services/enrichment/internal/warehouse"
)

// stack is a Handler wired to a fresh ClickHouse database, a fresh Postgres
// database with the fixture catalogue and fresh Kafka topics.
type stack struct {
	handler  *Handler
	ch       driver.Conn
	client   *kgo.Client
	prefix   string
	events   *events.EventCodec
	activity *events.ProfileActivityCodec
	metrics  *prometheus.Registry
}

func newStack(t testing.TB) *stack {
	t.Helper()
	// Two keys per statement exercise the chunking of the recomputes.
	return newStackWith(t, 2)
}

func newStackWith(t testing.TB, keysPerStatement int) *stack {
	t.Helper()
	brokers, prefix := testenv.Kafka(t)
	ch, chCfg := testenv.ClickHouse(t)
	pool, _ := testenv.Postgres(t)
	seedCatalogue(t, pool)

	reg, err := avro.Default()
	require.NoError(t, err)
	eventCodec, err := events.NewEventCodec(reg)
	require.NoError(t, err)
	activityCodec, err := events.NewProfileActivityCodec(reg)
	require.NoError(t, err)

	client, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	require.NoError(t, err)
	t.Cleanup(client.Close)

	metrics := prometheus.NewRegistry()
	products, err := catalogue.New(pool, 100, time.Minute, metrics)
	require.NoError(t, err)
	wh, err := warehouse.New(ch, chCfg.Database, keysPerStatement)
	require.NoError(t, err)

	h, err := New(Deps{
		Events:    eventCodec,
		Activity:  activityCodec,
		Catalogue: products,
		Warehouse: wh,
		Produce: func(ctx context.Context, recs ...*kgo.Record) error {
			return stream.ProduceSync(ctx, client, recs...)
		},
		ActivityTopic: topics.Name(prefix, topics.ProfileActivity),
		SessionGap:    session.DefaultGap,
	}, zerolog.Nop(), metrics)
	require.NoError(t, err)

	return &stack{handler: h, ch: ch, client: client, prefix: prefix, events: eventCodec, activity: activityCodec,
		metrics: metrics}
}

func (s *stack) handle(t testing.TB, recs []*kgo.Record) *stream.Batch {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	b := &stream.Batch{Records: recs}
	require.NoError(t, s.handler.Handle(ctx, b))
	return b
}

// Queries that read every aggregate table without the version column, as
// sorted strings.
const (
	profileDailyQuery = `SELECT profile_id, toString(day), toString(orders), toString(cancellations),
		toString(net_revenue), toString(items), toString(product_views), toString(cart_adds),
		toString(cart_removes), toString(reviews), toString(events), toString(sessions)
		FROM profile_daily FINAL ORDER BY profile_id, day`
	profileProductsQuery = `SELECT profile_id, product_id, category, toString(units), toString(revenue),
		toString(orders), toString(views), toString(cart_adds), toString(reviews), toString(rating_sum),
		toString(last_at)
		FROM profile_products FINAL ORDER BY profile_id, product_id`
	hourOfWeekQuery = `SELECT profile_id, toString(hour_of_week), toString(events), toString(orders)
		FROM profile_hour_of_week FINAL ORDER BY profile_id, hour_of_week`
	productDailyQuery = `SELECT product_id, toString(day), toString(units), toString(revenue),
		toString(orders), toString(cancellations), toString(buyers)
		FROM product_daily FINAL ORDER BY product_id, day`
	eventsQuery = `SELECT event_id, profile_id, session_id, device, browser, os, timezone,
		toString(hour_of_week), product_id, category, toString(is_fee)
		FROM events FINAL ORDER BY event_id`
	linesQuery = `SELECT order_id, toString(line_no), product_id, category, toString(quantity),
		toString(amount), toString(is_fee), toString(is_cancellation)
		FROM order_lines FINAL ORDER BY order_id, line_no`
)

func queryStrings(t *testing.T, ch driver.Conn, query string) [][]string {
	t.Helper()
	rows, err := ch.Query(context.Background(), query)
	require.NoError(t, err)
	defer rows.Close()

	var out [][]string
	n := len(rows.Columns())
	for rows.Next() {
		row := make([]string, n)
		ptrs := make([]any, n)
		for i := range row {
			ptrs[i] = &row[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		out = append(out, row)
	}
	require.NoError(t, rows.Err())
	return out
}

// snapshot reads every table that Handle writes.
func snapshot(t *testing.T, ch driver.Conn) map[string][][]string {
	t.Helper()
	return map[string][][]string{
		"profile_daily":        queryStrings(t, ch, profileDailyQuery),
		"profile_products":     queryStrings(t, ch, profileProductsQuery),
		"profile_hour_of_week": queryStrings(t, ch, hourOfWeekQuery),
		"product_daily":        queryStrings(t, ch, productDailyQuery),
		"events":               queryStrings(t, ch, eventsQuery),
		"order_lines":          queryStrings(t, ch, linesQuery),
	}
}

func TestHandleExactAggregates(t *testing.T) {
	s := newStack(t)
	recs := encodeRecords(t, s.events, topics.Name(s.prefix, topics.EventsResolved), fixtureEvents())

	s.handle(t, recs)
	got := snapshot(t, s.ch)

	// net_revenue of A: 6 x 2.55 + 6 x 3.39 + 18.00 postage - 2 x 2.55 = 48.54.
	// items of A: 6 + 6 - 2, without the postage line.
	assert.Equal(t, [][]string{
		{profileA, "2011-12-05", "1", "1", "48.5400", "10", "1", "1", "0", "1", "5", "2"},
		{profileB, "2011-12-06", "1", "0", "35.1900", "13", "0", "0", "0", "0", "1", "1"},
	}, sortedByFirst(got["profile_daily"]), "profile_daily")

	assert.Equal(t, sortedByFirst([][]string{
		{profileA, "71053", "lighting", "6", "20.3400", "1", "0", "0", "0", "0", "2011-12-05 09:10:00"},
		{profileA, "85123A", "candles", "4", "10.2000", "1", "1", "1", "1", "4", "2011-12-05 11:05:00"},
		{profileB, "85123A", "candles", "12", "25.2000", "1", "0", "0", "0", "0", "2011-12-06 08:00:00"},
		{profileB, "NEWCODE", "", "1", "9.9900", "1", "0", "0", "0", "0", "2011-12-06 08:00:00"},
	}), sortedByFirst(got["profile_products"]), "profile_products: no row for the POST fee line")

	// A: Monday 09:xx and 11:xx in London; B: 08:00 UTC on Tuesday is 03:00
	// in New York, hour 24 + 3.
	assert.Equal(t, sortedByFirst([][]string{
		{profileA, "9", "3", "1"},
		{profileA, "11", "2", "0"},
		{profileB, "27", "1", "1"},
	}), sortedByFirst(got["profile_hour_of_week"]), "profile_hour_of_week")

	assert.Equal(t, [][]string{
		{"71053", "2011-12-05", "6", "20.3400", "1", "0", "1"},
		{"85123A", "2011-12-05", "4", "10.2000", "1", "1", "1"},
		{"85123A", "2011-12-06", "12", "25.2000", "1", "0", "1"},
		{"NEWCODE", "2011-12-06", "1", "9.9900", "1", "0", "1"},
	}, got["product_daily"], "product_daily: no row for POST")

	firstSession := session.DeriveID(profileA, monday.Add(9*time.Hour))
	secondSession := session.DeriveID(profileA, monday.Add(11*time.Hour))
	sessions := map[string]string{}
	for _, row := range got["events"] {
		sessions[row[0]] = row[2]
		assert.Equal(t, []string{"desktop", "chrome", "windows"}, row[3:6], "user agent of %s", row[0])
	}
	assert.Equal(t, map[string]string{
		"e1": firstSession, "e2": firstSession, "e3": firstSession,
		"e4": secondSession, "e5": secondSession,
		"e6": session.DeriveID(profileB, monday.Add(32*time.Hour)),
	}, sessions)

	assert.Contains(t, got["order_lines"], []string{"C536379", "1", "85123A", "candles", "-2", "-5.1000", "0", "1"},
		"the cancellation line keeps its negative quantity and amount")
	assert.Contains(t, got["order_lines"], []string{"536365", "3", "POST", "fee", "1", "18.0000", "1", "0"})
}

func TestHandleReplayKeepsAggregates(t *testing.T) {
	s := newStack(t)
	recs := encodeRecords(t, s.events, topics.Name(s.prefix, topics.EventsResolved), fixtureEvents())

	s.handle(t, recs)
	first := snapshot(t, s.ch)
	s.handle(t, recs)
	second := snapshot(t, s.ch)

	for table, rows := range first {
		assert.NotEmpty(t, rows, table)
		assert.Equal(t, rows, second[table], "table %s changed on replay", table)
	}
	// Records arrive in partition order, so compare them grouped by profile.
	activity := readActivity(t, s, 4)
	slices.SortStableFunc(activity, func(a, b events.ProfileActivity) int {
		return strings.Compare(a.ProfileID, b.ProfileID)
	})
	assert.Equal(t, activity[0], activity[1], "a replay produces the same activity again")
	assert.Equal(t, activity[2], activity[3], "a replay produces the same activity again")
}

// A replay cut into other batches must derive the same session ids and
// aggregates as one batch.
func TestHandleSplitBatchesMatchOneBatch(t *testing.T) {
	whole := newStack(t)
	recs := encodeRecords(t, whole.events, topics.Name(whole.prefix, topics.EventsResolved), fixtureEvents())
	whole.handle(t, recs)

	split := newStack(t)
	for _, part := range [][]*kgo.Record{recs[:1], recs[1:4], recs[4:]} {
		split.handle(t, part)
	}

	assert.Equal(t, snapshot(t, whole.ch), snapshot(t, split.ch))
}

func TestHandleRejectsBadRecords(t *testing.T) {
	s := newStack(t)
	topic := topics.Name(s.prefix, topics.EventsResolved)
	noProfile := fixtureEvent("x1", events.TypeProductViewed, "", monday, "", &events.ProductViewed{ProductID: "A"})
	recs := encodeRecords(t, s.events, topic, []*events.Event{noProfile})
	recs = append(recs, &kgo.Record{Topic: topic, Value: []byte("not avro"), Offset: 1})

	b := s.handle(t, recs)

	assert.Equal(t, 2, b.Rejected())
	assert.Empty(t, queryStrings(t, s.ch, eventsQuery))
}

func TestHandleProducesActivity(t *testing.T) {
	s := newStack(t)
	s.handle(t, encodeRecords(t, s.events, topics.Name(s.prefix, topics.EventsResolved), fixtureEvents()))

	got := readActivity(t, s, 2)

	byProfile := map[string]events.ProfileActivity{}
	for _, a := range got {
		byProfile[a.ProfileID] = a
	}
	require.Contains(t, byProfile, profileA)
	require.Contains(t, byProfile, profileB)
	a := byProfile[profileA]
	assert.Equal(t, int32(5), a.Events)
	assert.True(t, a.AsOf.Equal(monday.Add(11*time.Hour+5*time.Minute)), "as_of %s", a.AsOf)
	assert.Equal(t, []string{"cart_updated", "order_cancelled", "order_completed", "product_viewed", "review_submitted"},
		a.EventTypes)
	assert.Equal(t, int32(1), byProfile[profileB].Events)
}

// readActivity consumes n records from the test's profile.activity topic,
// in partition order, and checks that each is keyed by its profile id.
func readActivity(t *testing.T, s *stack, n int) []events.ProfileActivity {
	t.Helper()
	reader, err := kgo.NewClient(
		kgo.SeedBrokers(s.client.OptValue(kgo.SeedBrokers).([]string)...),
		kgo.ConsumeTopics(topics.Name(s.prefix, topics.ProfileActivity)),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
	)
	require.NoError(t, err)
	defer reader.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var out []events.ProfileActivity
	for len(out) < n {
		fetches := reader.PollFetches(ctx)
		require.NoError(t, ctx.Err(), "waiting for %d activity records, got %d", n, len(out))
		fetches.EachRecord(func(r *kgo.Record) {
			a, err := s.activity.Decode(r.Value)
			require.NoError(t, err)
			assert.Equal(t, a.ProfileID, string(r.Key))
			out = append(out, *a)
		})
	}
	return out
}

func sortedByFirst(rows [][]string) [][]string {
	out := slices.Clone(rows)
	slices.SortFunc(out, slices.Compare[[]string])
	return out
}

func TestHandleStoresGuestFlag(t *testing.T) {
	s := newStack(t)
	guestProfile := identity.ProfileID(identity.KindAnonymous, "anon-1")
	withAccount := fixtureEvent("g1", events.TypeOrderCompleted, profileA, monday, "Europe/London",
		&events.OrderCompleted{OrderID: "1", Currency: "GBP"})
	markedGuest := fixtureEvent("g2", events.TypeOrderCompleted, profileA, monday.Add(time.Hour), "Europe/London",
		&events.OrderCompleted{OrderID: "2", Currency: "GBP", Guest: true})
	anonymous := fixtureEvent("g3", events.TypeProductViewed, guestProfile, monday, "Europe/London",
		&events.ProductViewed{ProductID: "85123A"})
	anonymous.UserID, anonymous.AnonymousID = "", "anon-1"
	evs := []*events.Event{withAccount, markedGuest, anonymous}

	s.handle(t, encodeRecords(t, s.events, topics.Name(s.prefix, topics.EventsResolved), evs))

	got := queryStrings(t, s.ch, "SELECT event_id, toString(guest) FROM events FINAL ORDER BY event_id")
	assert.Equal(t, [][]string{{"g1", "0"}, {"g2", "1"}, {"g3", "1"}}, got)
}
