package topicscmd

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/topics"
)

func TestSelectTopicsDefaultsToAll(t *testing.T) {
	got, err := selectTopics(nil)
	require.NoError(t, err)
	require.Equal(t, topics.All, got)
}

func TestSelectTopicsKeepsNamedSubset(t *testing.T) {
	got, err := selectTopics([]string{topics.Profiles, topics.EventsRaw})
	require.NoError(t, err)
	require.Equal(t, []string{topics.Profiles, topics.EventsRaw}, got)
}

func TestSelectTopicsRejectsUnknownName(t *testing.T) {
	_, err := selectTopics([]string{"events.raw", "event.raw"})
	require.ErrorContains(t, err, `unknown topic "event.raw"`)
}
