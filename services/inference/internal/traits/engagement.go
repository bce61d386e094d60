package traits

import "time"

// engagementWindowDays is the length of the engagement window: the
// reference day and the 89 days before it.
const engagementWindowDays = 90

// Minimum events in the engagement window for each level. Every event type
// counts (views, cart changes, orders, reviews and the rest); zero events
// is "none".
const (
	engagementHighEvents   = 20
	engagementMediumEvents = 5
)

// Engagement levels, as the schema lists them.
const (
	EngagementNone   = "none"
	EngagementLow    = "low"
	EngagementMedium = "medium"
	EngagementHigh   = "high"
)

// eventsInWindow sums the events of the days in the engagement window that
// ends on the UTC day of ref.
func eventsInWindow(rows []DailyRow, ref time.Time) int64 {
	refDay := ref.UTC().Truncate(24 * time.Hour)
	start := refDay.AddDate(0, 0, -(engagementWindowDays - 1))
	var n int64
	for _, r := range rows {
		day := r.Day.UTC().Truncate(24 * time.Hour)
		if !day.Before(start) && !day.After(refDay) {
			n += r.Events
		}
	}
	return n
}

func engagementLevel(events int64) string {
	switch {
	case events >= engagementHighEvents:
		return EngagementHigh
	case events >= engagementMediumEvents:
		return EngagementMedium
	case events > 0:
		return EngagementLow
	default:
		return EngagementNone
	}
}
