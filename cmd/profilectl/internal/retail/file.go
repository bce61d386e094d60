package retail

import (
	"fmt"
	"strings"

	"github.com/profilehub/platform/cmd/profilectl/internal/csvtable"
)

// csvFile is an open invoice-line file, gzip or plain, positioned after the
// header.
type csvFile struct {
	*csvtable.Table
	fields []string
}

// openCSV opens path and checks the header.
func openCSV(path string) (*csvFile, error) {
	t, err := csvtable.Open(path, header)
	if err != nil {
		return nil, err
	}
	return &csvFile{Table: t, fields: make([]string, len(header))}, nil
}

// next returns the next record's fields in the order of header and its line
// number, io.EOF at the end, or a *RowError for a record with the wrong
// number of fields or broken quoting. With a wrong number of fields the
// fields are returned too, so the record's invoice can be rejected. The
// returned slice is reused by the following call.
func (f *csvFile) next() ([]string, int, error) {
	row, err := f.Next()
	if csvtable.IsParseError(err) {
		return nil, row, &RowError{Row: row, Err: err}
	}
	if err != nil {
		return nil, 0, err
	}

	for i, name := range header {
		f.fields[i] = f.Get(name)
	}
	if count := len(f.Record()); count != len(header) {
		return f.fields, row, &RowError{Row: row, InvoiceNo: strings.TrimSpace(f.fields[0]),
			Err: fmt.Errorf("expected %d fields, got %d", len(header), count)}
	}
	return f.fields, row, nil
}
