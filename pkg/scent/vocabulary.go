package scent

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
)

// Version names the vocabulary in vocabularyFile. Stored scent notes carry
// no version themselves, so a change of vocabulary needs a new file and a
// new version.
const Version = "scent-notes-v1"

//go:embed scent-notes-v1.tsv
var vocabularyFile string

// Kind distinguishes a single note from an accord.
type Kind string

// Kinds of vocabulary entries.
const (
	KindNote   Kind = "note"
	KindAccord Kind = "accord"
	// KindIgnore is a phrase that contains a note's word but names no
	// scent ("tea light"). Match consumes it and returns nothing for it.
	KindIgnore Kind = "ignore"
)

// Entry is one scent note or accord of the vocabulary.
type Entry struct {
	// Name is the canonical lower-case name, such as "lily of the valley".
	Name string
	Kind Kind
	// InText is false for words that in product names mostly name a
	// colour, a taste or a pattern; Match skips those entries.
	InText bool
	// Aliases are other spellings matched like Name.
	Aliases []string
}

// parseVocabulary reads the tab-separated vocabulary format described at the
// top of the embedded file.
func parseVocabulary(text string) ([]Entry, error) {
	var entries []Entry
	seen := map[string]bool{}
	scanner := bufio.NewScanner(strings.NewReader(text))
	lineNo := 0
	for scanner.Scan() {
		lineNo++
		line := scanner.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}

		fields := strings.Split(line, "\t")
		if len(fields) < 3 || len(fields) > 4 {
			return nil, fmt.Errorf("vocabulary line %d: expected 3 or 4 tab-separated fields, got %d", lineNo, len(fields))
		}
		entry := Entry{Name: fields[0], Kind: Kind(fields[1]), InText: fields[2] == "yes"}
		if entry.Kind != KindNote && entry.Kind != KindAccord && entry.Kind != KindIgnore {
			return nil, fmt.Errorf("vocabulary line %d: invalid kind %q, expected note, accord or ignore", lineNo, fields[1])
		}
		if fields[2] != "yes" && fields[2] != "no" {
			return nil, fmt.Errorf("vocabulary line %d: invalid in_text %q, expected yes or no", lineNo, fields[2])
		}
		if seen[entry.Name] {
			return nil, fmt.Errorf("vocabulary line %d: duplicate name %q", lineNo, entry.Name)
		}
		seen[entry.Name] = true
		if len(fields) == 4 && fields[3] != "" {
			for _, alias := range strings.Split(fields[3], ",") {
				entry.Aliases = append(entry.Aliases, strings.TrimSpace(alias))
			}
		}
		entries = append(entries, entry)
	}
	return entries, scanner.Err()
}
