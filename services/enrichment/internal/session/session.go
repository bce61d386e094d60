// Package session gives every event a session id. An event that arrives
// without one gets a derived id. A profile's session ends after a gap of
// inactivity (30 minutes by default). Its id is a hash of the profile id and
// the session's first event time, so a replay derives the same ids again.
package session

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"time"
)

// DefaultGap is the inactivity after which the next event starts a session.
const DefaultGap = 30 * time.Minute

// Event is the part of one event of a profile that sessions depend on.
type Event struct {
	ID        string    // event id, the tie-breaker between equal times
	Time      time.Time // event time
	SessionID string    // the producer's session id, "" when it sent none
}

// Previous is the profile's latest stored event before the batch's first
// event, or the zero value when there is none.
type Previous struct {
	Time      time.Time
	SessionID string
}

// Found reports whether a previous event exists.
func (p Previous) Found() bool { return p.SessionID != "" }

// Assign returns the session id of each event of one profile, by index of
// events. An event that carries a session id keeps it. Any other event joins
// the session of the event before it in time order (the batch's earlier
// events, else prev) unless more than gap lies between them, and then starts
// a session whose id is DeriveID(profileID, its time).
//
// Times are compared in whole seconds, the precision of the events table,
// so a previous event read back from storage and one from the same batch
// give the same result.
func Assign(profileID string, prev Previous, events []Event, gap time.Duration) []string {
	order := make([]int, len(events))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ea, eb := events[order[a]], events[order[b]]
		if !ea.Time.Equal(eb.Time) {
			return ea.Time.Before(eb.Time)
		}
		return ea.ID < eb.ID
	})

	ids := make([]string, len(events))
	last := prev
	for _, i := range order {
		at := events[i].Time.Truncate(time.Second)
		id := events[i].SessionID
		if id == "" {
			id = continueOrStart(profileID, last, at, gap)
		}
		ids[i] = id
		last = Previous{Time: at, SessionID: id}
	}
	return ids
}

func continueOrStart(profileID string, last Previous, at time.Time, gap time.Duration) string {
	if last.Found() && at.Sub(last.Time.Truncate(time.Second)) <= gap {
		return last.SessionID
	}
	return DeriveID(profileID, at)
}

// DeriveID returns the id of the session of profileID that starts at start:
// the first 16 bytes of SHA-256 over "profile_id:unix_seconds", in hex.
func DeriveID(profileID string, start time.Time) string {
	sum := sha256.Sum256([]byte(profileID + ":" + strconv.FormatInt(start.Unix(), 10)))
	return hex.EncodeToString(sum[:16])
}
