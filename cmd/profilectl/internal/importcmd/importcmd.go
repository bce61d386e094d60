// Package importcmd implements "profilectl import": it reads a data set,
// produces one event per record to events.raw and writes catalogue products
// to Postgres.
package importcmd

import (
	"context"
	"fmt"
	"io"
)

// Run runs the import named by args[0].
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("missing data set: use import online-retail, rees46, reviews or catalogue")
	}
	switch args[0] {
	case "online-retail":
		return runOnlineRetail(ctx, args[1:], stdout)
	case "rees46":
		return runRees46(ctx, args[1:], stdout)
	case "reviews":
		return runReviews(ctx, args[1:], stdout)
	case "catalogue":
		return runCatalogue(ctx, args[1:], stdout)
	default:
		return fmt.Errorf("unknown data set %q: use online-retail, rees46, reviews or catalogue", args[0])
	}
}
