package handler

import (
	"context"
	"testing"
	"time"

	"github.com/profilehub/platform/pkg/testenv"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/enrichment/internal/enrich"
	"github.com/profilehub/platform/services/enrichment/internal/warehouse"
)

func TestScratchTiming(t *testing.T) {
	s := newStackWith(t, 500)
	topic := topics.Name(s.prefix, topics.EventsResolved)
	for i := 0; i < 8; i++ {
		s.handle(t, encodeRecords(t, s.events, topic, benchOrders(i)))
	}
	_, cfg := testenv.ClickHouse(t)
	_ = cfg
	wh, _ := warehouse.New(s.ch, dbName(t, s), 500)
	evs := benchOrders(3)
	rows, lines := enrich.New(30*time.Minute).Rows(evs, enrich.Input{})
	k := warehouse.TouchedKeys(rows, lines)
	ctx := context.Background()
	for name, keys := range map[string]warehouse.Keys{
		"profile_daily":    {ProfileDays: k.ProfileDays},
		"profile_products": {ProfileProducts: k.ProfileProducts},
		"hour_of_week":     {ProfileHours: k.ProfileHours},
		"product_daily":    {ProductDays: k.ProductDays},
	} {
		start := time.Now()
		if err := wh.Recompute(ctx, keys); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %s", name, time.Since(start))
	}
	start := time.Now()
	if _, err := wh.PreviousEvents(ctx, enrich.FirstTimes(evs), 30*time.Minute); err != nil {
		t.Fatal(err)
	}
	t.Logf("previous: %s", time.Since(start))
}

func dbName(t *testing.T, s *stack) string {
	var db string
	if err := s.ch.QueryRow(context.Background(), "SELECT currentDatabase()").Scan(&db); err != nil {
		t.Fatal(err)
	}
	return db
}
