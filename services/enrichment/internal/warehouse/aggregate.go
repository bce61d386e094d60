package warehouse

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// maxQuerySize is the max_query_size setting of the recompute statements, in
// bytes. It lets a statement carry a few thousand keys, twice each, beyond
// the server default of 256 KiB.
const maxQuerySize = 16 << 20

// statement is one recompute statement before rendering: the table it
// writes, its key tuples as SQL literals, the distinct ids of the tuples'
// first element and, for daily tables, the days the keys cover.
type statement struct {
	table  string
	tuples []string
	ids    []string
	days   []uint32
}

// Recompute rewrites every aggregate row of keys from the raw tables, in
// statements of at most the configured number of keys. Each statement gets
// a version above all earlier ones, taken just before it runs, so the row
// that read the most recent raw data wins the merge. Running it again for
// the same stored data writes the same values.
func (w *Warehouse) Recompute(ctx context.Context, keys Keys) error {
	ctx = clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"max_query_size": maxQuerySize}))
	for _, st := range w.recomputeStatements(keys) {
		query := w.render(st, w.clock.next())
		if err := w.conn.Exec(ctx, query); err != nil {
			return fmt.Errorf("recomputing %d keys of %s: %w", len(st.tuples), st.table, err)
		}
	}
	return nil
}

// recomputeStatements splits keys into statements, table by table.
func (w *Warehouse) recomputeStatements(keys Keys) []statement {
	var out []statement
	size := w.keysPerStatement

	for _, chunk := range chunks(sortedKeys(keys.ProfileDays, compareProfileDay), size) {
		st := statement{table: "profile_daily"}
		for _, k := range chunk {
			st.tuples = append(st.tuples, "("+quote(k.ProfileID)+", "+uintLiteral(uint64(k.Day))+")")
			st.ids = append(st.ids, k.ProfileID)
			st.days = append(st.days, k.Day)
		}
		out = append(out, st)
	}

	for _, chunk := range chunks(sortedKeys(keys.ProfileProducts, compareProfileProduct), size) {
		st := statement{table: "profile_products"}
		for _, k := range chunk {
			st.tuples = append(st.tuples, "("+quote(k.ProfileID)+", "+quote(k.ProductID)+")")
			st.ids = append(st.ids, k.ProfileID)
		}
		out = append(out, st)
	}

	for _, chunk := range chunks(sortedKeys(keys.ProfileHours, compareProfileHour), size) {
		st := statement{table: "profile_hour_of_week"}
		for _, k := range chunk {
			st.tuples = append(st.tuples, "("+quote(k.ProfileID)+", "+uintLiteral(uint64(k.HourOfWeek))+")")
			st.ids = append(st.ids, k.ProfileID)
		}
		out = append(out, st)
	}

	for _, chunk := range chunks(sortedKeys(keys.ProductDays, compareProductDay), size) {
		st := statement{table: "product_daily"}
		for _, k := range chunk {
			st.tuples = append(st.tuples, "("+quote(k.ProductID)+", "+uintLiteral(uint64(k.Day))+")")
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
		"{keys}", strings.Join(st.tuples, ", "),
		"{profiles}", idList,
		"{products}", idList,
	}
	if len(st.days) > 0 {
		from, to := dayBounds(st.days)
		replacements = append(replacements, "{from}", dateTime(from), "{to}", dateTime(to))
	}
	return strings.NewReplacer(replacements...).Replace(w.queries[st.table])
}
