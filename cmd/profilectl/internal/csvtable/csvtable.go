// Package csvtable reads a CSV file with a header row, plain or gzip, as
// records whose fields are looked up by column name.
package csvtable

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

// Table is an open CSV file positioned after its header.
type Table struct {
	path    string
	file    *os.File
	counter *countingReader
	reader  *csv.Reader
	columns map[string]int
	record  []string
}

// Open opens path, decompressing it when it starts with the gzip magic
// bytes, and checks that the header contains every required column.
func Open(path string, required []string) (*Table, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	t, err := newTable(path, file, required)
	if err != nil {
		file.Close()
		return nil, err
	}
	return t, nil
}

func newTable(path string, file *os.File, required []string) (*Table, error) {
	counter := &countingReader{reader: file}
	buffered := bufio.NewReaderSize(counter, 1<<16)
	var source io.Reader = buffered
	if magic, err := buffered.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(buffered)
		if err != nil {
			return nil, fmt.Errorf("reading gzip header of %s: %w", path, err)
		}
		source = gz
	}

	reader := csv.NewReader(source)
	reader.FieldsPerRecord = -1
	header, err := reader.Read()
	if err != nil {
		return nil, fmt.Errorf("reading header of %s: %w", path, err)
	}
	columns := map[string]int{}
	for i, name := range header {
		columns[strings.TrimPrefix(strings.TrimSpace(name), "\ufeff")] = i
	}
	for _, name := range required {
		if _, ok := columns[name]; !ok {
			return nil, fmt.Errorf("%s: missing column %q", path, name)
		}
	}
	return &Table{path: path, file: file, counter: counter, reader: reader, columns: columns}, nil
}

// Next reads the next record and returns its line number, or io.EOF at the
// end. A record with broken quoting is returned as an error that wraps
// *csv.ParseError; reading can continue after it.
func (t *Table) Next() (int, error) {
	record, err := t.reader.Read()
	if err != nil {
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) {
			return parseErr.StartLine, fmt.Errorf("%s: %w", t.path, err)
		}
		if err == io.EOF {
			return 0, io.EOF
		}
		return 0, fmt.Errorf("reading %s: %w", t.path, err)
	}
	t.record = record
	line, _ := t.reader.FieldPos(0)
	return line, nil
}

// Get returns the trimmed value of a column of the current record, or "" if
// the file or the record has no such column.
func (t *Table) Get(column string) string {
	i, ok := t.columns[column]
	if !ok || i >= len(t.record) {
		return ""
	}
	return strings.TrimSpace(t.record[i])
}

// Record returns the fields of the current record.
func (t *Table) Record() []string { return t.record }

// IsParseError reports whether an error of Next concerns one record only.
func IsParseError(err error) bool {
	var parseErr *csv.ParseError
	return errors.As(err, &parseErr)
}

// BytesRead returns the bytes of the file read so far, compressed or not.
func (t *Table) BytesRead() int64 { return t.counter.count.Load() }

// Size returns the file size in bytes.
func (t *Table) Size() int64 {
	info, err := t.file.Stat()
	if err != nil {
		return 0
	}
	return info.Size()
}

// Close closes the file.
func (t *Table) Close() error { return t.file.Close() }

type countingReader struct {
	reader io.Reader
	count  atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.reader.Read(p)
	c.count.Add(int64(n))
	return n, err
}
