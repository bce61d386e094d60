package summarycmd

import (
	"context"
	"fmt"
	"io"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/store"
)

// storedEventsLabel names the distinct events in ClickHouse. Unlike the
// records on events.raw, the figure stays the same when an import runs
// again, because the events table keeps one row per event id.
const storedEventsLabel = "distinct events stored (ClickHouse)"

func printClickHouse(ctx context.Context, cfg settings.Config, stdout io.Writer) {
	conn, err := store.OpenClickHouse(ctx, cfg.ClickHouse)
	if err != nil {
		printFigure(stdout, storedEventsLabel, fmt.Sprintf("unavailable (%s)", err))
		return
	}
	defer func() { _ = conn.Close() }()

	stored, err := countStoredEvents(ctx, conn, cfg.ClickHouse.Database)
	printFigure(stdout, storedEventsLabel, figure(stored, err))
}

// countStoredEvents returns the rows of the events table after replacing
// merges, one per event id. FINAL merges at read time, so rows that a
// replay wrote again and that the server has not merged yet count once.
func countStoredEvents(ctx context.Context, conn driver.Conn, database string) (int64, error) {
	var n uint64
	query := fmt.Sprintf("SELECT count() FROM `%s`.events FINAL", database)
	if err := conn.QueryRow(ctx, query).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting events in clickhouse table %s.events: %w", database, err)
	}
	return int64(n), nil
}
