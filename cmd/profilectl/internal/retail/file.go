package retail

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
)

// csvFile is an open invoice-line file, gzip or plain, positioned after the
// header. BytesRead counts bytes of the file itself, compressed or not, so
// it can be compared with the file size for progress.
type csvFile struct {
	file    *os.File
	counter *countingReader
	reader  *csv.Reader
}

// openCSV opens path, decompressing it when it starts with the gzip magic
// bytes, and checks the header.
func openCSV(path string) (*csvFile, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	counter := &countingReader{reader: file}
	buffered := bufio.NewReaderSize(counter, 1<<16)

	var source io.Reader = buffered
	magic, err := buffered.Peek(2)
	if err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(buffered)
		if err != nil {
			file.Close()
			return nil, fmt.Errorf("reading gzip header of %s: %w", path, err)
		}
		source = gz
	}

	reader := csv.NewReader(source)
	reader.ReuseRecord = true
	// Zero makes the header's field count the one every record must have.
	reader.FieldsPerRecord = 0
	first, err := reader.Read()
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("reading header of %s: %w", path, err)
	}
	if err := checkHeader(first); err != nil {
		file.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &csvFile{file: file, counter: counter, reader: reader}, nil
}

// next returns the next record and its line number, io.EOF at the end, or a
// *RowError for a record with the wrong number of fields or broken quoting.
// With a wrong number of fields the record is returned too, so its invoice
// can be rejected. The returned slice is reused by the following call.
func (f *csvFile) next() ([]string, int, error) {
	fields, err := f.reader.Read()
	if err == nil {
		row, _ := f.reader.FieldPos(0)
		return fields, row, nil
	}
	var parseErr *csv.ParseError
	if !errors.As(err, &parseErr) {
		return nil, 0, err
	}
	rowErr := &RowError{Row: parseErr.StartLine, Err: parseErr.Err}
	if errors.Is(parseErr.Err, csv.ErrFieldCount) && len(fields) > 0 {
		rowErr.InvoiceNo = strings.TrimSpace(fields[0])
		return fields, parseErr.StartLine, rowErr
	}
	return nil, parseErr.StartLine, rowErr
}

// BytesRead returns how many bytes of the file were read so far.
func (f *csvFile) BytesRead() int64 { return f.counter.count.Load() }

func (f *csvFile) Close() error { return f.file.Close() }

type countingReader struct {
	reader io.Reader
	count  atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.reader.Read(p)
	c.count.Add(int64(n))
	return n, err
}
