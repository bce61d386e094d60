// Package retail reads the online-retail invoice-line CSV (a gzip file of
// InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
// CustomerID, Country) and turns each invoice into one platform event.
package retail

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Shop is the retailer's time zone: InvoiceDate is shop-local time.
const Shop = "Europe/London"

// dateLayout is the layout of InvoiceDate.
const dateLayout = "2006-01-02 15:04:05"

// header lists the expected columns in file order.
var header = []string{"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
	"CustomerID", "Country"}

// customerIDPattern matches CustomerID as the data set writes it: an integer,
// usually with a ".0" suffix because the column was stored as a float.
var customerIDPattern = regexp.MustCompile(`^[0-9]+(\.0)?$`)

// maxPriceDecimals is the scale of money on the wire; a price with more
// decimal places would be rounded, so it is rejected instead.
const maxPriceDecimals = 4

// Line is one parsed invoice line.
type Line struct {
	// Row is the line number in the CSV file, the header being line 1.
	Row       int
	InvoiceNo string
	// StockCode is upper-cased, because the data set writes some codes of
	// one product in both cases ("85123A" and "85123a").
	StockCode   string
	Description string
	Quantity    int32
	// Time is InvoiceDate read as shop-local time, in UTC.
	Time      time.Time
	UnitPrice decimal.Decimal
	// CustomerID is the customer number without the ".0" suffix, or "" for
	// a guest purchase.
	CustomerID string
	Country    string
}

// RowError is a CSV row that could not be parsed.
type RowError struct {
	Row       int
	InvoiceNo string
	Err       error
}

func (e *RowError) Error() string {
	return fmt.Sprintf("row %d (invoice %s): %s", e.Row, e.InvoiceNo, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// parseLine converts the fields of one CSV record. location is the shop's
// time zone.
func parseLine(row int, fields []string, location *time.Location) (Line, error) {
	line := Line{
		Row:         row,
		InvoiceNo:   strings.TrimSpace(fields[0]),
		StockCode:   strings.ToUpper(strings.TrimSpace(fields[1])),
		Description: strings.TrimSpace(fields[2]),
		Country:     strings.TrimSpace(fields[7]),
	}
	fail := func(format string, args ...any) (Line, error) {
		return line, &RowError{Row: row, InvoiceNo: line.InvoiceNo, Err: fmt.Errorf(format, args...)}
	}

	if line.InvoiceNo == "" {
		return fail("missing InvoiceNo")
	}
	if line.StockCode == "" {
		return fail("missing StockCode")
	}
	quantity, err := strconv.ParseInt(strings.TrimSpace(fields[3]), 10, 32)
	if err != nil {
		return fail("invalid Quantity %q: expected a whole number", fields[3])
	}
	line.Quantity = int32(quantity)

	line.Time, err = time.ParseInLocation(dateLayout, strings.TrimSpace(fields[4]), location)
	if err != nil {
		return fail("invalid InvoiceDate %q: expected YYYY-MM-DD HH:MM:SS", fields[4])
	}
	line.Time = line.Time.UTC()

	line.UnitPrice, err = decimal.NewFromString(strings.TrimSpace(fields[5]))
	if err != nil {
		return fail("invalid UnitPrice %q: expected a decimal number", fields[5])
	}
	if -line.UnitPrice.Exponent() > maxPriceDecimals {
		return fail("invalid UnitPrice %q: more than %d decimal places", fields[5], maxPriceDecimals)
	}

	customer := strings.TrimSpace(fields[6])
	if customer != "" && !customerIDPattern.MatchString(customer) {
		return fail("invalid CustomerID %q: expected a number such as 17850.0", fields[6])
	}
	line.CustomerID = strings.TrimSuffix(customer, ".0")
	return line, nil
}
