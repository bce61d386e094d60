package warehouse

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Keys are the aggregate keys a batch touched, each set without duplicates.
// Days are UTC dates as toYYYYMMDD numbers.
type Keys struct {
	ProfileDays     map[ProfileDay]struct{}
	ProfileProducts map[ProfileProduct]struct{}
	ProfileHours    map[ProfileHour]struct{}
	ProductDays     map[ProductDay]struct{}
}

// ProfileDay is a key of profile_daily.
type ProfileDay struct {
	ProfileID string
	Day       uint32
}

// ProfileProduct is a key of profile_products.
type ProfileProduct struct {
	ProfileID, ProductID string
}

// ProfileHour is a key of profile_hour_of_week.
type ProfileHour struct {
	ProfileID  string
	HourOfWeek uint8
}

// ProductDay is a key of product_daily.
type ProductDay struct {
	ProductID string
	Day       uint32
}

// productEventTypes are the event types whose product_id feeds
// profile_products.
var productEventTypes = map[string]bool{
	"product_viewed": true, "cart_updated": true, "review_submitted": true,
}

// TouchedKeys returns the aggregate keys that events and lines change. Fee
// lines and events about fee products touch no product key.
func TouchedKeys(events []EventRow, lines []LineRow) Keys {
	k := Keys{
		ProfileDays:     make(map[ProfileDay]struct{}),
		ProfileProducts: make(map[ProfileProduct]struct{}),
		ProfileHours:    make(map[ProfileHour]struct{}),
		ProductDays:     make(map[ProductDay]struct{}),
	}
	for _, e := range events {
		k.ProfileDays[ProfileDay{e.ProfileID, dayNumber(e.EventTime)}] = struct{}{}
		k.ProfileHours[ProfileHour{e.ProfileID, e.HourOfWeek}] = struct{}{}
		if e.ProductID != "" && !e.IsFee && productEventTypes[e.EventType] {
			k.ProfileProducts[ProfileProduct{e.ProfileID, e.ProductID}] = struct{}{}
		}
	}
	for _, l := range lines {
		// The line's event is in events too, so its profile day is set.
		if l.IsFee {
			continue
		}
		k.ProfileProducts[ProfileProduct{l.ProfileID, l.ProductID}] = struct{}{}
		k.ProductDays[ProductDay{l.ProductID, dayNumber(l.EventTime)}] = struct{}{}
	}
	return k
}

// Profiles returns the distinct profile ids of the keys, sorted.
func (k Keys) Profiles() []string {
	seen := make(map[string]struct{})
	for key := range k.ProfileDays {
		seen[key.ProfileID] = struct{}{}
	}
	for key := range k.ProfileProducts {
		seen[key.ProfileID] = struct{}{}
	}
	for key := range k.ProfileHours {
		seen[key.ProfileID] = struct{}{}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// sortedKeys returns the members of set in the order of compare.
func sortedKeys[K comparable](set map[K]struct{}, compare func(a, b K) int) []K {
	out := make([]K, 0, len(set))
	for key := range set {
		out = append(out, key)
	}
	slices.SortFunc(out, compare)
	return out
}

func compareProfileDay(a, b ProfileDay) int {
	return cmp.Or(strings.Compare(a.ProfileID, b.ProfileID), cmp.Compare(a.Day, b.Day))
}

func compareProfileProduct(a, b ProfileProduct) int {
	return cmp.Or(strings.Compare(a.ProfileID, b.ProfileID), strings.Compare(a.ProductID, b.ProductID))
}

func compareProfileHour(a, b ProfileHour) int {
	return cmp.Or(strings.Compare(a.ProfileID, b.ProfileID), cmp.Compare(a.HourOfWeek, b.HourOfWeek))
}

func compareProductDay(a, b ProductDay) int {
	return cmp.Or(strings.Compare(a.ProductID, b.ProductID), cmp.Compare(a.Day, b.Day))
}

// chunks splits keys into consecutive slices of at most size elements.
func chunks[K any](keys []K, size int) [][]K {
	var out [][]K
	for len(keys) > size {
		out = append(out, keys[:size])
		keys = keys[size:]
	}
	if len(keys) > 0 {
		out = append(out, keys)
	}
	return out
}

// dayBounds returns the first second of the earliest day and the first
// second after the latest day of days, given as toYYYYMMDD numbers, so a
// query can skip partitions by event_time.
func dayBounds(days []uint32) (from, to time.Time) {
	lo, hi := slices.Min(days), slices.Max(days)
	from = dayStart(lo)
	to = dayStart(hi).AddDate(0, 0, 1)
	return from, to
}

func dayStart(day uint32) time.Time {
	return time.Date(int(day/10000), time.Month(day/100%100), int(day%100), 0, 0, 0, 0, time.UTC)
}
