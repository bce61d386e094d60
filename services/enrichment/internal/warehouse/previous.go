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
		if err := w.readPrevious(ctx, chunk, firstTimes, gap, found, latestID); err != nil {
			return nil, err
		}
	}
	return found, nil
}

func (w *Warehouse) readPrevious(ctx context.Context, profiles []string, firstTimes map[string]time.Time,
	gap time.Duration, found map[string]session.Previous, latestID map[string]string) error {
	quoted := make([]string, len(profiles))
	windows := make([]string, len(profiles))
	for i, id := range profiles {
		first := firstTimes[id].Truncate(time.Second)
		quoted[i] = quote(id)
		windows[i] = "(profile_id = " + quote(id) + " AND event_time >= " + dateTime(first.Add(-gap)) +
			" AND event_time < " + dateTime(first) + ")"
	}
	query := strings.NewReplacer(
		"{profiles}", strings.Join(quoted, ", "),
		"{windows}", strings.Join(windows, " OR "),
	).Replace(w.queries["previous_events"])

	rows, err := w.conn.Query(ctx, query)
	if err != nil {
		return fmt.Errorf("querying previous events of %d profiles: %w", len(profiles), err)
	}
	defer rows.Close()

	for rows.Next() {
		var profileID, eventID, sessionID string
		var at time.Time
		if err := rows.Scan(&profileID, &at, &eventID, &sessionID); err != nil {
			return fmt.Errorf("reading previous events: %w", err)
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
