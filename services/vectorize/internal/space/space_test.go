package space

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/scent"
)

func TestV1Layout(t *testing.T) {
	s := V1()
	require.Equal(t, V1Name, s.Name())
	require.Equal(t, len(scent.Vocabulary())+len(v1Categories), s.Dim())

	i, ok := s.Scent(" Lavender ")
	require.True(t, ok)
	require.Equal(t, "note:lavender", s.Features()[i])

	a, ok := s.Scent("Woody")
	require.True(t, ok)
	require.Equal(t, "accord:woody", s.Features()[a])

	j, ok := s.Category("CANDLES")
	require.True(t, ok)
	require.Equal(t, "category:candles", s.Features()[j])
	require.Equal(t, len(scent.Vocabulary()), j, "categories follow the scent entries")

	_, ok = s.Category("fee")
	require.False(t, ok, "fee lines are never features")
}

func TestV1IsStable(t *testing.T) {
	require.Equal(t, V1().Features(), V1().Features())
}

func TestScentAliases(t *testing.T) {
	s := V1()
	rose, ok := s.Scent("rose")
	require.True(t, ok)
	for _, form := range []string{"Roses", "bulgarian rose"} {
		i, ok := s.Scent(form)
		require.True(t, ok, form)
		require.Equal(t, rose, i, form)
	}
	_, ok = s.Scent("unobtainium")
	require.False(t, ok)
}

func TestNewRejectsBadFeatures(t *testing.T) {
	cases := map[string][]string{
		"duplicate":  {"note:rose", "note:rose"},
		"empty term": {"note:"},
		"no kind":    {"rose"},
		"upper case": {"note:Rose"},
	}
	for name, features := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := New("test", features)
			require.Error(t, err)
		})
	}
}
