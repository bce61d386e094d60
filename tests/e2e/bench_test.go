//go:build bench

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/catalogue"
	"github.com/profilehub/platform/pkg/topics"
)

// TestBenchmarkRetailYear pushes the whole retail year through a fresh
// platform and writes the measurements to docs/benchmarks.md (or to the
// file named by PROFILEHUB_BENCH_OUT). It runs only with the bench build
// tag: `make bench`.
func TestBenchmarkRetailYear(t *testing.T) {
	file := retailFile(t)
	out := os.Getenv("PROFILEHUB_BENCH_OUT")
	if out == "" {
		out = filepath.Join(repoRoot(t), "docs", "benchmarks.md")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 75*time.Minute)
	defer cancel()

	p := newPlatform(t)
	p.startAll()
	var res benchResults
	res.Machine = describeMachine(ctx, p)

	// Phase 1: the full year through the pipeline, with every consumer
	// group's committed offsets sampled once a second.
	sampler := p.startGroupSampler(ctx, time.Second)
	start := time.Now()
	p.profilectl(ctx, "import", "online-retail", "--file", file)
	res.ImportSeconds = time.Since(start).Seconds()
	p.waitDrained(ctx, 60*time.Minute)
	res.PipelineSeconds = time.Since(start).Seconds()
	res.Services = sampler.stop()

	// The measured run must also be a correct one.
	want := readRetailFixture(t, file, 1<<30, catalogue.IsFeeStockCode)
	p.requireFigures(ctx, want)
	res.VerifiedCustomers = len(want.Customers)
	res.RawEvents = int64(len(p.readTopic(ctx, topics.EventsRaw)))
	res.OrderLines = p.countRows(ctx, "order_lines")
	var users []string
	res.BulkLatency, users = p.bulkLatency(ctx)

	// Phase 2: latency of single events into an idle pipeline.
	res.SteadyRate = 20
	res.SteadyLatency = p.steadyLatency(ctx, users, 200, res.SteadyRate)

	// Phase 3: the components alone, on the same data, in the same run.
	res.RawConsumeRate = p.rawConsumeRate(ctx)
	res.ClickHouseInsertRate = p.clickHouseBulkInsertRate(ctx)

	page := res.markdown()
	require.NoError(t, os.WriteFile(out, []byte(page), 0o644))
	t.Logf("wrote %s\n%s", out, page)
}
