// Package perfumes reads the perfume catalogues (the Fragrantica CSV and the
// cosmetics retailer's product CSV) into catalogue products.
package perfumes

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/profilehub/platform/pkg/scent"
)

// table is a CSV file read as records keyed by the header's column names.
type table struct {
	path    string
	reader  *csv.Reader
	columns map[string]int
	file    *os.File
}

// openTable opens a CSV file and checks that its header contains required.
func openTable(path string, required []string) (*table, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	reader := csv.NewReader(file)
	reader.FieldsPerRecord = -1
	header, err := reader.Read()
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("reading header of %s: %w", path, err)
	}
	columns := map[string]int{}
	for i, name := range header {
		columns[strings.TrimPrefix(strings.TrimSpace(name), "\ufeff")] = i
	}
	for _, name := range required {
		if _, ok := columns[name]; !ok {
			file.Close()
			return nil, fmt.Errorf("%s: missing column %q", path, name)
		}
	}
	return &table{path: path, reader: reader, columns: columns, file: file}, nil
}

// next returns the next record as a column lookup and its line number, or
// io.EOF at the end.
func (t *table) next() (func(column string) string, int, error) {
	record, err := t.reader.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, err
		}
		return nil, 0, fmt.Errorf("reading %s: %w", t.path, err)
	}
	line, _ := t.reader.FieldPos(0)
	get := func(column string) string {
		i, ok := t.columns[column]
		if !ok || i >= len(record) {
			return ""
		}
		return strings.TrimSpace(record[i])
	}
	return get, line, nil
}

func (t *table) Close() error { return t.file.Close() }

// splitList splits a comma-separated list, lower-cases and trims each item
// and drops empty items and duplicates.
func splitList(text string) []string {
	var out []string
	for _, item := range strings.Split(text, ",") {
		item = strings.ToLower(strings.TrimSpace(item))
		if item != "" && !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	return out
}

// withVocabulary returns notes followed by the vocabulary names that Match
// finds in them and that are not in the list yet, so "vanilla orchids" also
// files the product under "vanilla" and "orchid".
func withVocabulary(notes []string) []string {
	out := slices.Clone(notes)
	for _, note := range notes {
		for _, name := range scent.Match(note) {
			if !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}
	return out
}
