package scent

import (
	"slices"
	"testing"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"LAVENDER INCENSE IN TIN", []string{"lavender", "incense"}},
		{"SET/3 VANILLA SCENTED CANDLE IN BOX", []string{"vanilla"}},
		{"RING OF ROSES BIRTHDAY CARD", []string{"rose"}},
		{"PINK ROSEBUD PEARL BRACELET", nil},
		{"ORIGAMI SANDLEWOOD INCENSE+FLOWER", []string{"sandalwood", "incense"}},
		{"STRAWBRY SCENTED VOTIVE CANDLE", []string{"strawberry"}},
		{"Dried cherries and Lily of the Valley", []string{"cherry", "lily of the valley"}},
		{"Orange Blossom, orange and more orange", []string{"orange blossom", "orange"}},
		{"Ylang-Ylang", []string{"ylang ylang"}},
		{"fresh spicy and woody", []string{"fresh spicy", "woody"}},
		{"MINT GREEN sweet bag", []string{"mint"}},
		{"PACK OF SIX LED TEA LIGHTS", nil},
		{"SET 12 LAVENDER  BOTANICAL T-LIGHTS", []string{"lavender"}},
		{"4 BURGUNDY WINE DINNER CANDLES", nil},
		{"green tea and wine", []string{"tea", "wine"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := Match(tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Match(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		note   string
		want   string
		wantOK bool
	}{
		{"Mandarin Orange", "mandarin orange", true},
		{"Tangerine", "mandarin orange", true},
		{"green", "green", true},
		{"Roses", "rose", true},
		{"Abrox", "", false},
		{"Tea Light", "", false},
	}
	for _, tt := range tests {
		got, ok := Canonical(tt.note)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Canonical(%q) = %q, %v, want %q, %v", tt.note, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestVocabularyCoversRequiredNames(t *testing.T) {
	names := map[string]Kind{}
	for _, entry := range Vocabulary() {
		names[entry.Name] = entry.Kind
	}
	for _, name := range []string{"lavender", "rose", "vanilla", "jasmine", "sandalwood", "cinnamon",
		"citrus", "lemon", "orange", "bergamot", "patchouli", "musk", "amber", "oud", "vetiver",
		"apple", "cherry", "strawberry", "coconut", "peppermint", "eucalyptus"} {
		if names[name] != KindNote {
			t.Errorf("vocabulary note %q missing", name)
		}
	}
	for _, name := range []string{"woody", "floral", "fresh spicy", "warm spicy", "white floral"} {
		if names[name] != KindAccord {
			t.Errorf("vocabulary accord %q missing", name)
		}
	}
}

func TestParseVocabularyRejectsBadLines(t *testing.T) {
	for _, text := range []string{
		"rose\tnote\n",
		"rose\tsmell\tyes\n",
		"rose\tnote\tmaybe\n",
		"rose\tnote\tyes\nrose\tnote\tyes\n",
	} {
		if _, err := parseVocabulary(text); err == nil {
			t.Errorf("parseVocabulary(%q) returned no error", text)
		}
	}
}
