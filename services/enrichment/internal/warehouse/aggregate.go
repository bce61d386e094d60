package warehouse

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2"
	"golang.org/x/sync/errgroup"
)

// maxQuerySize is the max_query_size setting of the recompute statements, in
// bytes. The keys travel as external data, but the distinct profile and
// product ids of a statement are still SQL literals, and a batch can
// reach the server default of 256 KiB with long ids.
const maxQuerySize = 16 << 20

// statement is one recompute statement before rendering: the table it
// writes, its keys as rows of the external table aggregate_keys, the
// distinct ids of the keys' first element and, for daily tables, the days
// the keys cover.
type statement struct {
	table string
	keys  [][]any
	ids   []string
	days  []uint32
}

// Recompute rewrites every aggregate row of keys from the raw tables, in
// statements of at most the configured number of keys. The four tables are
// recomputed concurrently, one connection each, and the statements of one
// table one after another. Each statement gets a version above all earlier
// ones of this Warehouse, taken just before it runs, so the row that read
// the most recent raw data wins the merge. Running it again for the same
// stored data writes the same values. The first error cancels the
// statements still running and is returned.
func (w *Warehouse) Recompute(ctx context.Context, keys Keys) error {
	ctx = clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"max_query_size": maxQuerySize}))
	group, ctx := errgroup.WithContext(ctx)
	for _, statements := range w.recomputeStatementsByTable(keys) {
		group.Go(func() error {
			for _, st := range statements {
				if err := w.exec(ctx, st); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return group.Wait()
}

// exec runs st with its keys sent as the external table aggregate_keys.
func (w *Warehouse) exec(ctx context.Context, st statement) error {
	keyTable, err := newKeyTable(st.table, st.keys)
	if err != nil {
		return fmt.Errorf("recomputing %d keys of %s: %w", len(st.keys), st.table, err)
	}
	ctx = clickhouse.Context(ctx, clickhouse.WithExternalTable(keyTable))
	query := w.render(st, w.clock.next())
	if err := w.conn.Exec(ctx, query); err != nil {
		return fmt.Errorf("recomputing %d keys of %s: %w", len(st.keys), st.table, err)
	}
	return nil
}

// recomputeStatementsByTable returns the statements of recomputeStatements
// grouped by table, in the order of their first statement.
func (w *Warehouse) recomputeStatementsByTable(keys Keys) [][]statement {
	var out [][]statement
	for _, st := range w.recomputeStatements(keys) {
		if n := len(out); n > 0 && out[n-1][0].table == st.table {
			out[n-1] = append(out[n-1], st)
			continue
		}
		out = append(out, []statement{st})
	}
	return out
}

// recomputeStatements splits keys into statements, table by table.
func (w *Warehouse) recomputeStatements(keys Keys) []statement {
	var out []statement
	size := w.keysPerStatement

	for _, chunk := range chunks(sortedKeys(keys.ProfileDays, compareProfileDay), size) {
		st := statement{table: "profile_daily"}
		for _, k := range chunk {
			st.keys = append(st.keys, []any{k.ProfileID, k.Day})
			st.ids = append(st.ids, k.ProfileID)
			st.days = append(st.days, k.Day)
		}
		out = append(out, st)
	}

	for _, chunk := range chunks(sortedKeys(keys.ProfileProducts, compareProfileProduct), size) {
		st := statement{table: "profile_products"}
		for _, k := range chunk {
			st.keys = append(st.keys, []any{k.ProfileID, k.ProductID})
			st.ids = append(st.ids, k.ProfileID)
		}
		out = append(out, st)
	}

	for _, chunk := range chunks(sortedKeys(keys.ProfileHours, compareProfileHour), size) {
		st := statement{table: "profile_hour_of_week"}
		for _, k := range chunk {
			st.keys = append(st.keys, []any{k.ProfileID, k.HourOfWeek})
			st.ids = append(st.ids, k.ProfileID)
		}
		out = append(out, st)
	}

	for _, chunk := range chunks(sortedKeys(keys.ProductDays, compareProductDay), size) {
		st := statement{table: "product_daily"}
		for _, k := range chunk {
			st.keys = append(st.keys, []any{k.ProductID, k.Day})
			st.ids = append(st.ids, k.ProductID)
			st.days = append(st.days, k.Day)
		}
		out = append(out, st)
	}
	return out
}

// render fills the template of st.table in one pass, so an id that looks
// like a placeholder stays a literal. {profiles} and {products} both receive
// the distinct ids; {from} and {to} bound event_time so that ClickHouse
// skips the partitions of other months.
func (w *Warehouse) render(st statement, version uint64) string {
	ids := slices.Clone(st.ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for i, id := range ids {
		ids[i] = quote(id)
	}
	idList := strings.Join(ids, ", ")

	replacements := []string{
		"{version}", uintLiteral(version),
		"{profiles}", idList,
		"{products}", idList,
	}
	if len(st.days) > 0 {
		from, to := dayBounds(st.days)
		replacements = append(replacements, "{from}", dateTime(from), "{to}", dateTime(to))
	}
	return strings.NewReplacer(replacements...).Replace(w.queries[st.table])
}
