package traits

import (
	"sort"

	"github.com/shopspring/decimal"
)

// Lengths of the ranked trait lists.
const (
	maxFavouriteProducts   = 5
	maxFavouriteCategories = 3
	maxUsualHours          = 3
	maxUsualDays           = 2
)

// favouriteProducts ranks the products with a positive net quantity by
// units, then revenue, then product id, so ties always resolve the same way.
func favouriteProducts(rows []ProductRow, limit int) []string {
	ranked := make([]ProductRow, 0, len(rows))
	for _, r := range rows {
		if r.Units > 0 {
			ranked = append(ranked, r)
		}
	}
	sort.Slice(ranked, func(i, j int) bool {
		return rankBefore(ranked[i].Units, ranked[j].Units, ranked[i].Revenue, ranked[j].Revenue,
			ranked[i].ProductID, ranked[j].ProductID)
	})

	out := make([]string, 0, limit)
	for _, r := range ranked {
		if len(out) == limit {
			break
		}
		out = append(out, r.ProductID)
	}
	return out
}

// favouriteCategories sums units and revenue of the bought products per
// category and ranks them like favouriteProducts. Products without a
// category are left out.
func favouriteCategories(rows []ProductRow, limit int) []string {
	type total struct {
		name    string
		units   int64
		revenue decimal.Decimal
	}
	byName := map[string]*total{}
	for _, r := range rows {
		if r.Units <= 0 || r.Category == "" {
			continue
		}
		c, ok := byName[r.Category]
		if !ok {
			c = &total{name: r.Category}
			byName[r.Category] = c
		}
		c.units += r.Units
		c.revenue = c.revenue.Add(r.Revenue)
	}

	ranked := make([]*total, 0, len(byName))
	for _, c := range byName {
		ranked = append(ranked, c)
	}
	sort.Slice(ranked, func(i, j int) bool {
		return rankBefore(ranked[i].units, ranked[j].units, ranked[i].revenue, ranked[j].revenue,
			ranked[i].name, ranked[j].name)
	})

	out := make([]string, 0, limit)
	for _, c := range ranked {
		if len(out) == limit {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// rankBefore orders by units descending, revenue descending, name ascending.
func rankBefore(unitsA, unitsB int64, revA, revB decimal.Decimal, nameA, nameB string) bool {
	if unitsA != unitsB {
		return unitsA > unitsB
	}
	if c := revA.Cmp(revB); c != 0 {
		return c > 0
	}
	return nameA < nameB
}

// usualHours returns the local hours of day (0-23) with the most events,
// busiest first, ties to the earlier hour.
func usualHours(rows []HourRow, limit int) []int32 {
	var counts [24]int64
	for _, r := range rows {
		if r.HourOfWeek >= 0 && r.HourOfWeek < 168 {
			counts[r.HourOfWeek%24] += r.Events
		}
	}
	return topBuckets(counts[:], 0, limit)
}

// usualDays returns the ISO days of week (1 Monday to 7 Sunday) with the
// most events, busiest first, ties to the earlier day.
func usualDays(rows []HourRow, limit int) []int32 {
	var counts [7]int64
	for _, r := range rows {
		if r.HourOfWeek >= 0 && r.HourOfWeek < 168 {
			counts[r.HourOfWeek/24] += r.Events
		}
	}
	return topBuckets(counts[:], 1, limit)
}

// topBuckets returns the indexes (plus offset) of the largest positive
// counts, largest first and ties to the lower index.
func topBuckets(counts []int64, offset int32, limit int) []int32 {
	idx := make([]int, 0, len(counts))
	for i, c := range counts {
		if c > 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return counts[idx[a]] > counts[idx[b]] })

	out := make([]int32, 0, limit)
	for _, i := range idx {
		if len(out) == limit {
			break
		}
		out = append(out, int32(i)+offset)
	}
	return out
}
