// Package waitcmd implements "profilectl wait".
package waitcmd

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/profilehub/platform/cmd/profilectl/internal/kafkaadmin"
	"github.com/profilehub/platform/cmd/profilectl/internal/settings"
)

// Run polls the lag of every service's consumer group until all of them
// have zero lag on all their topics in two consecutive polls, printing one
// progress line per poll. It fails on timeout, naming the groups still
// lagging, and earlier when a group has lag but no consumer for
// --stalled, naming the service that is not running.
func Run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("profilectl wait", flag.ContinueOnError)
	flags := settings.AddFlags(fs)
	timeout := fs.Duration("timeout", 30*time.Minute, "maximum time to wait, such as 90s or 30m")
	interval := fs.Duration("interval", 2*time.Second, "time between two polls")
	stalled := fs.Duration("stalled", time.Minute,
		"how long a group may have lag and no consumer before wait fails; 0 waits for the timeout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *interval <= 0 {
		return fmt.Errorf("invalid --interval %s: must be positive", *interval)
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

	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	return poll(ctx, admin, *interval, *timeout, *stalled, stdout)
}

func poll(ctx context.Context, admin *kafkaadmin.Admin, interval, timeout, stalled time.Duration,
	stdout io.Writer) error {
	idlePolls := 0
	var lagging []string
	unconsumed := newUnconsumedTracker(stalled)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		lags, err := admin.Lag(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			// The broker may be restarting: report and poll again.
			fmt.Fprintf(stdout, "%s polling lag failed: %s\n", time.Now().Format(time.TimeOnly), err)
			idlePolls = 0
		case err == nil:
			lagging = laggingGroups(lags)
			fmt.Fprintf(stdout, "%s %s\n", time.Now().Format(time.TimeOnly), describe(lags))
			if len(lagging) == 0 {
				idlePolls++
			} else {
				idlePolls = 0
			}
			if idlePolls >= 2 {
				fmt.Fprintln(stdout, "every consumer group has caught up")
				return nil
			}
			if group, ok := unconsumed.update(lags, time.Now()); !ok {
				return fmt.Errorf("group %s has lag but no consumer for %s: is its service running? "+
					"check bash deploy/local/services.sh status and .local/logs", group, stalled)
			}
		}

		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("timed out after %s; groups still lagging: %s", timeout, strings.Join(lagging, ", "))
			}
			return ctx.Err()
		case <-ticker.C:
		}
	}
}

func laggingGroups(lags []kafkaadmin.GroupLag) []string {
	var out []string
	for _, lag := range lags {
		if lag.Total() > 0 {
			out = append(out, fmt.Sprintf("%s (%d)", lag.Group, lag.Total()))
		}
	}
	return out
}

// describe returns "group=lag" pairs on one line, such as
// "ingest=0 enrichment=1200 ...", with the service name for brevity.
func describe(lags []kafkaadmin.GroupLag) string {
	parts := make([]string, len(lags))
	for i, lag := range lags {
		parts[i] = fmt.Sprintf("%s=%d", lag.Group, lag.Total())
		if lag.Total() > 0 && lag.Members == 0 {
			parts[i] += "(no consumer)"
		}
	}
	return "lag " + strings.Join(parts, " ")
}
