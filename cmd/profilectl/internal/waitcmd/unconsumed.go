package waitcmd

import (
	"time"

	"github.com/profilehub/platform/cmd/profilectl/internal/kafkaadmin"
)

// unconsumedTracker remembers since when each group has had lag and no
// consumer, so wait can tell a stopped service from a slow one.
type unconsumedTracker struct {
	limit time.Duration
	since map[string]time.Time
}

func newUnconsumedTracker(limit time.Duration) *unconsumedTracker {
	return &unconsumedTracker{limit: limit, since: map[string]time.Time{}}
}

// update records one poll taken at now. It returns the name of a group
// that has had lag and no consumer for longer than the limit, and false;
// otherwise "" and true. A group whose members are unknown (-1) counts as
// consumed. A zero limit never fails.
func (u *unconsumedTracker) update(lags []kafkaadmin.GroupLag, now time.Time) (string, bool) {
	for _, lag := range lags {
		if lag.Total() == 0 || lag.Members != 0 {
			delete(u.since, lag.Group)
			continue
		}
		first, seen := u.since[lag.Group]
		if !seen {
			u.since[lag.Group] = now
			continue
		}
		if u.limit > 0 && now.Sub(first) > u.limit {
			return lag.Group, false
		}
	}
	return "", true
}
