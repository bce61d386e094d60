// Package summarycmd implements "profilectl summary".
package summarycmd

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/profilehub/platform/cmd/profilectl/internal/kafkaadmin"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/store"
	"github.com/profilehub/platform/pkg/topics"
)

// servicePorts are the local HTTP ports of the six services.
var servicePorts = []struct {
	service string
	port    int
}{
	{"ingest", 9101}, {"enrichment", 9102}, {"inference", 9103},
	{"vectorize", 9104}, {"segment", 9105}, {"projector", 9106},
}

// topCustomersQuery lists the ten profiles with the highest net revenue.
const topCustomersQuery = `SELECT profile_id, sum(net_revenue) AS revenue, sum(orders) AS orders ` +
	`FROM profile_daily FINAL GROUP BY profile_id ORDER BY revenue DESC LIMIT 10`

// Run prints the records written to events.raw and events.deadletter, the
// distinct events stored in ClickHouse, the profiles and segment memberships
// in Postgres, where the services' metrics and logs are, and a
// clickhouse-client command for the top customers. A figure that cannot be
// read is printed as "unavailable" with the reason, so the rest of the
// summary still appears.
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl summary", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := flags.Load()
	if err != nil {
		return err
	}
	log := settings.Logger(cfg)

	admin, err := kafkaadmin.Open(cfg.Kafka, log)
	if err != nil {
		return err
	}
	defer admin.Close()
	eventsIn, eventsErr := admin.EndOffsetTotal(ctx, admin.Topic(topics.EventsRaw))
	deadLettered, deadErr := admin.EndOffsetTotal(ctx, admin.Topic(topics.DeadLetter))

	// Every import appends its records to the topic again, even when ingest
	// drops them as duplicates, so this figure grows with each run.
	printFigure(stdout, "records on "+admin.Topic(topics.EventsRaw), figure(eventsIn, eventsErr))
	printClickHouse(ctx, cfg, stdout)
	printFigure(stdout, "records on "+admin.Topic(topics.DeadLetter), figure(deadLettered, deadErr))

	printPostgres(ctx, cfg, stdout)

	fmt.Fprintln(stdout, "\nmetrics:")
	for _, s := range servicePorts {
		fmt.Fprintf(stdout, "  %-10s http://127.0.0.1:%d/metrics\n", s.service, s.port)
	}
	fmt.Fprintln(stdout, "logs:       .local/logs/ (one file per service)")
	fmt.Fprintln(stdout, "\ntop 10 customers by net revenue:")
	fmt.Fprintln(stdout, "  "+clickhouseClientCommand(cfg.ClickHouse.Addr, cfg.ClickHouse.Database, topCustomersQuery))
	return nil
}

func printPostgres(ctx context.Context, cfg settings.Config, stdout io.Writer) {
	pool, err := store.OpenPostgres(ctx, cfg.Postgres)
	if err != nil {
		printFigure(stdout, "profiles written", fmt.Sprintf("unavailable (%s)", err))
		return
	}
	defer pool.Close()

	var profiles int64
	err = pool.QueryRow(ctx, `SELECT count(*) FROM profiles`).Scan(&profiles)
	printFigure(stdout, "profiles written", figure(profiles, err))

	segments, err := segmentCounts(ctx, pool)
	if err != nil {
		printFigure(stdout, "segments", fmt.Sprintf("unavailable (%s)", err))
		return
	}
	fmt.Fprintln(stdout, "segments (members):")
	if len(segments) == 0 {
		fmt.Fprintln(stdout, "  none yet")
	}
	for _, s := range segments {
		fmt.Fprintf(stdout, "  %-28s %d\n", s.name, s.members)
	}
}

type segmentCount struct {
	name    string
	members int64
}

func segmentCounts(ctx context.Context, pool *pgxpool.Pool) ([]segmentCount, error) {
	rows, err := pool.Query(ctx, `SELECT segment, count(*) FROM segment_memberships, unnest(segments) AS segment
		GROUP BY segment ORDER BY count(*) DESC, segment`)
	if err != nil {
		return nil, fmt.Errorf("counting segment members: %w", err)
	}
	defer rows.Close()
	var out []segmentCount
	for rows.Next() {
		var s segmentCount
		if err := rows.Scan(&s.name, &s.members); err != nil {
			return nil, fmt.Errorf("reading segment counts: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func printFigure(stdout io.Writer, label, value string) {
	fmt.Fprintf(stdout, "%-36s %s\n", label+":", value)
}

func figure(n int64, err error) string {
	if err != nil {
		return fmt.Sprintf("unavailable (%s)", err)
	}
	return fmt.Sprint(n)
}

// clickhouseClientCommand returns a clickhouse-client command line that runs
// query on the configured server and database.
func clickhouseClientCommand(addr, database, query string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, "9000"
	}
	return fmt.Sprintf("clickhouse-client --host %s --port %s --database %s --query %q", host, port, database, query)
}
