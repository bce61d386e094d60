// Command profilectl imports data sets into the platform and operates the
// local pipeline: topics, migrations, waiting for the consumers and a
// summary of what the pipeline produced. Run "profilectl help" for usage.
package main

import (
	"context"
	"os"

	"github.com/profilehub/platform/cmd/profilectl/internal/cli"
	"github.com/profilehub/platform/pkg/service"
)

func main() {
	service.Main("profilectl", func(ctx context.Context) error {
		return cli.Run(ctx, os.Args[1:], os.Stdout)
	})
}
