package importcmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/profilehub/platform/cmd/profilectl/internal/perfumes"
	"github.com/profilehub/platform/cmd/profilectl/internal/products"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/store"
)

func runCatalogue(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl import catalogue", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	fragrantica := fs.String("fragrantica", "", "Fragrantica perfume CSV")
	sephora := fs.String("sephora", "", "the cosmetics retailer's product CSV")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *fragrantica == "" && *sephora == "" {
		return errors.New("missing --fragrantica or --sephora: give at least one catalogue file")
	}
	cfg, err := flags.Load()
	if err != nil {
		return err
	}
	log := settings.Logger(cfg).With().Str("data_set", "catalogue").Logger()

	var list []products.Product
	bad := 0
	onBad := func(file string) func(int, error) {
		return func(line int, err error) {
			bad++
			log.Warn().Str("file", file).Int("line", line).Err(err).Msg("skipping bad row")
		}
	}
	if *fragrantica != "" {
		perfumesList, err := perfumes.ReadFragrantica(*fragrantica, onBad(*fragrantica))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "fragrantica perfumes: %d\n", len(perfumesList))
		list = append(list, perfumesList...)
	}
	if *sephora != "" {
		retailerList, err := perfumes.ReadSephora(*sephora, onBad(*sephora))
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "retailer products:    %d\n", len(retailerList))
		list = append(list, retailerList...)
	}
	fmt.Fprintf(stdout, "bad rows skipped:     %d\n", bad)

	pool, err := store.OpenPostgres(ctx, cfg.Postgres)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := products.Upsert(ctx, pool, list); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "catalogue products upserted: %d\n", len(list))
	return nil
}
