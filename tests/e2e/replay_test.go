package e2e

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/catalogue"
)

// TestPipelineReplayChangesNothing lets the pipeline settle, then deletes
// every consumer group so each service reads its input topics again from
// the start. The replay must leave every figure and every profile as it
// was: same content, same version.
func TestPipelineReplayChangesNothing(t *testing.T) {
	file := retailFile(t)
	p := newPlatform(t)
	want := readRetailFixture(t, file, sliceInvoices/2, catalogue.IsFeeStockCode)

	p.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	p.profilectl(ctx, "import", "online-retail", "--file", file,
		"--limit-invoices", strconv.Itoa(sliceInvoices/2))
	p.requireFigures(ctx, want)
	before := p.settledProfiles(ctx)

	p.stopAll()
	groups := make([]string, 0, len(services))
	for _, service := range services {
		groups = append(groups, p.group(service))
	}
	// A group is deletable once its members have left, which the broker
	// may learn a moment after the processes exited.
	adm := p.admin()
	require.Eventually(t, func() bool {
		deleted, err := adm.DeleteGroups(ctx, groups...)
		return err == nil && deleted.Error() == nil
	}, 30*time.Second, 200*time.Millisecond, "deleting the consumer groups")

	p.startAll()
	p.waitDrained(ctx, 5*time.Minute)
	p.requireFigures(ctx, want)
	after := p.settledProfiles(ctx)

	require.Equal(t, len(before), len(after), "profile count changed by the replay")
	changed := 0
	for id, row := range before {
		if after[id] != row {
			changed++
			if changed <= 5 {
				t.Errorf("profile %s changed by the replay:\nbefore %s\nafter  %s", id, row, after[id])
			}
		}
	}
	require.Zero(t, changed, "%d of %d profiles changed by the replay", changed, len(before))
}

// settledProfiles waits until the pipeline is drained and two snapshots of
// the profiles table taken 3 seconds apart are equal, and returns the last
// one: each profile's version and derived sections as text.
func (p *platform) settledProfiles(ctx context.Context) map[string]string {
	p.t.Helper()
	var last map[string]string
	ok := assertEventually(ctx, 3*time.Minute, func() bool {
		p.waitDrained(ctx, 2*time.Minute)
		snapshot := p.profileSnapshot(ctx)
		settled := last != nil && equalSnapshots(last, snapshot)
		last = snapshot
		if !settled {
			time.Sleep(2500 * time.Millisecond)
		}
		return settled
	})
	require.True(p.t, ok, "profiles kept changing for 3 minutes")
	return last
}

func (p *platform) profileSnapshot(ctx context.Context) map[string]string {
	p.t.Helper()
	rows, err := p.pg.Query(ctx, `SELECT profile_id::text, version, published_version,
		coalesce(behaviour::text, ''), coalesce(segments::text, ''), coalesce(preference_vector::text, '')
		FROM profiles`)
	require.NoError(p.t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, behaviour, segments, vector string
		var version, published int64
		require.NoError(p.t, rows.Scan(&id, &version, &published, &behaviour, &segments, &vector))
		out[id] = fmt.Sprintf("version=%d published=%d behaviour=%s segments=%s vector=%s",
			version, published, behaviour, segments, vector)
	}
	require.NoError(p.t, rows.Err())
	return out
}

func equalSnapshots(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
