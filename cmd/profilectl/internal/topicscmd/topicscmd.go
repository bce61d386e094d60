// Package topicscmd implements "profilectl topics".
package topicscmd

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/profilehub/platform/cmd/profilectl/internal/kafkaadmin"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
	"github.com/profilehub/platform/pkg/topics"
)

// Run creates the topics named by the arguments, or every topic of the
// platform when there are none, under the configured prefix and prints
// whether each was created or existed already. An argument that is not a
// base name of pkg/topics is an error.
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl topics", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	bases, err := selectTopics(fs.Args())
	if err != nil {
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
	created, err := admin.EnsureTopics(ctx, bases)
	for _, topic := range created {
		state := "exists"
		if topic.Created {
			state = "created"
		}
		fmt.Fprintf(stdout, "%-40s %s\n", topic.Name, state)
	}
	return err
}

// selectTopics returns names, or topics.All when names is empty, after
// checking that each is a base name of the platform's topics.
func selectTopics(names []string) ([]string, error) {
	if len(names) == 0 {
		return topics.All, nil
	}
	for _, name := range names {
		if !slices.Contains(topics.All, name) {
			return nil, fmt.Errorf("unknown topic %q: expected base names from %s",
				name, strings.Join(topics.All, ", "))
		}
	}
	return names, nil
}
