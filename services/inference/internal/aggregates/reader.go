package aggregates

import (
	"context"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/profilehub/platform/services/inference/internal/traits"
)

// Reader queries the aggregate tables. Every query names its columns and
// uses FINAL on the ReplacingMergeTree tables, so it reads each key's latest
// version even before ClickHouse merged the parts.
type Reader struct {
	conn      driver.Conn
	chunkSize int
}

// NewReader returns a Reader that queries at most chunkSize profiles at a
// time, which bounds the IN list and the rows of one result.
func NewReader(conn driver.Conn, chunkSize int) *Reader {
	return &Reader{conn: conn, chunkSize: chunkSize}
}

// ReferenceTime returns the latest event time in the events table, or the
// zero time when the table is empty.
func (r *Reader) ReferenceTime(ctx context.Context) (time.Time, error) {
	var t time.Time
	if err := r.conn.QueryRow(ctx, queryReferenceTime).Scan(&t); err != nil {
		return time.Time{}, fmt.Errorf("querying reference time from events: %w", err)
	}
	if t.Unix() <= 0 {
		return time.Time{}, nil
	}
	return t.UTC(), nil
}

// Load returns the aggregates of the given profiles, keyed by profile id.
// A profile without any event in ClickHouse is missing from the result.
func (r *Reader) Load(ctx context.Context, profileIDs []string) (map[string]*traits.Aggregates, error) {
	out := make(map[string]*traits.Aggregates, len(profileIDs))
	for start := 0; start < len(profileIDs); start += r.chunkSize {
		end := min(start+r.chunkSize, len(profileIDs))
		if err := r.loadChunk(ctx, profileIDs[start:end], out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r *Reader) loadChunk(ctx context.Context, ids []string, out map[string]*traits.Aggregates) error {
	// A GroupSet binds as ('a', 'b'); a plain slice binds as an array
	// literal, which ClickHouse 18.16 rejects in IN.
	set := clickhouse.GroupSet{Value: make([]any, len(ids))}
	for i, id := range ids {
		set.Value[i] = id
	}

	// Activity comes first: it decides which profiles exist at all.
	if err := r.loadActivity(ctx, set, out); err != nil {
		return err
	}
	if err := r.loadDaily(ctx, set, out); err != nil {
		return err
	}
	if err := r.loadProducts(ctx, set, out); err != nil {
		return err
	}
	return r.loadHours(ctx, set, out)
}
