package handler

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/topics"
	"github.com/profilehub/platform/services/enrichment/internal/warehouse"
)

// BenchmarkHandleOrders handles batches of 1000 order events from 250
// profiles, 20 lines each over 2000 products, against the local stack. Each
// iteration's batch lies one day later, so every batch inserts new rows.
func BenchmarkHandleOrders(b *testing.B) {
	s := newStackWith(b, warehouse.DefaultKeysPerStatement)
	topic := topics.Name(s.prefix, topics.EventsResolved)
	batches := make([][]*kgo.Record, b.N)
	for i := range batches {
		batches[i] = encodeRecords(b, s.events, topic, benchOrders(i))
	}

	b.ResetTimer()
	for i := range b.N {
		s.handle(b, batches[i])
	}
	b.ReportMetric(float64(b.N*1000)/b.Elapsed().Seconds(), "events/s")
	reportSteps(b, s)
}

// reportSteps reports the mean seconds per batch of each handler step.
func reportSteps(b *testing.B, s *stack) {
	families, err := s.metrics.Gather()
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != "profilehub_enrichment_step_duration_seconds" {
			continue
		}
		for _, m := range f.GetMetric() {
			h := m.GetHistogram()
			b.ReportMetric(h.GetSampleSum()/float64(h.GetSampleCount()), m.GetLabel()[0].GetValue()+"-s/batch")
		}
	}
}

func benchOrders(day int) []*events.Event {
	start := monday.AddDate(0, 0, day)
	evs := make([]*events.Event, 1000)
	for i := range evs {
		profileID := identity.ProfileID(identity.KindUser, strconv.Itoa(i%250))
		lines := make([]events.OrderLine, 20)
		for j := range lines {
			lines[j] = events.OrderLine{
				LineNo: int32(j + 1), ProductID: strconv.Itoa((i*20 + j) % 2000),
				Quantity: int32(1 + j%6), UnitPrice: decimal.New(int64(100+j*37), -2),
			}
		}
		id := fmt.Sprintf("bench-%d-%d", day, i)
		evs[i] = fixtureEvent(id, events.TypeOrderCompleted, profileID,
			start.Add(time.Duration(i)*time.Minute), "Europe/London",
			&events.OrderCompleted{OrderID: id, Currency: "GBP", Lines: lines})
	}
	return evs
}
