//go:build bench

package e2e

import (
	"context"
	"sort"
	"sync"
	"time"
)

// serviceRate is one service's throughput while its consumer group was
// committing: from the sample before the first commit to the last change.
type serviceRate struct {
	Service   string
	Records   int64
	Seconds   float64
	PerSecond float64
}

// commitSpan is what the sampler saw of one consumer group.
type commitSpan struct {
	first, last time.Time
	records     int64
}

type groupSampler struct {
	stopOnce sync.Once
	done     chan struct{}
	finished chan []serviceRate
}

// startGroupSampler records every service's committed offsets at each tick
// until stop is called.
func (p *platform) startGroupSampler(ctx context.Context, every time.Duration) *groupSampler {
	s := &groupSampler{done: make(chan struct{}), finished: make(chan []serviceRate, 1)}
	go func() {
		spans := map[string]*commitSpan{}
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for {
			select {
			case <-s.done:
				s.finished <- ratesOf(spans)
				return
			case <-ctx.Done():
				s.finished <- ratesOf(spans)
				return
			case now := <-ticker.C:
				for _, service := range services {
					sampleGroup(spans, service, p.committedRecords(ctx, service), now, every)
				}
			}
		}
	}()
	return s
}

func sampleGroup(spans map[string]*commitSpan, service string, committed int64, now time.Time, every time.Duration) {
	sp, ok := spans[service]
	if !ok {
		sp = &commitSpan{}
		spans[service] = sp
	}
	if committed > 0 && sp.first.IsZero() {
		sp.first = now.Add(-every)
	}
	if committed != sp.records {
		sp.records, sp.last = committed, now
	}
}

func ratesOf(spans map[string]*commitSpan) []serviceRate {
	var out []serviceRate
	for _, service := range services {
		sp, ok := spans[service]
		if !ok || sp.first.IsZero() {
			out = append(out, serviceRate{Service: service})
			continue
		}
		secs := sp.last.Sub(sp.first).Seconds()
		r := serviceRate{Service: service, Records: sp.records, Seconds: secs}
		if secs > 0 {
			r.PerSecond = float64(sp.records) / secs
		}
		out = append(out, r)
	}
	return out
}

func (s *groupSampler) stop() []serviceRate {
	s.stopOnce.Do(func() { close(s.done) })
	return <-s.finished
}

// latencySummary is the distribution of a set of event-to-profile latencies.
type latencySummary struct {
	Count         int
	P50, P99, Max time.Duration
}

func summarize(d []time.Duration) latencySummary {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	s := latencySummary{Count: len(d), P50: percentile(d, 50), P99: percentile(d, 99)}
	if len(d) > 0 {
		s.Max = d[len(d)-1]
	}
	return s
}

// percentile returns the p-th percentile (0-100) of sorted durations by the
// nearest-rank method.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted))+0.5) - 1
	rank = max(0, min(rank, len(sorted)-1))
	return sorted[rank]
}
