package importcmd

import (
	"context"
	"errors"
	"flag"
	"io"
	"time"

	"github.com/profilehub/platform/cmd/profilectl/internal/csvtable"
	"github.com/profilehub/platform/cmd/profilectl/internal/publish"
	"github.com/profilehub/platform/cmd/profilectl/internal/rees46"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/events"
)

func runRees46(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl import rees46", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	flags.AddSchemaRegistryFlag(fs)
	file := fs.String("file", "", "REES46 event-log CSV, gzip or plain (required)")
	currency := fs.String("currency", rees46.DefaultCurrency, "ISO 4217 currency of the prices")
	maxInFlight := fs.Int("max-in-flight", publish.DefaultMaxBuffered, "maximum records produced but not yet acknowledged")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return errors.New("missing --file: give the path of the event-log CSV")
	}
	cfg, err := flags.Load()
	if err != nil {
		return err
	}
	log := settings.Logger(cfg).With().Str("data_set", "rees46").Logger()

	sink, err := openSink(ctx, cfg, log, *maxInFlight)
	if err != nil {
		return err
	}
	defer sink.Close()

	var occurrences rees46.Occurrences
	ri := rowImport{name: "rees46", path: *file, columns: rees46.Header,
		build: func(line int, t *csvtable.Table) (*events.Event, string, error) {
			row, err := rees46.ParseRow(line, columns(t, rees46.Header))
			if err != nil {
				return nil, "", err
			}
			occurrences.Number(&row)
			return rees46.Event(row, *currency, time.Now().UTC()), row.UserID, nil
		}}
	stats, err := ri.run(ctx, sink, log)
	reportRows(stdout, stats)
	return err
}

// columns returns the current record's fields in the order of names.
func columns(t *csvtable.Table, names []string) []string {
	out := make([]string, len(names))
	for i, name := range names {
		out[i] = t.Get(name)
	}
	return out
}
