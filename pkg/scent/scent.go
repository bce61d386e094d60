// Package scent is the platform's vocabulary of scent notes and accords and
// finds them in free text such as product names.
package scent

import (
	"slices"
	"strings"
	"unicode"
)

// matcher maps every normalized phrase (a name, an alias or the plural of
// either) to the canonical name of its entry.
type matcher struct {
	phrases  map[string]string
	maxWords int
}

var (
	vocabulary []Entry
	textIndex  matcher
	nameIndex  matcher
)

func init() {
	entries, err := parseVocabulary(vocabularyFile)
	if err != nil {
		// The file is embedded and covered by tests: a parse error is a
		// build defect, not a runtime condition.
		panic("scent: " + err.Error())
	}
	vocabulary = entries
	textIndex = buildMatcher(entries, true)
	nameIndex = buildMatcher(entries, false)
}

// Vocabulary returns a copy of every entry in file order, including the
// entries of KindIgnore.
func Vocabulary() []Entry {
	out := make([]Entry, len(vocabulary))
	for i, entry := range vocabulary {
		entry.Aliases = slices.Clone(entry.Aliases)
		out[i] = entry
	}
	return out
}

// Match returns the canonical names of the notes and accords named in text,
// in order of first appearance and without duplicates. Matching ignores case
// and punctuation, takes whole words only ("rosebud" does not match "rose"),
// prefers the longest phrase ("orange blossom" over "orange"), accepts plural
// forms ("roses", "cherries") and skips entries whose InText is false.
func Match(text string) []string {
	return textIndex.match(text)
}

// Canonical returns the vocabulary name for a single note or accord written
// in another form ("Mandarin Orange", "Ylang-Ylang", "roses"), including
// entries that Match skips, and false if the vocabulary does not contain it.
func Canonical(note string) (string, bool) {
	words := normalizeWords(note)
	name, ok := nameIndex.phrases[strings.Join(words, " ")]
	return name, ok && name != ""
}

func buildMatcher(entries []Entry, textOnly bool) matcher {
	m := matcher{phrases: map[string]string{}}
	for _, entry := range entries {
		if textOnly && !entry.InText {
			continue
		}
		for _, spelling := range append([]string{entry.Name}, entry.Aliases...) {
			words := normalizeWords(spelling)
			if len(words) == 0 {
				continue
			}
			m.maxWords = max(m.maxWords, len(words))
			last := len(words) - 1
			name := entry.Name
			if entry.Kind == KindIgnore {
				name = ""
			}
			for _, form := range append([]string{words[last]}, plurals(words[last])...) {
				phrase := strings.Join(append(slices.Clone(words[:last]), form), " ")
				if _, claimed := m.phrases[phrase]; !claimed {
					m.phrases[phrase] = name
				}
			}
		}
	}
	return m
}

func (m matcher) match(text string) []string {
	words := normalizeWords(text)
	var found []string
	for i := 0; i < len(words); {
		length, name := m.longestAt(words, i)
		if length == 0 {
			i++
			continue
		}
		if name != "" && !slices.Contains(found, name) {
			found = append(found, name)
		}
		i += length
	}
	return found
}

// longestAt returns the length in words and the entry name of the longest
// phrase starting at words[i], or 0 if none starts there. The name is "" for
// a phrase of KindIgnore.
func (m matcher) longestAt(words []string, i int) (int, string) {
	for n := min(m.maxWords, len(words)-i); n > 0; n-- {
		if name, ok := m.phrases[strings.Join(words[i:i+n], " ")]; ok {
			return n, name
		}
	}
	return 0, ""
}

// plurals returns the English plural forms of a word that product names use:
// "rose" → "roses", "peach" → "peaches", "cherry" → "cherries".
func plurals(word string) []string {
	forms := []string{word + "s", word + "es"}
	if strings.HasSuffix(word, "y") && len(word) > 1 && !strings.ContainsRune("aeiou", rune(word[len(word)-2])) {
		forms = append(forms, word[:len(word)-1]+"ies")
	}
	return forms
}

// normalizeWords lower-cases text and splits it into words of letters and
// digits, so "T-LIGHTS", "Ylang-Ylang" and "rose," become plain words.
func normalizeWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
