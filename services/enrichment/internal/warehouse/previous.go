package warehouse

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/profilehub/platform/services/enrichment/internal/session"
)

// PreviousEvents returns, for each profile of firstTimes, the latest stored
// event in the gap before the profile's first event of the batch, in whole
// seconds: event_time in [first - gap, first). Profiles without such an
// event are absent from the result. Among events of the same second the
// greatest event id counts as the latest. The window ends before the batch,
// so the batch's own rows, stored by an earlier attempt, never count.
func (w *Warehouse) PreviousEvents(ctx context.Context, firstTimes map[string]time.Time,
	gap time.Duration) (map[string]session.Previous, error) {
	profiles := make([]string, 0, len(firstTimes))
	for id := range firstTimes {
		profiles = append(profiles, id)
	}
	slices.Sort(profiles)

	found := make(map[string]session.Previous)
	latestID := make(map[string]string)
	for _, chunk := range chunks(profiles, w.keysPerStatement) {
		windows := make(map[string]window, len(chunk))
		for _, id := range chunk {
			first := firstTimes[id].Truncate(time.Second)
			windows[id] = window{from: first.Add(-gap), to: first}
		}
		if err := w.readPrevious(ctx, windows, found, latestID); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// window is the half-open range [from, to) of event times.
type window struct {
	from, to time.Time
}

func (w window) contains(t time.Time) bool { return !t.Before(w.from) && t.Before(w.to) }

// readPrevious reads one chunk of profiles with a single time range that
// covers every window, because a disjunction of one condition per profile
// is slower to evaluate. It keeps the rows inside each profile's window.
func (w *Warehouse) readPrevious(ctx context.Context, windows map[string]window,
	found map[string]session.Previous, latestID map[string]string) error {
	quoted := make([]string, 0, len(windows))
	var span window
	for id, win := range windows {
		quoted = append(quoted, quote(id))
		if span.from.IsZero() || win.from.Before(span.from) {
			span.from = win.from
		}
		if win.to.After(span.to) {
			span.to = win.to
		}
	}
	slices.Sort(quoted)
	query := strings.NewReplacer(
		"{profiles}", strings.Join(quoted, ", "),
		"{from}", dateTime(span.from),
		"{to}", dateTime(span.to),
	).Replace(w.queries["previous_events"])

	rows, err := w.conn.Query(ctx, query)
	if err != nil {
		return fmt.Errorf("querying previous events of %d profiles: %w", len(windows), err)
	}
	defer rows.Close()

	for rows.Next() {
		var profileID, eventID, sessionID string
		var at time.Time
		if err := rows.Scan(&profileID, &at, &eventID, &sessionID); err != nil {
			return fmt.Errorf("reading previous events: %w", err)
		}
		if !windows[profileID].contains(at) {
			continue
		}
		prev, ok := found[profileID]
		if ok && (at.Before(prev.Time) || (at.Equal(prev.Time) && eventID <= latestID[profileID])) {
			continue
		}
		found[profileID] = session.Previous{Time: at, SessionID: sessionID}
		latestID[profileID] = eventID
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading previous events: %w", err)
	}
	return nil
}
