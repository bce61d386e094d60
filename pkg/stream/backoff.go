package stream

import (
	"math/rand/v2"
	"time"
)

// backoff returns the wait before retry number attempt (1 for the first
// retry): initial doubled attempt-1 times, capped at max, then jittered by
// ±20% so that several consumers do not retry in step.
func backoff(attempt int, initial, max time.Duration) time.Duration {
	wait := initial
	for i := 1; i < attempt && wait < max; i++ {
		wait *= 2
	}
	wait = min(wait, max)

	jitter := time.Duration((rand.Float64()*0.4 - 0.2) * float64(wait))
	return wait + jitter
}
