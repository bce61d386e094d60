package handler

import (
	"context"
	"fmt"
)

// duplicateCounts counts the events of a batch dropped as duplicates.
type duplicateCounts struct {
	inBatch int // same event id as an earlier record of the batch
	seen    int // event id already in ingest_seen
}

// dropDuplicates returns the events whose ids occur for the first time in
// the batch and are not yet marked as seen, in record order. It runs one
// query for the whole batch.
func (h *Handler) dropDuplicates(ctx context.Context, in []accepted) ([]accepted, duplicateCounts, error) {
	var counts duplicateCounts
	unique := make([]accepted, 0, len(in))
	ids := make([]string, 0, len(in))
	inBatch := make(map[string]bool, len(in))
	for _, a := range in {
		if inBatch[a.event.EventID] {
			counts.inBatch++
			continue
		}
		inBatch[a.event.EventID] = true
		unique = append(unique, a)
		ids = append(ids, a.event.EventID)
	}

	seen, err := h.deps.Seen.Seen(ctx, ids)
	if err != nil {
		return nil, counts, fmt.Errorf("looking up seen event ids: %w", err)
	}
	if len(seen) == 0 {
		return unique, counts, nil
	}

	fresh := unique[:0]
	for _, a := range unique {
		if seen[a.event.EventID] {
			counts.seen++
			continue
		}
		fresh = append(fresh, a)
	}
	return fresh, counts, nil
}
