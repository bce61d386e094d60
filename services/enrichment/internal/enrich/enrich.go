package enrich

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/services/enrichment/internal/catalogue"
	"github.com/profilehub/platform/services/enrichment/internal/localtime"
	"github.com/profilehub/platform/services/enrichment/internal/session"
	"github.com/profilehub/platform/services/enrichment/internal/useragent"
	"github.com/profilehub/platform/services/enrichment/internal/warehouse"
)

// Enricher builds table rows from valid events. It is safe for concurrent
// use.
type Enricher struct {
	agents *useragent.Parser
	zones  *localtime.Zones
	gap    time.Duration
}

// New returns an Enricher whose sessions end after gap of inactivity.
func New(gap time.Duration) *Enricher {
	return &Enricher{agents: useragent.NewParser(), zones: localtime.NewZones(), gap: gap}
}

// Input is the data of one batch besides its events: the catalogue entry of
// every product id that ProductIDs returned, and the previous stored event
// of each profile (see FirstTimes).
type Input struct {
	Products map[string]catalogue.Product
	Previous map[string]session.Previous
}

// Rows returns the events rows, in the order of evs, and the order_lines
// rows of evs, which must be valid and distinct by event id.
func (e *Enricher) Rows(evs []*events.Event, in Input) ([]warehouse.EventRow, []warehouse.LineRow) {
	sessions := e.assignSessions(evs, in.Previous)

	eventRows := make([]warehouse.EventRow, len(evs))
	var lineRows []warehouse.LineRow
	for i, ev := range evs {
		eventRows[i] = e.eventRow(ev, sessions[i], in.Products)
		lineRows = append(lineRows, orderLines(ev, in.Products)...)
	}
	return eventRows, lineRows
}

// assignSessions returns the session id of each event, by index of evs.
func (e *Enricher) assignSessions(evs []*events.Event, previous map[string]session.Previous) []string {
	byProfile := make(map[string][]int)
	for i, ev := range evs {
		byProfile[ev.ProfileID] = append(byProfile[ev.ProfileID], i)
	}

	ids := make([]string, len(evs))
	for profileID, indexes := range byProfile {
		items := make([]session.Event, len(indexes))
		for j, i := range indexes {
			items[j] = session.Event{ID: evs[i].EventID, Time: evs[i].EventTime, SessionID: evs[i].Context.SessionID}
		}
		for j, id := range session.Assign(profileID, previous[profileID], items, e.gap) {
			ids[indexes[j]] = id
		}
	}
	return ids
}

func (e *Enricher) eventRow(ev *events.Event, sessionID string,
	products map[string]catalogue.Product) warehouse.EventRow {
	agent := e.agents.Parse(ev.Context.UserAgent)
	local := e.zones.Convert(ev.EventTime, ev.Context.Timezone)
	row := warehouse.EventRow{
		EventID:    ev.EventID,
		EventType:  ev.EventType,
		ProfileID:  ev.ProfileID,
		EventTime:  ev.EventTime,
		ReceivedAt: ev.ReceivedAt,
		Source:     ev.Source,
		SessionID:  sessionID,
		Channel:    ev.Context.Channel,
		Country:    ev.Context.Country,
		Locale:     ev.Context.Locale,
		Timezone:   local.Zone,
		Device:     agent.Device,
		Browser:    agent.Browser,
		OS:         agent.OS,
		LocalHour:  local.Hour,
		LocalDow:   local.DayOfWeek,
		HourOfWeek: local.HourOfWeek(),
		Guest:      ev.UserID == "",
	}
	fillPayload(&row, ev.Payload)

	if row.ProductID != "" {
		product := products[row.ProductID]
		if product.Found || row.Category == "" {
			row.Category = product.Category
		}
		row.IsFee = product.IsFee
	}
	return row
}

// fillPayload copies the payload fields that the events table keeps. A
// product_viewed event keeps the producer's category until the catalogue
// overrides it.
func fillPayload(row *warehouse.EventRow, payload any) {
	switch p := payload.(type) {
	case *events.ProductViewed:
		row.ProductID, row.Category = p.ProductID, p.Category
	case *events.CartUpdated:
		row.ProductID, row.CartAction, row.Quantity = p.ProductID, p.Action, p.Quantity
	case *events.ReviewSubmitted:
		row.ProductID, row.Rating = p.ProductID, clampRating(p.Rating)
	case *events.OrderCompleted:
		row.OrderID = p.OrderID
		row.Guest = row.Guest || p.Guest
	case *events.OrderCancelled:
		row.OrderID = p.OrderID
	}
}

// clampRating keeps a rating within the schema's 1 to 5, so an out-of-range
// value cannot wrap around in the UInt8 column.
func clampRating(r int32) uint8 {
	return uint8(min(max(r, 1), 5))
}

// orderLines returns the order_lines rows of an order or a cancellation. The
// amount is quantity * unit_price as sent: cancellation lines carry negative
// quantities already, so their amount is negative without any sign change.
func orderLines(ev *events.Event, products map[string]catalogue.Product) []warehouse.LineRow {
	var orderID, originalID, currency string
	var lines []events.OrderLine
	cancellation := false
	switch p := ev.Payload.(type) {
	case *events.OrderCompleted:
		orderID, currency, lines = p.OrderID, p.Currency, p.Lines
	case *events.OrderCancelled:
		orderID, originalID, currency, lines = p.OrderID, p.OriginalOrderID, p.Currency, p.Lines
		cancellation = true
	default:
		return nil
	}

	rows := make([]warehouse.LineRow, len(lines))
	for i, line := range lines {
		product := products[line.ProductID]
		rows[i] = warehouse.LineRow{
			ProfileID:       ev.ProfileID,
			OrderID:         orderID,
			LineNo:          line.LineNo,
			EventID:         ev.EventID,
			EventTime:       ev.EventTime,
			ProductID:       line.ProductID,
			Category:        product.Category,
			Quantity:        line.Quantity,
			UnitPrice:       line.UnitPrice,
			Amount:          decimal.NewFromInt32(line.Quantity).Mul(line.UnitPrice),
			IsFee:           line.IsFee || product.IsFee,
			IsCancellation:  cancellation,
			OriginalOrderID: originalID,
			Currency:        currency,
		}
	}
	return rows
}
