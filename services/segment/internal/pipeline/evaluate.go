package pipeline

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/profilehub/platform/pkg/avro"
	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/segment/internal/membership"
	"github.com/profilehub/platform/services/segment/internal/rules"
)

// plan is the outcome of a batch: the memberships to emit and to store.
type plan struct {
	changes []membership.Change
	saves   []membership.Record
	joined  map[string]int // by segment name
	left    map[string]int
	// evaluated counts the profiles evaluated; stale those skipped because
	// the stored membership has a newer as_of.
	evaluated, stale int
}

// latestTraits decodes the batch and keeps the traits with the newest as_of
// per profile; between equal as_of values the later record wins. Records
// that do not decode or carry an invalid profile id are rejected. A decode
// error that avro does not call permanent (the schema registry was
// unreachable) is returned instead, so the batch is retried.
func (h *Handler) latestTraits(b *stream.Batch) (map[string]*events.ProfileTraits, error) {
	latest := map[string]*events.ProfileTraits{}
	for _, r := range b.Records {
		t, err := h.codec.DecodeTraits(r.Value)
		if err != nil && !avro.IsPermanent(err) {
			return nil, fmt.Errorf("decoding record of %s partition %d offset %d: %w",
				r.Topic, r.Partition, r.Offset, err)
		}
		if err != nil {
			b.Reject(r, "decode", err)
			continue
		}
		if err := validate(t); err != nil {
			b.Reject(r, "invalid", err)
			continue
		}
		if prev, ok := latest[t.ProfileID]; ok && keyOf(t).Before(keyOf(prev)) {
			continue
		}
		latest[t.ProfileID] = t
	}
	return latest, nil
}

// validate checks what the Postgres row needs: a UUID profile id, which is
// the table's key, and an as_of.
func validate(t *events.ProfileTraits) error {
	if _, err := uuid.Parse(t.ProfileID); err != nil {
		return fmt.Errorf("profile_id %q is not a uuid: %w", t.ProfileID, err)
	}
	if t.AsOf.IsZero() {
		return errors.New("traits without as_of")
	}
	return nil
}

// evaluate decides, per profile in ids order, whether the traits are stale,
// which segments they fall into and whether that is a change to emit.
func (h *Handler) evaluate(ids []string, latest map[string]*events.ProfileTraits,
	stored map[string]membership.Record) plan {
	p := plan{joined: map[string]int{}, left: map[string]int{}}
	for _, id := range ids {
		t := latest[id]
		var prev *membership.Record
		if r, ok := stored[id]; ok {
			prev = &r
		}
		// Traits older than the stored membership would roll it back. An
		// earlier computation with the same as_of is older too.
		next := membership.Record{ProfileID: id, RulesVersion: h.rules.Version,
			AsOf: t.AsOf.UTC(), ReferenceTime: t.ReferenceTime.UTC(), TraitsComputedAt: t.ComputedAt.UTC()}
		if prev != nil && next.Key().Before(prev.Key()) {
			p.stale++
			continue
		}

		facts := rules.NewFacts(traitInput(t))
		next.Segments = h.rules.Evaluate(&facts)
		change, changed := membership.Decide(prev, next)
		p.evaluated++
		if changed {
			p.changes = append(p.changes, change)
			countNames(p.joined, change.Joined)
			countNames(p.left, change.Left)
		}
		// An unchanged row evaluated from the same traits needs no write.
		if changed || !prev.Key().Equal(next.Key()) {
			p.saves = append(p.saves, next)
		}
	}
	return p
}

func countNames(counts map[string]int, names []string) {
	for _, n := range names {
		counts[n]++
	}
}

// keyOf returns the order key of a traits record.
func keyOf(t *events.ProfileTraits) membership.TraitsKey {
	return membership.TraitsKey{AsOf: t.AsOf, ReferenceTime: t.ReferenceTime, ComputedAt: t.ComputedAt}
}

// traitInput selects what rules need from a traits record.
func traitInput(t *events.ProfileTraits) rules.TraitInput {
	in := rules.TraitInput{
		AsOf: t.AsOf, ReferenceTime: t.ReferenceTime,
		Orders: t.Orders, Cancellations: t.Cancellations,
		DistinctProducts: t.DistinctProducts, ProductViews: t.ProductViews, Frequency: t.Frequency,
		NetRevenue: t.NetRevenue, AverageOrderValue: t.AverageOrderValue,
		RecencyDays:       t.RecencyDays,
		FavouriteProducts: t.FavouriteProducts, FavouriteCats: t.FavouriteCategories,
		UsualHours: t.UsualHours, UsualDays: t.UsualDays,
		EngagementLevel: t.EngagementLevel, RFMScore: t.RFMScore, ModelVersion: t.ModelVersion,
	}
	if !t.FirstOrderAt.IsZero() {
		first := t.FirstOrderAt
		in.FirstOrderAt = &first
	}
	guest := t.Guest
	in.Guest = &guest
	return in
}
