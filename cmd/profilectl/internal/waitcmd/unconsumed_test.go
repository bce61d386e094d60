package waitcmd

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/cmd/profilectl/internal/kafkaadmin"
)

func groupLag(lag int64, members int) []kafkaadmin.GroupLag {
	return []kafkaadmin.GroupLag{{Group: "profilehub-projector",
		Topics: map[string]int64{"profiles": lag}, Members: members}}
}

func TestUnconsumedFailsAfterLimit(t *testing.T) {
	u := newUnconsumedTracker(time.Minute)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	_, ok := u.update(groupLag(10, 0), start)
	require.True(t, ok)
	_, ok = u.update(groupLag(10, 0), start.Add(time.Minute))
	require.True(t, ok, "exactly the limit is still fine")
	group, ok := u.update(groupLag(10, 0), start.Add(61*time.Second))
	require.False(t, ok)
	require.Equal(t, "profilehub-projector", group)
}

func TestUnconsumedResetsWhenConsumerReturns(t *testing.T) {
	u := newUnconsumedTracker(time.Minute)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	u.update(groupLag(10, 0), start)
	u.update(groupLag(10, 1), start.Add(30*time.Second))
	_, ok := u.update(groupLag(10, 0), start.Add(90*time.Second))
	require.True(t, ok, "the span starts again after a consumer joined")
}

func TestUnconsumedIgnoresGroupsWithoutLag(t *testing.T) {
	u := newUnconsumedTracker(time.Minute)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	u.update(groupLag(0, 0), start)
	_, ok := u.update(groupLag(0, 0), start.Add(time.Hour))
	require.True(t, ok)
}

func TestUnconsumedZeroLimitNeverFails(t *testing.T) {
	u := newUnconsumedTracker(0)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	u.update(groupLag(10, 0), start)
	_, ok := u.update(groupLag(10, 0), start.Add(time.Hour))
	require.True(t, ok)
}

func TestUnconsumedIgnoresUnknownMembers(t *testing.T) {
	u := newUnconsumedTracker(time.Minute)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	u.update(groupLag(10, -1), start)
	_, ok := u.update(groupLag(10, -1), start.Add(time.Hour))
	require.True(t, ok, "a group the broker could not describe is not reported as stopped")
}
