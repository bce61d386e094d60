package retail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Invoice contains every line of one InvoiceNo.
type Invoice struct {
	InvoiceNo string
	// Time is the earliest line's time: some invoices span two minutes.
	Time       time.Time
	CustomerID string
	Country    string
	Lines      []Line
}

// IsCancellation reports whether the invoice takes back an earlier order:
// its number starts with "C".
func (inv Invoice) IsCancellation() bool { return strings.HasPrefix(inv.InvoiceNo, "C") }

// Filter selects invoices. The zero value selects every invoice.
type Filter struct {
	// Limit keeps only the first Limit selected invoices in order of first
	// appearance in the file. Zero means no limit.
	Limit int
	// From and Until bound the invoice time: From <= Time < Until. A zero
	// value leaves that side open.
	From, Until time.Time
}

// selects reports whether the filter leaves out any invoice.
func (f Filter) selects() bool { return f.Limit > 0 || !f.From.IsZero() || !f.Until.IsZero() }

func (f Filter) admits(t time.Time) bool {
	return (f.From.IsZero() || !t.Before(f.From)) && (f.Until.IsZero() || t.Before(f.Until))
}

// Stats contains the counts of one Read.
type Stats struct {
	Rows             int // data rows read, bad ones included
	Invoices         int // invoices passed to the callback
	RejectedInvoices int // selected invoices dropped for a bad row
	// BadRows counts the rows read that could not be parsed, in selected
	// invoices or not. With a filter, reading stops after the last selected
	// invoice, so later rows are not counted.
	BadRows int
}

// Reader groups the lines of an invoice-line file into invoices.
type Reader struct {
	Path     string
	Filter   Filter
	Location *time.Location
	// OnReject is called for each selected invoice that is dropped, with
	// the problems of its rows. May be nil.
	OnReject func(invoiceNo string, problems []error)
	// OnProgress is called after each row with the bytes read and the file
	// size. May be nil.
	OnProgress func(read, total int64)
}

// Read calls emit for each selected invoice once all its lines are read, in
// order of completion. An invoice with a row that cannot be parsed is
// dropped as a whole, so that no order total is silently short, and reported
// to OnReject.
//
// Lines of one invoice are almost always adjacent in the file, but invoice
// 542806 of the online-retail data set is interleaved with another. So Read
// makes two passes. The first counts the lines of each invoice, and the
// second collects lines until an invoice is complete.
func (r *Reader) Read(ctx context.Context, emit func(Invoice) error) (Stats, error) {
	plan, err := r.plan(ctx)
	if err != nil {
		return Stats{}, err
	}
	return r.collect(ctx, plan, emit)
}

// invoicePlan is the first pass's result: the line count of every selected
// invoice.
type invoicePlan struct {
	lineCounts map[string]int
	size       int64
}

func (r *Reader) plan(ctx context.Context) (invoicePlan, error) {
	file, err := openCSV(r.Path)
	if err != nil {
		return invoicePlan{}, err
	}
	defer file.Close()
	plan := invoicePlan{lineCounts: map[string]int{}, size: file.Size()}
	rejected := map[string]bool{}
	for rows := 0; ; rows++ {
		if rows%4096 == 0 && ctx.Err() != nil {
			return invoicePlan{}, ctx.Err()
		}
		fields, _, err := file.next()
		if err == io.EOF {
			return plan, nil
		}
		var rowErr *RowError
		if err != nil && !errors.As(err, &rowErr) {
			return invoicePlan{}, fmt.Errorf("reading %s: %w", r.Path, err)
		}
		if fields == nil {
			continue // no invoice number: the second pass reports the row
		}

		invoiceNo := strings.TrimSpace(fields[0])
		if count, known := plan.lineCounts[invoiceNo]; known {
			plan.lineCounts[invoiceNo] = count + 1
			continue
		}
		if rejected[invoiceNo] || (r.Filter.Limit > 0 && len(plan.lineCounts) >= r.Filter.Limit) {
			rejected[invoiceNo] = true
			continue
		}
		// The first line decides the date filter; a line that fails to
		// parse here is selected, so the second pass reports it.
		if rowErr == nil && !r.admitsFirstLine(fields) {
			rejected[invoiceNo] = true
			continue
		}
		plan.lineCounts[invoiceNo] = 1
	}
}

// admitsFirstLine applies the date filter to an invoice's first line. A line
// that fails to parse is admitted, so that the second pass reports it.
func (r *Reader) admitsFirstLine(fields []string) bool {
	line, err := parseLine(0, fields, r.Location)
	return err != nil || r.Filter.admits(line.Time)
}
