package retail

import (
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/events"
)

// sample is shaped like the online-retail file. It contains a customer order
// with a quoted description containing commas and a postage line, a
// cancellation, and a guest order with a blank description. It also contains
// an order interleaved with another, an invoice with an unparseable quantity
// and an "A" adjustment invoice.
const sample = `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
536365,21462,"NURSERY A,B,C PAINTED LETTERS",1,2010-12-01 08:26:00,6.75,17850.0,United Kingdom
536365,POST,POSTAGE,1,2010-12-01 08:27:00,18.0,17850.0,United Kingdom
C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom
536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom
542806,48194,DOORMAT HEARTS,1,2011-07-01 11:19:00,7.95,12836.0,United Kingdom
C542805,22156,HEART DECORATION WITH PEARLS ,-1,2011-07-01 11:19:00,0.85,14606.0,United Kingdom
542806,22692,DOORMAT WELCOME TO OUR HOME,2,2011-07-01 11:20:00,7.95,12836.0,United Kingdom
536999,22139,RETROSPOT TEA SET,two,2011-07-02 10:00:00,4.95,13000.0,France
536999,22140,RETROSPOT MUG,1,2011-07-02 10:00:00,4.95,13000.0,France
A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom
`

func writeSample(t *testing.T, text string, compress bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "retail.csv")
	file, err := os.Create(path)
	require.NoError(t, err)
	defer file.Close()
	if !compress {
		_, err = file.WriteString(text)
		require.NoError(t, err)
		return path
	}
	gz := gzip.NewWriter(file)
	_, err = gz.Write([]byte(text))
	require.NoError(t, err)
	require.NoError(t, gz.Close())
	return path
}

func london(t *testing.T) *time.Location {
	t.Helper()
	location, err := time.LoadLocation(Shop)
	require.NoError(t, err)
	return location
}

type readResult struct {
	invoices map[string]Invoice
	order    []string
	rejected map[string][]error
	stats    Stats
}

func readSample(t *testing.T, path string, filter Filter) readResult {
	t.Helper()
	result := readResult{invoices: map[string]Invoice{}, rejected: map[string][]error{}}
	reader := &Reader{Path: path, Filter: filter, Location: london(t),
		OnReject: func(invoiceNo string, problems []error) { result.rejected[invoiceNo] = problems }}
	stats, err := reader.Read(context.Background(), func(inv Invoice) error {
		result.invoices[inv.InvoiceNo] = inv
		result.order = append(result.order, inv.InvoiceNo)
		return nil
	})
	require.NoError(t, err)
	result.stats = stats
	return result
}

func TestReadGroupsInvoices(t *testing.T) {
	result := readSample(t, writeSample(t, sample, true), Filter{})

	assert.Equal(t, 11, result.stats.Rows)
	assert.Equal(t, 6, result.stats.Invoices)
	assert.Equal(t, 1, result.stats.RejectedInvoices)
	assert.Equal(t, 1, result.stats.BadRows)
	assert.Equal(t, []string{"536365", "C536379", "536414", "C542805", "542806", "A563185"}, result.order)

	interleaved := result.invoices["542806"]
	require.Len(t, interleaved.Lines, 2)
	assert.Equal(t, "22692", interleaved.Lines[1].StockCode)
	assert.Equal(t, time.Date(2011, 7, 1, 10, 19, 0, 0, time.UTC), interleaved.Time, "BST is UTC+1")
}

func TestReadRejectsInvoiceWithBadRow(t *testing.T) {
	result := readSample(t, writeSample(t, sample, false), Filter{})

	assert.NotContains(t, result.invoices, "536999")
	require.Len(t, result.rejected["536999"], 1)
	var rowErr *RowError
	require.ErrorAs(t, result.rejected["536999"][0], &rowErr)
	assert.Equal(t, 10, rowErr.Row)
	assert.Contains(t, rowErr.Error(), `invalid Quantity "two"`)
}

func TestReadFilter(t *testing.T) {
	path := writeSample(t, sample, true)
	limited := readSample(t, path, Filter{Limit: 2})
	assert.Equal(t, []string{"536365", "C536379"}, limited.order)

	from := time.Date(2011, 7, 1, 0, 0, 0, 0, london(t))
	until := time.Date(2011, 7, 2, 0, 0, 0, 0, london(t))
	dated := readSample(t, path, Filter{From: from, Until: until})
	assert.Equal(t, []string{"C542805", "542806"}, dated.order)
}

func TestParseLine(t *testing.T) {
	result := readSample(t, writeSample(t, sample, true), Filter{})
	order := result.invoices["536365"]
	require.Len(t, order.Lines, 3)

	assert.Equal(t, "NURSERY A,B,C PAINTED LETTERS", order.Lines[1].Description)
	assert.Equal(t, 3, order.Lines[1].Row)
	assert.Equal(t, "17850", order.CustomerID)
	assert.True(t, decimal.RequireFromString("2.55").Equal(order.Lines[0].UnitPrice))
	assert.Equal(t, time.Date(2010, 12, 1, 8, 26, 0, 0, time.UTC), order.Time, "GMT is UTC")

	guest := result.invoices["536414"]
	assert.Equal(t, "", guest.CustomerID)
	assert.Equal(t, "", guest.Lines[0].Description)
}

func TestParseLineErrors(t *testing.T) {
	valid := []string{"536365", "85123A", "HEART", "6", "2010-12-01 08:26:00", "2.55", "17850.0", "United Kingdom"}
	tests := []struct {
		name  string
		index int
		value string
		want  string
	}{
		{"quantity", 3, "6.5", "invalid Quantity"},
		{"date", 4, "01/12/2010 08:26", "invalid InvoiceDate"},
		{"price", 5, "£2.55", "invalid UnitPrice"},
		{"price scale", 5, "2.55001", "more than 4 decimal places"},
		{"customer", 6, "17850.5", "invalid CustomerID"},
		{"invoice", 0, "", "missing InvoiceNo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fields := append([]string(nil), valid...)
			fields[tt.index] = tt.value
			_, err := parseLine(7, fields, london(t))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "row 7")
		})
	}
}

