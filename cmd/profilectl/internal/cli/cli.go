// Package cli dispatches profilectl's subcommands.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/profilehub/platform/cmd/profilectl/internal/importcmd"
	"github.com/profilehub/platform/cmd/profilectl/internal/migratecmd"
	"github.com/profilehub/platform/cmd/profilectl/internal/profileidcmd"
	"github.com/profilehub/platform/cmd/profilectl/internal/summarycmd"
	"github.com/profilehub/platform/cmd/profilectl/internal/topicscmd"
	"github.com/profilehub/platform/cmd/profilectl/internal/waitcmd"
)

const usage = `Usage: profilectl <command> [flags]

Commands:
  import online-retail --file PATH   invoices of the online-retail CSV as order events
  import rees46 --file PATH          the cosmetics shop's event log as view, cart and order events
  import reviews --file PATH         product reviews as review_submitted events
  import catalogue --fragrantica PATH --sephora PATH
                                     perfumes into the Postgres product catalogue
  topics [BASE...]                   create the platform's topics, or the named ones (idempotent)
  migrate                            apply the ClickHouse and Postgres migrations
  wait [--timeout 30m]               wait until every service's consumer group has no lag
  summary                            print what the pipeline has produced so far
  profile-id --user-id ID            print the profile id of a user id (or --anonymous-id ID)

Every command takes --config FILE, --brokers, --topic-prefix, --clickhouse-addr,
--clickhouse-database, --postgres-dsn and --log-level; PROFILEHUB_* environment
variables override the file and flags override both. Run "profilectl <command> -h"
for the flags of a command.
`

// Run runs the subcommand named by args[0]. Help output goes to stdout.
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return errors.New("missing command")
	}
	var err error
	switch args[0] {
	case "import":
		err = importcmd.Run(ctx, args[1:], stdout)
	case "topics":
		err = topicscmd.Run(ctx, args[1:], stdout)
	case "migrate":
		err = migratecmd.Run(ctx, args[1:], stdout)
	case "wait":
		err = waitcmd.Run(ctx, args[1:], stdout)
	case "summary":
		err = summarycmd.Run(ctx, args[1:], stdout)
	case "profile-id":
		err = profileidcmd.Run(args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stdout, usage)
		return fmt.Errorf("unknown command %q", args[0])
	}
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}
