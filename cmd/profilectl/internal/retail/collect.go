package retail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// pendingInvoice is an invoice whose lines are still being collected.
type pendingInvoice struct {
	invoice  Invoice
	seen     int
	problems []error
}

func (r *Reader) collect(ctx context.Context, plan invoicePlan, emit func(Invoice) error) (Stats, error) {
	file, err := openCSV(r.Path)
	if err != nil {
		return Stats{}, err
	}
	defer file.Close()

	var stats Stats
	pending := map[string]*pendingInvoice{}
	for {
		if stats.Rows%4096 == 0 && ctx.Err() != nil {
			return stats, ctx.Err()
		}
		fields, row, err := file.next()
		if err == io.EOF {
			break
		}
		var rowErr *RowError
		if err != nil && !errors.As(err, &rowErr) {
			return stats, fmt.Errorf("reading %s: %w", r.Path, err)
		}
		stats.Rows++
		if r.OnProgress != nil {
			r.OnProgress(file.BytesRead(), plan.size)
		}
		if fields == nil {
			// A row with broken quoting has no trustworthy InvoiceNo, so
			// it is reported on its own.
			stats.BadRows++
			r.reject("", []error{rowErr})
			continue
		}

		invoiceNo := strings.TrimSpace(fields[0])
		if _, selected := plan.lineCounts[invoiceNo]; !selected {
			if rowErr != nil {
				stats.BadRows++
			} else if _, err := parseLine(row, fields, r.Location); err != nil {
				stats.BadRows++
			}
			continue
		}

		p := pending[invoiceNo]
		if p == nil {
			p = &pendingInvoice{invoice: Invoice{InvoiceNo: invoiceNo}}
			pending[invoiceNo] = p
		}
		p.seen++
		if problem := p.addRow(row, fields, rowErr, r); problem != nil {
			stats.BadRows++
			p.problems = append(p.problems, problem)
		}
		if p.seen < plan.lineCounts[invoiceNo] {
			continue
		}

		delete(pending, invoiceNo)
		if len(p.problems) > 0 {
			stats.RejectedInvoices++
			r.reject(invoiceNo, p.problems)
		} else if err := emit(p.invoice); err != nil {
			return stats, err
		} else {
			stats.Invoices++
		}
		if r.Filter.selects() && stats.Invoices+stats.RejectedInvoices == len(plan.lineCounts) {
			// Every selected invoice is done, so the rest of the file is
			// not needed. Without a filter the rest is still read, so bad
			// rows at the end are reported.
			return stats, nil
		}
	}

	if len(pending) > 0 {
		return stats, fmt.Errorf("reading %s: %d invoices incomplete at the end of the file; did the file change during the import?",
			r.Path, len(pending))
	}
	return stats, nil
}

// addRow parses and adds one row and returns the problem that makes the row
// bad, if any. rowErr is the CSV reader's error for the row.
func (p *pendingInvoice) addRow(row int, fields []string, rowErr *RowError, r *Reader) error {
	if rowErr != nil {
		return rowErr
	}
	line, err := parseLine(row, fields, r.Location)
	if err != nil {
		return err
	}
	return p.add(line)
}

// add appends a line, checking that it agrees with the invoice's customer
// and country.
func (p *pendingInvoice) add(line Line) error {
	inv := &p.invoice
	if len(inv.Lines) == 0 {
		inv.CustomerID, inv.Country, inv.Time = line.CustomerID, line.Country, line.Time
	}
	if line.CustomerID != inv.CustomerID {
		return &RowError{Row: line.Row, InvoiceNo: line.InvoiceNo,
			Err: fmt.Errorf("CustomerID %q differs from the invoice's %q", line.CustomerID, inv.CustomerID)}
	}
	if line.Country != inv.Country {
		return &RowError{Row: line.Row, InvoiceNo: line.InvoiceNo,
			Err: fmt.Errorf("Country %q differs from the invoice's %q", line.Country, inv.Country)}
	}
	if line.Time.Before(inv.Time) {
		inv.Time = line.Time
	}
	inv.Lines = append(inv.Lines, line)
	return nil
}

func (r *Reader) reject(invoiceNo string, problems []error) {
	if r.OnReject != nil {
		r.OnReject(invoiceNo, problems)
	}
}