func TestReadRejectsWrongHeader(t *testing.T) {
	path := writeSample(t, "Invoice,StockCode\n1,2\n", false)
	reader := &Reader{Path: path, Location: london(t)}
	_, err := reader.Read(context.Background(), func(Invoice) error { return nil })
	require.Error(t, err)
	assert.Contains(t, err.Error(), `missing column "InvoiceNo"`)
}

func TestReadRejectsInvoiceWithShortRow(t *testing.T) {
	text := "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
		"536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n" +
		"536365,71053,LANTERN,6\n" +
		"536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom\n" +
		"536367,\"BROKEN,QUOTE,1\n"
	result := readSample(t, writeSample(t, text, true), Filter{})

	assert.Equal(t, []string{"536366"}, result.order)
	require.Len(t, result.rejected["536365"], 1)
	assert.Contains(t, result.rejected["536365"][0].Error(), "row 3 (invoice 536365): expected 8 fields, got 4")
	assert.Contains(t, result.rejected, "", "a row with broken quoting is reported without an invoice")
	assert.Equal(t, 2, result.stats.BadRows)
	assert.Equal(t, 1, result.stats.RejectedInvoices)
}

func TestEventOrderCompleted(t *testing.T) {
	result := readSample(t, writeSample(t, sample, true), Filter{})
	received := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ev := Event(result.invoices["536365"], received)

	assert.Equal(t, events.TypeOrderCompleted, ev.EventType)
	assert.Equal(t, EventID("536365"), ev.EventID)
	assert.Equal(t, "17850", ev.UserID)
	assert.Equal(t, "", ev.AnonymousID)
	assert.Equal(t, "17850", Key(ev))
	assert.Equal(t, events.Context{Country: "United Kingdom", Timezone: "Europe/London", Channel: "web",
		Locale: "en-GB"}, ev.Context)

	payload, ok := ev.Payload.(*events.OrderCompleted)
	require.True(t, ok)
	assert.Equal(t, "GBP", payload.Currency)
	assert.False(t, payload.Guest)
	require.Len(t, payload.Lines, 3)
	assert.Equal(t, int32(3), payload.Lines[2].LineNo)
	assert.True(t, payload.Lines[2].IsFee, "POST is a fee")
	assert.False(t, payload.Lines[0].IsFee)
}

func TestEventCancellationAndGuest(t *testing.T) {
	result := readSample(t, writeSample(t, sample, true), Filter{})
	received := time.Now()

	cancelled := Event(result.invoices["C536379"], received)
	assert.Equal(t, events.TypeOrderCancelled, cancelled.EventType)
	payload, ok := cancelled.Payload.(*events.OrderCancelled)
	require.True(t, ok)
	assert.Equal(t, int32(-1), payload.Lines[0].Quantity)
	assert.Equal(t, "C536379", payload.OrderID)

	guest := Event(result.invoices["536414"], received)
	assert.Equal(t, "guest:536414", guest.AnonymousID)
	assert.Equal(t, "", guest.UserID)
	assert.Equal(t, "guest:536414", Key(guest))
	assert.True(t, guest.Payload.(*events.OrderCompleted).Guest)

	adjustment := Event(result.invoices["A563185"], received)
	assert.Equal(t, events.TypeOrderCompleted, adjustment.EventType)
	assert.True(t, adjustment.Payload.(*events.OrderCompleted).Guest)
}

func TestEventIDDeterministic(t *testing.T) {
	assert.Equal(t, EventID("536365"), EventID("536365"))
	assert.NotEqual(t, EventID("536365"), EventID("C536365"))
	assert.Len(t, EventID("536365"), 36)
}

func TestProductsList(t *testing.T) {
	result := readSample(t, writeSample(t, sample, true), Filter{})
	collected := NewProducts()
	for _, inv := range result.invoices {
		collected.Add(inv)
	}
	byID := map[string]int{}
	list := collected.List()
	for i, product := range list {
		byID[product.ID] = i
	}

	post := list[byID["POST"]]
	assert.True(t, post.IsFee)
	assert.Equal(t, "fee", post.Category)

	blank := list[byID["22139"]]
	assert.Equal(t, "", blank.Name, "only a blank description was seen")
	assert.False(t, blank.Price.Valid, "a zero price is no typical price")

	holder := list[byID["85123A"]]
	assert.Equal(t, "lighting", holder.Category)
	assert.Empty(t, holder.ScentNotes)
	assert.True(t, decimal.RequireFromString("2.55").Equal(holder.Price.Decimal))
}

func TestProductsScentNotesOnlyForScentedGoods(t *testing.T) {
	collected := NewProducts()
	collected.Add(Invoice{Lines: []Line{
		{StockCode: "1", Description: "SET/3 ROSE CANDLE IN JEWELLED BOX"},
		{StockCode: "2", Description: "DOORMAT ENGLISH ROSE"},
		{StockCode: "2", Description: "damaged"},
		{StockCode: "2", Description: "DOORMAT ENGLISH ROSE"},
	}})
	list := collected.List()
	require.Len(t, list, 2)
	assert.Equal(t, []string{"rose"}, list[0].ScentNotes)
	assert.Equal(t, "candles", list[0].Category)
	assert.Empty(t, list[1].ScentNotes)
	assert.Equal(t, "DOORMAT ENGLISH ROSE", list[1].Name)
}
