// Package localtime converts event times to the wall clock of the time zone
// an event's context names, for the hour-of-week patterns of a profile.
package localtime

import (
	"sync"
	"time"

	// The zone database is compiled in, so a host without tzdata resolves
	// the same names as one with it.
	_ "time/tzdata"
)

// Local is an instant on the wall clock of one time zone.
type Local struct {
	Zone      string // IANA name that was applied, "UTC" for an unknown or empty name
	Hour      uint8  // 0-23
	DayOfWeek uint8  // 0 is Monday, 6 is Sunday
}

// HourOfWeek returns DayOfWeek*24 + Hour: 0 is Monday 00:00-00:59 and 167 is
// Sunday 23:00-23:59.
func (l Local) HourOfWeek() uint8 { return l.DayOfWeek*24 + l.Hour }

// Zones resolves IANA zone names and caches the result of each name,
// including the failures, because time.LoadLocation parses the zone data on
// every call. It is safe for concurrent use.
type Zones struct {
	mu    sync.RWMutex
	cache map[string]*time.Location
}

// maxCachedZones bounds the cache against producers that send arbitrary
// strings as the zone: about 600 IANA names exist, so real names always fit.
const maxCachedZones = 2048

// NewZones returns an empty cache.
func NewZones() *Zones {
	return &Zones{cache: make(map[string]*time.Location)}
}

// Convert returns t on the wall clock of the zone named name. An empty or
// unknown name, or "Local", means UTC.
func (z *Zones) Convert(t time.Time, name string) Local {
	loc := z.location(name)
	local := t.In(loc)
	return Local{
		Zone:      loc.String(),
		Hour:      uint8(local.Hour()),
		DayOfWeek: uint8((int(local.Weekday()) + 6) % 7),
	}
}

func (z *Zones) location(name string) *time.Location {
	// "Local" would apply the host's zone, which is not the producer's.
	if name == "" || name == "Local" {
		return time.UTC
	}

	z.mu.RLock()
	loc, ok := z.cache[name]
	z.mu.RUnlock()
	if ok {
		return loc
	}

	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.UTC
	}
	z.mu.Lock()
	if len(z.cache) < maxCachedZones {
		z.cache[name] = loc
	}
	z.mu.Unlock()
	return loc
}
