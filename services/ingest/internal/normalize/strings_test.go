package normalize

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestString(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"ascii unchanged", "shop-web", "shop-web"},
		{"trims spaces", "  en-GB \t\n", "en-GB"},
		{"trims non-breaking space", "\u00a0London\u00a0", "London"},
		{"composes to NFC", "Cafe\u0301", "Caf\u00e9"},
		{"keeps NFC", "Caf\u00e9", "Caf\u00e9"},
		{"composes hangul", "\u1100\u1161", "\uac00"},
		{"removes NUL", "ab\x00c", "abc"},
		{"removes NUL at edges before trim", "\x00 x \x00", "x"},
		{"replaces invalid byte", "a\xffb", "a\ufffdb"},
		{"replaces invalid run once", "a\xff\xfeb", "a\ufffdb"},
		{"replaces truncated sequence", "caf\xc3", "caf\ufffd"},
		{"keeps valid emoji", "\U0001F600", "\U0001F600"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, String(tc.in))
		})
	}
}

func TestEmail(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want string
	}{
		{"lower-cases", "Jane.Doe@Example.COM", "jane.doe@example.com"},
		{"trims", "  jane@example.com\n", "jane@example.com"},
		{"composes and lower-cases", "E\u0301lodie@example.fr", "\u00e9lodie@example.fr"},
		{"removes NUL", "jane\x00@example.com", "jane@example.com"},
		{"replaces invalid byte", "j\xffane@example.com", "j\ufffdane@example.com"},
		{"empty stays empty", "   ", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, Email(tc.in))
		})
	}
}

func TestStringsInPlace(t *testing.T) {
	values := []string{" woody ", "Ambre\u0301"}
	got := Strings(values)
	require.Equal(t, []string{"woody", "Ambr\u00e9"}, got)
	require.Equal(t, "woody", values[0])
}

func TestStringMapCollidingKeys(t *testing.T) {
	// " colour" and "colour" normalize to the same key. The key that sorts
	// last in byte order ("colour") wins, whatever the iteration order.
	in := map[string]string{" colour": "red", "colour": " blue ", "size\x00": "M"}
	for range 20 {
		got := StringMap(in)
		require.Equal(t, map[string]string{"colour": "blue", "size": "M"}, got)
	}
}

func TestStringMapNil(t *testing.T) {
	require.Nil(t, StringMap(nil))
}
