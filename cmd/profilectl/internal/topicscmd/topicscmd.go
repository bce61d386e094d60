// Package topicscmd implements "profilectl topics".
package topicscmd

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/profilehub/platform/cmd/profilectl/internal/kafkaadmin"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
)

// Run creates every topic of the platform under the configured prefix and
// prints whether each was created or existed already.
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl topics", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := flags.Load()
	if err != nil {
		return err
	}

	admin, err := kafkaadmin.Open(cfg.Kafka, settings.Logger(cfg))
	if err != nil {
		return err
	}
	defer admin.Close()
	created, err := admin.EnsureTopics(ctx)
	for _, topic := range created {
		state := "exists"
		if topic.Created {
			state = "created"
		}
		fmt.Fprintf(stdout, "%-40s %s\n", topic.Name, state)
	}
	return err
}
