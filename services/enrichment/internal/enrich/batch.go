package enrich

import (
	"slices"
	"strings"
	"time"

	"github.com/profilehub/platform/pkg/events"
)

// ProductIDs returns the distinct product ids that evs refer to, in their
// payloads and order lines, sorted.
func ProductIDs(evs []*events.Event) []string {
	seen := make(map[string]struct{})
	add := func(id string) {
		if id != "" {
			seen[id] = struct{}{}
		}
	}
	for _, ev := range evs {
		switch p := ev.Payload.(type) {
		case *events.ProductViewed:
			add(p.ProductID)
		case *events.CartUpdated:
			add(p.ProductID)
		case *events.ReviewSubmitted:
			add(p.ProductID)
		case *events.OrderCompleted:
			for _, l := range p.Lines {
				add(l.ProductID)
			}
		case *events.OrderCancelled:
			for _, l := range p.Lines {
				add(l.ProductID)
			}
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// FirstTimes returns the earliest event time of each profile in evs: the
// end of the window in which the previous stored event is looked up.
func FirstTimes(evs []*events.Event) map[string]time.Time {
	first := make(map[string]time.Time)
	for _, ev := range evs {
		if t, ok := first[ev.ProfileID]; !ok || ev.EventTime.Before(t) {
			first[ev.ProfileID] = ev.EventTime
		}
	}
	return first
}

// Activity returns one ProfileActivity per profile of evs, sorted by profile
// id: the latest event time, the number of events and the distinct event
// types, sorted.
func Activity(evs []*events.Event) []events.ProfileActivity {
	byProfile := make(map[string]*events.ProfileActivity)
	types := make(map[string]map[string]struct{})
	for _, ev := range evs {
		a, ok := byProfile[ev.ProfileID]
		if !ok {
			a = &events.ProfileActivity{ProfileID: ev.ProfileID}
			byProfile[ev.ProfileID] = a
			types[ev.ProfileID] = make(map[string]struct{})
		}
		a.Events++
		if ev.EventTime.After(a.AsOf) {
			a.AsOf = ev.EventTime
		}
		types[ev.ProfileID][ev.EventType] = struct{}{}
	}

	out := make([]events.ProfileActivity, 0, len(byProfile))
	for id, a := range byProfile {
		for t := range types[id] {
			a.EventTypes = append(a.EventTypes, t)
		}
		slices.Sort(a.EventTypes)
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b events.ProfileActivity) int {
		return strings.Compare(a.ProfileID, b.ProfileID)
	})
	return out
}
