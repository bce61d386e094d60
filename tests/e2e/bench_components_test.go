//go:build bench

package e2e

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/topics"
)

// componentRate is what one component alone managed on the run's data.
type componentRate struct {
	Items     int64
	Seconds   float64
	PerSecond float64
}

func rateOf(items int64, d time.Duration) componentRate {
	return componentRate{Items: items, Seconds: d.Seconds(), PerSecond: float64(items) / d.Seconds()}
}

// rawConsumeRate reads the whole raw topic with franz-go, without decoding,
// as the upper bound of what any consumer service can read.
func (p *platform) rawConsumeRate(ctx context.Context) componentRate {
	p.t.Helper()
	topic := topics.Name(p.prefix, topics.EventsRaw)
	ends, err := p.admin().ListEndOffsets(ctx, topic)
	require.NoError(p.t, err)
	remaining := map[int32]int64{}
	var total int64
	ends.Each(func(o kadm.ListedOffset) {
		if o.Offset > 0 {
			remaining[o.Partition] = o.Offset
			total += o.Offset
		}
	})

	cl, err := kgo.NewClient(kgo.SeedBrokers(p.brokers...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	require.NoError(p.t, err)
	defer cl.Close()

	start := time.Now()
	var read int64
	for len(remaining) > 0 {
		fetches := cl.PollFetches(ctx)
		require.NoError(p.t, ctx.Err())
		fetches.EachRecord(func(r *kgo.Record) {
			read++
			if end, ok := remaining[r.Partition]; ok && r.Offset >= end-1 {
				delete(remaining, r.Partition)
			}
		})
	}
	return rateOf(read, time.Since(start))
}

// clickHouseBulkInsertRate copies every row the pipeline wrote to
// order_lines into a table of the same structure with one PrepareBatch per
// 100,000 rows, timing only the inserts.
func (p *platform) clickHouseBulkInsertRate(ctx context.Context) componentRate {
	p.t.Helper()
	src, dst := p.chDB+".order_lines", p.chDB+".bench_order_lines"
	require.NoError(p.t, p.ch.Exec(ctx, fmt.Sprintf("CREATE TABLE %s AS %s", dst, src)))

	rows, err := p.ch.Query(ctx, "SELECT * FROM "+src)
	require.NoError(p.t, err)
	columns := rows.Columns()
	types := rows.ColumnTypes()
	var data [][]any
	for rows.Next() {
		row := make([]any, len(types))
		for i, ct := range types {
			row[i] = reflect.New(ct.ScanType()).Interface()
		}
		require.NoError(p.t, rows.Scan(row...))
		for i := range row {
			row[i] = reflect.ValueOf(row[i]).Elem().Interface()
		}
		data = append(data, row)
	}
	require.NoError(p.t, rows.Err())
	require.NoError(p.t, rows.Close())

	insert := fmt.Sprintf("INSERT INTO %s (%s)", dst, joinComma(columns))
	start := time.Now()
	for lo := 0; lo < len(data); lo += 100_000 {
		hi := min(lo+100_000, len(data))
		batch, err := p.ch.PrepareBatch(ctx, insert)
		require.NoError(p.t, err)
		for _, row := range data[lo:hi] {
			require.NoError(p.t, batch.Append(row...))
		}
		require.NoError(p.t, batch.Send())
	}
	return rateOf(int64(len(data)), time.Since(start))
}

// countRows returns the row count of a ClickHouse table after deduplication.
func (p *platform) countRows(ctx context.Context, table string) int64 {
	p.t.Helper()
	var n uint64
	require.NoError(p.t, p.ch.QueryRow(ctx,
		fmt.Sprintf("SELECT count() FROM %s.%s FINAL", p.chDB, table)).Scan(&n))
	return int64(n)
}

func joinComma(items []string) string {
	out := ""
	for i, s := range items {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
