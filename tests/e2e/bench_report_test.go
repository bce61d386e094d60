//go:build bench

package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// benchResults is everything one benchmark run measured.
type benchResults struct {
	Machine              string
	RawEvents            int64
	VerifiedCustomers    int
	OrderLines           int64
	ImportSeconds        float64
	PipelineSeconds      float64
	Services             []serviceRate
	BulkLatency          latencySummary
	SteadyLatency        latencySummary
	SteadyRate           int
	RawConsumeRate       componentRate
	ClickHouseInsertRate componentRate
}

// describeMachine returns the hardware and component versions of this run.
func describeMachine(ctx context.Context, p *platform) string {
	var chVersion, pgVersion string
	_ = p.ch.QueryRow(ctx, "SELECT version()").Scan(&chVersion)
	_ = p.pg.QueryRow(ctx, "SHOW server_version").Scan(&pgVersion)
	cpu := "unknown"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
				break
			}
		}
	}
	mem := "unknown"
	if out, err := exec.Command("sh", "-c", "free -g | awk '/Mem:/ {print $2}'").Output(); err == nil {
		mem = strings.TrimSpace(string(out)) + " GiB"
	}
	return fmt.Sprintf("%s, %d cores, %s memory; %s; Apache Kafka %s (KRaft, one node); "+
		"ClickHouse %s; PostgreSQL %s", cpu, runtime.NumCPU(), mem, runtime.Version(),
		kafkaVersion(p), chVersion, pgVersion)
}

// kafkaVersion reads the broker version from the jars the stack runs.
func kafkaVersion(p *platform) string {
	out, err := exec.Command("sh", "-c",
		"ls "+p.root+"/.local/kafka/libs | sed -n 's/^kafka_2.13-\\(.*\\)\\.jar$/\\1/p' | head -1").Output()
	if err != nil || len(out) == 0 {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func (r benchResults) markdown() string {
	var b strings.Builder
	pipelineRate := float64(r.RawEvents) / r.PipelineSeconds
	lineRate := float64(r.OrderLines) / r.PipelineSeconds

	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Measured by `make bench` (`go test -tags bench -run TestBenchmarkRetailYear ./tests/e2e`) "+
		"on %s, on %s.\n\n", time.Now().UTC().Format("2006-01-02"), r.Machine)
	fmt.Fprintf(&b, "Input: the whole retail year (541,909 invoice lines, one event per invoice), "+
		"imported by `profilectl import online-retail` into a fresh platform with its own topics, "+
		"ClickHouse database and Postgres database. All six services run as separate "+
		"processes on the same machine as the broker and both stores.\n\n")

	fmt.Fprintf(&b, "## End to end\n\n| measure | value |\n|---|---|\n")
	fmt.Fprintf(&b, "| events imported | %d |\n", r.RawEvents)
	fmt.Fprintf(&b, "| order lines landed in ClickHouse | %d |\n", r.OrderLines)
	fmt.Fprintf(&b, "| import time (producer alone) | %.1f s (%.0f events/s) |\n",
		r.ImportSeconds, float64(r.RawEvents)/r.ImportSeconds)
	fmt.Fprintf(&b, "| import start to every consumer group drained | %.1f s |\n", r.PipelineSeconds)
	fmt.Fprintf(&b, "| end-to-end rate | %.0f events/s (%.0f order lines/s) |\n", pipelineRate, lineRate)
	fmt.Fprintf(&b, "| customers whose orders, net revenue and products matched the CSV after the run | %d |\n",
		r.VerifiedCustomers)
	fmt.Fprintf(&b, "| event-to-profile latency during the bulk import, p50 / p99 / max (%d profiles) | %s / %s / %s |\n",
		r.BulkLatency.Count, ms(r.BulkLatency.P50), ms(r.BulkLatency.P99), ms(r.BulkLatency.Max))
	fmt.Fprintf(&b, "| event-to-profile latency of single events into an idle pipeline, p50 / p99 / max (%d events at %d/s) | %s / %s / %s |\n\n",
		r.SteadyLatency.Count, r.SteadyRate, ms(r.SteadyLatency.P50), ms(r.SteadyLatency.P99), ms(r.SteadyLatency.Max))

	fmt.Fprintf(&b, "## Per service\n\nRecords committed by each consumer group, over the time it was "+
		"committing (sampled once a second).\n\n| service | records | seconds | records/s |\n|---|---|---|---|\n")
	for _, s := range r.Services {
		fmt.Fprintf(&b, "| %s | %d | %.1f | %.0f |\n", s.Service, s.Records, s.Seconds, s.PerSecond)
	}

	fmt.Fprintf(&b, "\n## Components alone, same run\n\n"+
		"Both read or write the data of this run after the idle-latency phase, so they include its %d events.\n\n"+
		"| component | items | seconds | rate | pipeline rate as a share of it |\n|---|---|---|---|---|\n",
		r.SteadyLatency.Count)
	fmt.Fprintf(&b, "| franz-go consuming events.raw without decoding | %d records | %.2f | %.0f records/s | %.2f %% |\n",
		r.RawConsumeRate.Items, r.RawConsumeRate.Seconds, r.RawConsumeRate.PerSecond, 100*pipelineRate/r.RawConsumeRate.PerSecond)
	fmt.Fprintf(&b, "| ClickHouse bulk insert of the same order_lines rows (100,000 a batch) | %d rows | %.2f | %.0f rows/s | %.2f %% |\n\n",
		r.ClickHouseInsertRate.Items, r.ClickHouseInsertRate.Seconds, r.ClickHouseInsertRate.PerSecond, 100*lineRate/r.ClickHouseInsertRate.PerSecond)

	fmt.Fprintf(&b, "## How the figures are taken\n\n"+
		"- End-to-end rate: events on events.raw divided by the time from the start of the import "+
		"until every consumer group had committed all records of its input topics in two polls one second apart.\n"+
		"- Bulk latency: for each profile, the Kafka timestamp of its final record on the profiles topic "+
		"minus the timestamp of its last event on events.raw. The importer runs faster than the pipeline, "+
		"so this includes the time events queue behind the backlog.\n"+
		"- Idle latency: single order events produced at a fixed rate after the backlog drained; the time "+
		"from the produce acknowledgement to the arrival of the profile record that includes the order.\n"+
		"- Component rates read or write the same data as the pipeline in the same run, so the last column "+
		"is the share of the component's own rate that the whole pipeline reaches. It compares events per "+
		"second for the consumer and order lines per second for the insert.\n")
	return b.String()
}

// ms rounds d to whole milliseconds for the page.
func ms(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
