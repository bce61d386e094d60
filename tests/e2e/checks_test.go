package e2e

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
	"github.com/profilehub/platform/pkg/topics"
)

// storedFigures are one profile's figures as a store or the topic shows them.
type storedFigures struct {
	Orders     int64
	NetRevenue decimal.Decimal
	Products   int64
	Version    int64
}

// compareFigures returns one line per difference between the expected
// per-customer figures and what ClickHouse, Postgres and the profiles topic
// contain. An empty result means everything matches.
func (p *platform) compareFigures(ctx context.Context, want *retailFixture) []string {
	clickhouse, err := p.clickHouseFigures(ctx)
	if err != nil {
		return []string{"reading ClickHouse: " + err.Error()}
	}
	postgres, err := p.postgresFigures(ctx)
	if err != nil {
		return []string{"reading Postgres: " + err.Error()}
	}
	topic, err := p.topicFigures(ctx)
	if err != nil {
		return []string{"reading the profiles topic: " + err.Error()}
	}

	var diffs []string
	customers := make([]string, 0, len(want.Customers))
	for c := range want.Customers {
		customers = append(customers, c)
	}
	sort.Strings(customers)
	for _, customer := range customers {
		w := want.Customers[customer]
		id := identity.ProfileID(identity.KindUser, customer)
		diffs = append(diffs, diffCustomer(customer, w, clickhouse[id], postgres[id], topic[id])...)
	}
	if len(postgres) < len(want.Customers) {
		diffs = append(diffs, fmt.Sprintf("postgres has %d profiles, want at least %d customers",
			len(postgres), len(want.Customers)))
	}
	if len(topic) != len(postgres) {
		diffs = append(diffs, fmt.Sprintf("profiles topic has %d distinct keys, postgres %d profiles",
			len(topic), len(postgres)))
	}
	return diffs
}

func diffCustomer(customer string, w *customerFigures, ch, pg, topic *storedFigures) []string {
	var diffs []string
	if ch == nil {
		return []string{fmt.Sprintf("customer %s: no rows in ClickHouse", customer)}
	}
	if ch.Orders != w.Orders {
		diffs = append(diffs, fmt.Sprintf("customer %s: clickhouse orders %d, want %d", customer, ch.Orders, w.Orders))
	}
	if !ch.NetRevenue.Equal(w.NetRevenue) {
		diffs = append(diffs, fmt.Sprintf("customer %s: clickhouse net revenue %s, want %s",
			customer, ch.NetRevenue, w.NetRevenue))
	}
	if ch.Products != int64(len(w.Products)) {
		diffs = append(diffs, fmt.Sprintf("customer %s: clickhouse distinct products %d, want %d",
			customer, ch.Products, len(w.Products)))
	}
	if pg == nil {
		return append(diffs, fmt.Sprintf("customer %s: no profile in postgres", customer))
	}
	if pg.Orders != w.Orders || !pg.NetRevenue.Equal(w.NetRevenue) {
		diffs = append(diffs, fmt.Sprintf("customer %s: postgres orders %d revenue %s, want %d and %s",
			customer, pg.Orders, pg.NetRevenue, w.Orders, w.NetRevenue))
	}
	if topic == nil {
		return append(diffs, fmt.Sprintf("customer %s: no record on the profiles topic", customer))
	}
	if topic.Version != pg.Version || topic.Orders != w.Orders || !topic.NetRevenue.Equal(w.NetRevenue) {
		diffs = append(diffs, fmt.Sprintf("customer %s: latest topic record version %d orders %d revenue %s, "+
			"want version %d (postgres), orders %d, revenue %s",
			customer, topic.Version, topic.Orders, topic.NetRevenue, pg.Version, w.Orders, w.NetRevenue))
	}
	return diffs
}

// clickHouseFigures reads orders and net revenue from profile_daily and the
// products bought in at least one order from profile_products.
func (p *platform) clickHouseFigures(ctx context.Context) (map[string]*storedFigures, error) {
	out := map[string]*storedFigures{}
	rows, err := p.ch.Query(ctx, fmt.Sprintf(`SELECT profile_id, toInt64(sum(orders)), sum(net_revenue)
		FROM %s.profile_daily FINAL GROUP BY profile_id`, p.chDB))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		f := &storedFigures{}
		if err := rows.Scan(&id, &f.Orders, &f.NetRevenue); err != nil {
			rows.Close()
			return nil, err
		}
		out[id] = f
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows, err = p.ch.Query(ctx, fmt.Sprintf(`SELECT profile_id, toInt64(countIf(orders > 0))
		FROM %s.profile_products FINAL GROUP BY profile_id`, p.chDB))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var products int64
		if err := rows.Scan(&id, &products); err != nil {
			return nil, err
		}
		if f, ok := out[id]; ok {
			f.Products = products
		}
	}
	return out, rows.Err()
}

// postgresFigures reads the behaviour section and version of every profile.
func (p *platform) postgresFigures(ctx context.Context) (map[string]*storedFigures, error) {
	rows, err := p.pg.Query(ctx, `SELECT profile_id::text, version,
		coalesce((behaviour->>'orders')::bigint, 0), coalesce(behaviour->>'net_revenue', '0')
		FROM profiles`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*storedFigures{}
	for rows.Next() {
		var id, revenue string
		f := &storedFigures{}
		if err := rows.Scan(&id, &f.Version, &f.Orders, &revenue); err != nil {
			return nil, err
		}
		if f.NetRevenue, err = decimal.NewFromString(revenue); err != nil {
			return nil, fmt.Errorf("profile %s: net_revenue %q: %w", id, revenue, err)
		}
		out[id] = f
	}
	return out, rows.Err()
}

// topicFigures decodes the latest record of every key on the profiles topic.
func (p *platform) topicFigures(ctx context.Context) (map[string]*storedFigures, error) {
	reg, err := avro.Default()
	if err != nil {
		return nil, err
	}
	codec, err := events.NewProfileCodec(reg)
	if err != nil {
		return nil, err
	}
	out := map[string]*storedFigures{}
	for key, r := range latestByKey(p.readTopic(ctx, topics.Profiles)) {
		profile, err := codec.Decode(r.Value)
		if err != nil {
			return nil, fmt.Errorf("key %s offset %d: %w", key, r.Offset, err)
		}
		if profile.ProfileID != key {
			return nil, fmt.Errorf("record at offset %d has key %s but profile %s", r.Offset, key, profile.ProfileID)
		}
		f := &storedFigures{Version: profile.Version}
		if profile.Behaviour != nil {
			f.Orders, f.NetRevenue = profile.Behaviour.Orders, profile.Behaviour.NetRevenue
		}
		out[key] = f
	}
	return out, nil
}

func joinLines(lines []string) string { return strings.Join(lines, "\n") }
