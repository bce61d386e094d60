package aggregates

import (
	"context"
	"fmt"
)

// ProfileIDsAfter returns up to limit profile ids of profile_daily that sort
// after the id after, in ascending order. Paging with the last id of each
// page ("" for the first) visits every profile once without an OFFSET scan.
func (r *Reader) ProfileIDsAfter(ctx context.Context, after string, limit int) ([]string, error) {
	rows, err := r.conn.Query(ctx, queryProfileIDs, after, limit)
	if err != nil {
		return nil, fmt.Errorf("querying profile ids of profile_daily after %q: %w", after, err)
	}
	defer rows.Close()

	ids := make([]string, 0, limit)
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("scanning profile id of profile_daily: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading profile ids of profile_daily: %w", err)
	}
	return ids, nil
}

// ProfileCount returns the number of distinct profiles in profile_daily.
func (r *Reader) ProfileCount(ctx context.Context) (int, error) {
	var n uint64
	if err := r.conn.QueryRow(ctx, queryProfileCount).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting profiles of profile_daily: %w", err)
	}
	return int(n), nil
}
