//go:build verify

package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/catalogue"
	"github.com/profilehub/platform/pkg/config"
	"github.com/profilehub/platform/pkg/store"
)

// TestRunningPlatformMatchesRetailYear checks the platform that `make run`
// filled (topic prefix "", databases profilehub) against figures computed
// from the whole retail CSV. It runs only with the verify build tag:
// `make verify`.
func TestRunningPlatformMatchesRetailYear(t *testing.T) {
	file := retailFile(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	ch, err := store.OpenClickHouse(ctx, config.DefaultClickHouse())
	require.NoError(t, err)
	defer ch.Close()
	pg, err := store.OpenPostgres(ctx, config.DefaultPostgres())
	require.NoError(t, err)
	defer pg.Close()
	p := &platform{t: t, brokers: config.DefaultKafka().Brokers, chDB: config.DefaultClickHouse().Database,
		ch: ch, pg: pg, root: repoRoot(t)}

	want := readRetailFixture(t, file, 1<<30, catalogue.IsFeeStockCode)
	diffs := p.compareFigures(ctx, want)
	if len(diffs) > 20 {
		diffs = append(diffs[:20], fmt.Sprintf("… and %d more", len(diffs)-20))
	}
	require.Empty(t, diffs, "figures differ:\n%s", joinLines(diffs))
	t.Logf("%d customers of %d invoices match in ClickHouse, Postgres and on the profiles topic",
		len(want.Customers), want.Invoices)
}
