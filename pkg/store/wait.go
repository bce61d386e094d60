// Package store opens the platform's ClickHouse and PostgreSQL connections
// and sorts their errors into transient and permanent ones.
package store

import (
	"context"
	"fmt"
	"time"
)

// Backoff of the first ping: 100ms doubling up to 2s.
const (
	pingBackoffInitial = 100 * time.Millisecond
	pingBackoffMax     = 2 * time.Second
)

// waitForPing calls ping until it succeeds, ping returns a permanent error,
// wait has passed or ctx ends, sleeping with backoff between attempts.
// wait zero means one attempt. It returns the last ping error.
func waitForPing(ctx context.Context, wait time.Duration, ping func(context.Context) error) error {
	deadline := time.Now().Add(wait)
	delay := pingBackoffInitial
	for attempt := 1; ; attempt++ {
		err := ping(ctx)
		if err == nil {
			return nil
		}
		if !IsTransient(err) || time.Now().Add(delay).After(deadline) {
			return fmt.Errorf("ping attempt %d: %w", attempt, err)
		}

		timer := time.NewTimer(delay)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("ping attempt %d: %w (then %w)", attempt, err, ctx.Err())
		}
		delay = min(delay*2, pingBackoffMax)
	}
}
