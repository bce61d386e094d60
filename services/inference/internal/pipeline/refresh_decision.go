package pipeline

import "time"

// idleWait reports whether the handler, whose latest batch ended at
// lastBatchAt, has been idle for at least idle at now. It also returns the
// wait before the next check, which is the rest of the idle period, or a
// whole period once idle.
func idleWait(now, lastBatchAt time.Time, idle time.Duration) (isIdle bool, wait time.Duration) {
	quiet := now.Sub(lastBatchAt)
	if quiet >= idle {
		return true, idle
	}
	return false, idle - quiet
}

// referenceAdvanced reports whether the reference time ref is later than
// the reference time of the last complete refresh. The zero time (no
// events in ClickHouse) never is, so an empty store is not refreshed.
func referenceAdvanced(ref, watermark time.Time) bool {
	return ref.After(watermark)
}
