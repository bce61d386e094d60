package summarycmd

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/testenv"
)

// A second import writes the same event ids again. The stored count must
// not grow with it, even before ClickHouse merges the duplicate rows.
func TestCountStoredEventsIgnoresReplays(t *testing.T) {
	conn, cfg := testenv.ClickHouse(t)
	ctx := context.Background()

	at := time.Date(2011, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, id := range []string{"e1", "e2", "e1", "e2", "e1"} {
		batch, err := conn.PrepareBatch(ctx,
			"INSERT INTO "+cfg.Database+".events (event_id, event_type, profile_id, event_time, received_at, version)")
		require.NoError(t, err)
		require.NoError(t, batch.Append(id, "order_completed", "p1", at, at, uint64(1)))
		require.NoError(t, batch.Send(), "one insert per row, so each replay is its own part")
	}

	n, err := countStoredEvents(ctx, conn, cfg.Database)
	require.NoError(t, err)
	assert.Equal(t, int64(2), n)
}

func TestCountStoredEventsMissingTable(t *testing.T) {
	conn, cfg := testenv.ClickHouse(t)
	_, err := countStoredEvents(context.Background(), conn, cfg.Database+"_absent")
	require.Error(t, err)
	assert.Contains(t, err.Error(), cfg.Database+"_absent.events")
}

// An unreachable server leaves the figure "unavailable" with the reason, so
// the rest of the summary still prints.
func TestPrintClickHouseUnavailable(t *testing.T) {
	cfg := settings.Default()
	cfg.ClickHouse.Addr = "127.0.0.1:1"
	cfg.ClickHouse.ConnectWait = 0
	cfg.ClickHouse.DialTimeout = time.Second

	var out bytes.Buffer
	printClickHouse(context.Background(), cfg, &out)
	assert.Contains(t, out.String(), storedEventsLabel+":")
	assert.Contains(t, out.String(), "unavailable (")
}
