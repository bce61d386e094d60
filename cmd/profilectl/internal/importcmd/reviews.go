package importcmd

import (
	"context"
	"errors"
	"flag"
	"io"
	"time"

	"github.com/profilehub/platform/cmd/profilectl/internal/csvtable"
	"github.com/profilehub/platform/cmd/profilectl/internal/publish"
	"github.com/profilehub/platform/cmd/profilectl/internal/reviews"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/events"
)

func runReviews(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl import reviews", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	flags.AddSchemaRegistryFlag(fs)
	file := fs.String("file", "", "review CSV with product_id, rating, title, review_text, reviewer, submission_time (required)")
	maxInFlight := fs.Int("max-in-flight", publish.DefaultMaxBuffered, "maximum records produced but not yet acknowledged")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return errors.New("missing --file: give the path of the review CSV")
	}
	cfg, err := flags.Load()
	if err != nil {
		return err
	}
	log := settings.Logger(cfg).With().Str("data_set", "reviews").Logger()

	sink, err := openSink(ctx, cfg, log, *maxInFlight)
	if err != nil {
		return err
	}
	defer sink.Close()

	ri := rowImport{name: "reviews", path: *file, columns: reviews.Columns,
		build: func(line int, t *csvtable.Table) (*events.Event, string, error) {
			review, err := reviews.Parse(line, t.Get)
			if err != nil {
				return nil, "", err
			}
			ev := reviews.Event(review, time.Now().UTC())
			return ev, reviews.Key(ev), nil
		}}
	stats, err := ri.run(ctx, sink, log)
	reportRows(stdout, stats)
	return err
}
