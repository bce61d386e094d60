package retail

import (
	"time"

	"github.com/profilehub/platform/pkg/catalogue"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
)

// Fixed facts of the data set that every event carries.
const (
	// IDSource is the source name of identity.EventID for this data set.
	IDSource = "online-retail"
	// EventSource is the Event.Source of imported events.
	EventSource = "import-online-retail"
	Currency    = "GBP"
	Channel     = "web"
	Locale      = "en-GB"
	// GuestPrefix starts the anonymous id of a purchase without a customer
	// number: "guest:<InvoiceNo>", one anonymous visitor per invoice.
	GuestPrefix = "guest:"
)

// EventID returns the deterministic event id of an invoice, so that a second
// import of the file produces the same ids.
func EventID(invoiceNo string) string {
	return identity.EventID(IDSource, "invoice:"+invoiceNo)
}

// Event builds the event of one invoice. An invoice number starting with "C"
// gives order_cancelled, whose lines keep their negative quantities. Every
// other invoice gives order_completed with its lines as they are, including
// negative quantities and zero or negative prices. So the three "A" invoices
// ("Adjust bad debt", no customer) become guest orders. receivedAt is the
// import time.
func Event(inv Invoice, receivedAt time.Time) *events.Event {
	ev := &events.Event{
		EventID:    EventID(inv.InvoiceNo),
		EventTime:  inv.Time,
		ReceivedAt: receivedAt,
		Source:     EventSource,
		Context: events.Context{
			Country:  inv.Country,
			Timezone: Shop,
			Channel:  Channel,
			Locale:   Locale,
		},
	}
	if inv.CustomerID == "" {
		ev.AnonymousID = GuestPrefix + inv.InvoiceNo
	} else {
		ev.UserID = inv.CustomerID
	}

	lines := orderLines(inv.Lines)
	if inv.IsCancellation() {
		ev.EventType = events.TypeOrderCancelled
		ev.Payload = &events.OrderCancelled{OrderID: inv.InvoiceNo, Currency: Currency, Lines: lines}
		return ev
	}
	ev.EventType = events.TypeOrderCompleted
	ev.Payload = &events.OrderCompleted{
		OrderID:  inv.InvoiceNo,
		Currency: Currency,
		Guest:    inv.CustomerID == "",
		Lines:    lines,
	}
	return ev
}

// Key returns the Kafka record key of an invoice's event: the user id, or
// the anonymous id of a guest.
func Key(ev *events.Event) string {
	if ev.AnonymousID != "" {
		return ev.AnonymousID
	}
	return ev.UserID
}

// orderLines numbers the lines from 1 in file order.
func orderLines(lines []Line) []events.OrderLine {
	out := make([]events.OrderLine, len(lines))
	for i, line := range lines {
		out[i] = events.OrderLine{
			LineNo:      int32(i + 1),
			ProductID:   line.StockCode,
			Description: line.Description,
			Quantity:    line.Quantity,
			UnitPrice:   line.UnitPrice,
			IsFee:       catalogue.IsFeeStockCode(line.StockCode),
		}
	}
	return out
}
