package importcmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rs/zerolog"

	"github.com/profilehub/platform/cmd/profilectl/internal/csvtable"
	"github.com/profilehub/platform/cmd/profilectl/internal/progress"
	"github.com/profilehub/platform/pkg/events"
)

// rowImport produces one event per CSV record: the shape of the rees46 and
// reviews imports.
type rowImport struct {
	name    string
	path    string
	columns []string
	// build returns the event of the current record and its key, or an
	// error for a record that is bad and skipped.
	build func(line int, t *csvtable.Table) (*events.Event, string, error)
}

type rowStats struct {
	rows, bad int
	acked     int64
	elapsed   time.Duration
}

func (ri rowImport) run(ctx context.Context, sink *eventSink, log zerolog.Logger) (rowStats, error) {
	t, err := csvtable.Open(ri.path, ri.columns)
	if err != nil {
		return rowStats{}, err
	}
	defer t.Close()
	reporter := progress.New(os.Stdout, t.Size(), ri.name, log)

	start := time.Now()
	stats, readErr := ri.produce(ctx, t, sink, reporter, log)
	reporter.Finish(t.BytesRead())
	flushErr := sink.Finish(ctx)
	stats.acked, stats.elapsed = sink.publisher.Acked(), time.Since(start)
	if readErr != nil {
		return stats, fmt.Errorf("importing %s after %d rows: %w", ri.path, stats.rows, readErr)
	}
	return stats, flushErr
}

func (ri rowImport) produce(ctx context.Context, t *csvtable.Table, sink *eventSink, reporter progress.Reporter,
	log zerolog.Logger) (rowStats, error) {
	var stats rowStats
	for {
		line, err := t.Next()
		if errors.Is(err, io.EOF) {
			return stats, nil
		}
		stats.rows++
		if stats.rows%progressEvery == 0 {
			reporter.Update(t.BytesRead())
		}
		if err != nil && !csvtable.IsParseError(err) {
			return stats, err
		}

		var ev *events.Event
		var key string
		if err == nil {
			ev, key, err = ri.build(line, t)
		}
		if err != nil {
			stats.bad++
			log.Warn().Int("line", line).Err(err).Msg("skipping bad row")
			continue
		}
		if err := sink.Send(ctx, key, ev); err != nil {
			return stats, err
		}
	}
}

func reportRows(stdout io.Writer, s rowStats) {
	seconds := max(s.elapsed.Seconds(), 0.001)
	fmt.Fprintf(stdout, "rows read:        %d\n", s.rows)
	fmt.Fprintf(stdout, "bad rows skipped: %d\n", s.bad)
	fmt.Fprintf(stdout, "events produced:  %d acknowledged of %d\n", s.acked, s.rows-s.bad)
	fmt.Fprintf(stdout, "elapsed:          %s (%.0f events/s)\n", s.elapsed.Round(time.Millisecond),
		float64(s.acked)/seconds)
}
