package e2e

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/catalogue"
	"github.com/profilehub/platform/pkg/testenv"
)

// sliceInvoices is how many invoices of the retail year the end-to-end
// tests import: 2010-12-01 to 2011-01-24.
const sliceInvoices = 3000

// retailFile returns the path of the real retail data set.
func retailFile(t testing.TB) string {
	return testenv.DataFile(t, "online-retail/online-retail.csv.gz")
}

func TestPipelineRetailSlice(t *testing.T) {
	file := retailFile(t)
	p := newPlatform(t)
	want := readRetailFixture(t, file, sliceInvoices, catalogue.IsFeeStockCode)
	require.NotEmpty(t, want.Customers)

	p.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	p.profilectl(ctx, "import", "online-retail", "--file", file,
		"--limit-invoices", strconv.Itoa(sliceInvoices))

	p.requireFigures(ctx, want)
}

// TestPipelineSurvivesSIGKILL imports the slice in two overlapping parts
// and kills services with SIGKILL while they work. The second part repeats
// the first part's invoices, and the restarted services resume from their
// last committed offsets, so every figure must still be exact.
func TestPipelineSurvivesSIGKILL(t *testing.T) {
	file := retailFile(t)
	p := newPlatform(t)
	want := readRetailFixture(t, file, sliceInvoices, catalogue.IsFeeStockCode)

	p.startAll()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	p.profilectl(ctx, "import", "online-retail", "--file", file,
		"--limit-invoices", strconv.Itoa(sliceInvoices/2))
	for _, victim := range []string{"enrichment", "inference"} {
		p.waitForProgress(ctx, victim)
		p.kill(victim)
		p.start(victim)
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		p.profilectl(ctx, "import", "online-retail", "--file", file,
			"--limit-invoices", strconv.Itoa(sliceInvoices))
	}()
	for _, victim := range []string{"ingest", "projector", "segment", "vectorize"} {
		p.waitForProgress(ctx, victim)
		p.kill(victim)
		p.start(victim)
	}
	wg.Wait()

	p.requireFigures(ctx, want)
}

// waitForProgress waits until the service's consumer group has committed at
// least one offset, so a kill lands in the middle of the work.
func (p *platform) waitForProgress(ctx context.Context, service string) {
	p.t.Helper()
	require.Eventually(p.t, func() bool {
		return p.committedRecords(ctx, service) > 0
	}, 3*time.Minute, 100*time.Millisecond, "service %s committed nothing", service)
}

// requireFigures polls until the stores and the profile topic show exactly
// the expected figures, and fails with the first differences on timeout.
func (p *platform) requireFigures(ctx context.Context, want *retailFixture) {
	p.t.Helper()
	var diffs []string
	ok := assertEventually(ctx, 6*time.Minute, func() bool {
		diffs = p.compareFigures(ctx, want)
		return len(diffs) == 0
	})
	if !ok {
		if len(diffs) > 20 {
			diffs = diffs[:20]
		}
		p.t.Fatalf("figures differ after waiting:\n%s", joinLines(diffs))
	}
}

func assertEventually(ctx context.Context, limit time.Duration, check func() bool) bool {
	deadline := time.Now().Add(limit)
	for {
		if check() {
			return true
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return false
		}
		time.Sleep(500 * time.Millisecond)
	}
}
