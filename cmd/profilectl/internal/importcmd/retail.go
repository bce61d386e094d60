package importcmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/rs/zerolog"

	"github.com/profilehub/platform/cmd/profilectl/internal/products"
	"github.com/profilehub/platform/cmd/profilectl/internal/progress"
	"github.com/profilehub/platform/cmd/profilectl/internal/publish"
	"github.com/profilehub/platform/cmd/profilectl/internal/retail"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/store"
)

// progressEvery is the number of rows between two progress updates.
const progressEvery = 1024

type retailOptions struct {
	file         string
	limit        int
	from, to     string
	skipProducts bool
	maxInFlight  int
}

func runOnlineRetail(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl import online-retail", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	flags.AddSchemaRegistryFlag(fs)
	var opts retailOptions
	fs.StringVar(&opts.file, "file", "", "online-retail CSV, gzip or plain (required)")
	fs.IntVar(&opts.limit, "limit-invoices", 0, "import only the first N invoices of the file (0: all)")
	fs.StringVar(&opts.from, "from", "", "first invoice day to import, YYYY-MM-DD in shop time (default: no bound)")
	fs.StringVar(&opts.to, "to", "", "last invoice day to import, inclusive, YYYY-MM-DD (default: no bound)")
	fs.BoolVar(&opts.skipProducts, "skip-products", false, "do not upsert the stock codes into catalogue_products")
	fs.IntVar(&opts.maxInFlight, "max-in-flight", publish.DefaultMaxBuffered,
		"maximum records produced but not yet acknowledged")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if opts.file == "" {
		return errors.New("missing --file: give the path of the online-retail CSV")
	}
	cfg, err := flags.Load()
	if err != nil {
		return err
	}
	return importOnlineRetail(ctx, cfg, opts, stdout)
}

func importOnlineRetail(ctx context.Context, cfg settings.Config, opts retailOptions, stdout io.Writer) error {
	log := settings.Logger(cfg).With().Str("data_set", "online-retail").Logger()
	location, err := time.LoadLocation(retail.Shop)
	if err != nil {
		return fmt.Errorf("loading time zone %s: %w", retail.Shop, err)
	}
	filter, err := retailFilter(opts, location)
	if err != nil {
		return err
	}

	// Connect to Postgres first, so an unreachable database fails the import
	// before any event is produced.
	var pool *pgxpool.Pool
	if !opts.skipProducts {
		if pool, err = store.OpenPostgres(ctx, cfg.Postgres); err != nil {
			return err
		}
		defer pool.Close()
	}
	// Upsert the products before producing any event, so enrichment finds
	// every product's category and fee flag when it first reads a line, and
	// the stored aggregates do not depend on timing.
	if pool != nil {
		list, err := collectProducts(ctx, opts.file, filter, location)
		if err != nil {
			return err
		}
		if err := products.Upsert(ctx, pool, list); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "catalogue products upserted: %d\n", len(list))
	}

	sink, err := openSink(ctx, cfg, log, opts.maxInFlight)
	if err != nil {
		return err
	}
	defer sink.Close()

	result, err := produceInvoices(ctx, sink, opts.file, filter, location, log)
	if err != nil {
		return err
	}
	report(stdout, result)
	return nil
}

// collectProducts reads the invoices that filter selects and returns the
// products they contain, without producing anything.
func collectProducts(ctx context.Context, path string, filter retail.Filter,
	location *time.Location) ([]products.Product, error) {
	found := retail.NewProducts()
	reader := &retail.Reader{Path: path, Filter: filter, Location: location}
	_, err := reader.Read(ctx, func(inv retail.Invoice) error {
		found.Add(inv)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the products of %s: %w", path, err)
	}
	return found.List(), nil
}

// retailResult contains the counts of one import.
type retailResult struct {
	stats   retail.Stats
	acked   int64
	elapsed time.Duration
}

func produceInvoices(ctx context.Context, sink *eventSink, path string, filter retail.Filter,
	location *time.Location, log zerolog.Logger) (retailResult, error) {
	var result retailResult
	var reporter progress.Reporter
	var lastRead int64
	rows := 0
	reader := &retail.Reader{
		Path:     path,
		Filter:   filter,
		Location: location,
		OnReject: func(invoiceNo string, problems []error) {
			for _, problem := range problems {
				log.Warn().Str("invoice", invoiceNo).Err(problem).Msg("skipping invoice with a bad row")
			}
		},
		OnProgress: func(read, total int64) {
			if reporter == nil {
				reporter = progress.New(os.Stdout, total, "online-retail", log)
			}
			lastRead = read
			if rows++; rows%progressEvery == 0 {
				reporter.Update(read)
			}
		},
	}

	start := time.Now()
	stats, readErr := reader.Read(ctx, func(inv retail.Invoice) error {
		ev := retail.Event(inv, time.Now().UTC())
		return sink.Send(ctx, retail.Key(ev), ev)
	})
	if reporter != nil {
		reporter.Finish(lastRead)
	}
	flushErr := sink.Finish(ctx)
	result.stats, result.acked, result.elapsed = stats, sink.publisher.Acked(), time.Since(start)
	if readErr != nil {
		return result, fmt.Errorf("importing %s after %d invoices: %w", path, stats.Invoices, readErr)
	}
	return result, flushErr
}

func report(stdout io.Writer, r retailResult) {
	seconds := max(r.elapsed.Seconds(), 0.001)
	fmt.Fprintf(stdout, "rows read:          %d\n", r.stats.Rows)
	fmt.Fprintf(stdout, "bad rows:           %d\n", r.stats.BadRows)
	fmt.Fprintf(stdout, "invoices rejected:  %d (an invoice with a bad row is skipped whole)\n", r.stats.RejectedInvoices)
	fmt.Fprintf(stdout, "events produced:    %d acknowledged of %d\n", r.acked, r.stats.Invoices)
	fmt.Fprintf(stdout, "elapsed:            %s (%.0f events/s, %.0f rows/s)\n", r.elapsed.Round(time.Millisecond),
		float64(r.acked)/seconds, float64(r.stats.Rows)/seconds)
}

// retailFilter turns the flags into a filter with day bounds in shop time.
func retailFilter(opts retailOptions, location *time.Location) (retail.Filter, error) {
	if opts.limit < 0 {
		return retail.Filter{}, fmt.Errorf("invalid --limit-invoices %d: must not be negative", opts.limit)
	}
	filter := retail.Filter{Limit: opts.limit}
	if opts.from != "" {
		day, err := time.ParseInLocation(time.DateOnly, opts.from, location)
		if err != nil {
			return filter, fmt.Errorf("invalid --from %q: expected YYYY-MM-DD", opts.from)
		}
		filter.From = day
	}
	if opts.to != "" {
		day, err := time.ParseInLocation(time.DateOnly, opts.to, location)
		if err != nil {
			return filter, fmt.Errorf("invalid --to %q: expected YYYY-MM-DD", opts.to)
		}
		filter.Until = day.AddDate(0, 0, 1)
	}
	if !filter.From.IsZero() && !filter.Until.IsZero() && !filter.From.Before(filter.Until) {
		return filter, fmt.Errorf("invalid --from %s after --to %s", opts.from, opts.to)
	}
	return filter, nil
}
