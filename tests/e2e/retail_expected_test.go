package e2e

import (
	"compress/gzip"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// customerFigures are the per-customer results the pipeline must reproduce,
// computed here straight from the CSV without any platform code.
type customerFigures struct {
	Orders     int64           // invoices not starting with "C"
	NetRevenue decimal.Decimal // sum of quantity × unit price over every line
	Products   map[string]bool // non-fee stock codes on order lines
}

// retailFixture is what the first invoices of the retail file contain.
type retailFixture struct {
	Customers map[string]*customerFigures // keyed by CustomerID without ".0"
	Invoices  int                         // invoices read, guests included
	Guests    int                         // invoices without a customer
}

// readRetailFixture reads the first maxInvoices invoices of the gzip CSV at
// path, in order of first appearance, and computes the per-customer figures.
// isFee decides which stock codes are fees and so stay out of products.
func readRetailFixture(t testing.TB, path string, maxInvoices int, isFee func(string) bool) *retailFixture {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	require.NoError(t, err)
	r := csv.NewReader(gz)
	r.FieldsPerRecord = 8
	_, err = r.Read() // header
	require.NoError(t, err)

	fx := &retailFixture{Customers: map[string]*customerFigures{}}
	included := map[string]bool{}
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		invoice, stockCode, customer := row[0], strings.ToUpper(row[1]), strings.TrimSuffix(row[6], ".0")
		if !included[invoice] {
			if len(included) == maxInvoices {
				continue
			}
			included[invoice] = true
			fx.Invoices++
			if customer == "" {
				fx.Guests++
			} else if !strings.HasPrefix(invoice, "C") {
				figuresOf(fx, customer).Orders++
			}
		}
		if customer == "" {
			continue
		}
		qty, err := strconv.ParseInt(row[3], 10, 64)
		require.NoError(t, err, "quantity of invoice %s", invoice)
		price, err := decimal.NewFromString(row[5])
		require.NoError(t, err, "unit price of invoice %s", invoice)
		cf := figuresOf(fx, customer)
		cf.NetRevenue = cf.NetRevenue.Add(price.Mul(decimal.NewFromInt(qty)))
		if !isFee(stockCode) && !strings.HasPrefix(invoice, "C") {
			cf.Products[stockCode] = true
		}
	}
	return fx
}

func figuresOf(fx *retailFixture, customer string) *customerFigures {
	cf, ok := fx.Customers[customer]
	if !ok {
		cf = &customerFigures{Products: map[string]bool{}}
		fx.Customers[customer] = cf
	}
	return cf
}
