// Package handler applies batches of profile updates to the profiles
// table and publishes the changed profiles to the compacted profiles topic.
package handler

import (
	"context"
	"fmt"
	"time"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/projector/internal/metrics"
	"github.com/profilehub/platform/services/projector/internal/profile"
)

// Store is the part of the profiles table the handler uses; see
// store.Profiles.
type Store interface {
	Modify(ctx context.Context, ids []string, apply func(p *profile.Profile) bool) error
	Unpublished(ctx context.Context, ids []string) ([]*profile.Profile, error)
	MarkPublished(ctx context.Context, versions map[string]int64) error
}

// Produce sends records and waits for their acknowledgement.
type Produce func(ctx context.Context, recs ...*kgo.Record) error

// Handler is the projector's stream.Handler.
type Handler struct {
	Decoder *Decoder
	Store   Store
	// EncodeProfile encodes a record of the profiles topic.
	EncodeProfile func(p *events.Profile) ([]byte, error)
	Produce       Produce
	// ProfilesTopic is the full name of the profiles topic.
	ProfilesTopic string
	Metrics       *metrics.Metrics
	Log           zerolog.Logger
}

// Handle processes one batch in three steps: apply the updates in one
// transaction, publish every profile of the batch whose version is above
// its published version, then record the published versions. Every error
// is transient and makes the runtime retry the batch; the retry changes
// nothing that was committed and publishes what was not acknowledged.
func (h *Handler) Handle(ctx context.Context, b *stream.Batch) error {
	start := time.Now()
	err := h.handle(ctx, b)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	h.Metrics.Duration.WithLabelValues(outcome).Observe(time.Since(start).Seconds())
	return err
}

func (h *Handler) handle(ctx context.Context, b *stream.Batch) error {
	byProfile, ids := h.Decoder.Updates(b)
	if len(ids) == 0 {
		return nil
	}

	outcomes := map[[2]string]int{}
	err := h.Store.Modify(ctx, ids, func(p *profile.Profile) bool {
		return applyAll(p, byProfile[p.ProfileID], outcomes)
	})
	if err != nil {
		return fmt.Errorf("applying updates: %w", err)
	}
	for key, n := range outcomes {
		h.Metrics.Updates.WithLabelValues(key[0], key[1]).Add(float64(n))
	}

	published, err := h.publish(ctx, ids)
	if err != nil {
		return err
	}
	h.Log.Debug().Int("records", len(b.Records)).Int("profiles", len(ids)).Int("published", published).
		Msg("batch projected")
	return nil
}

// applyAll applies a profile's updates in batch order, each checked
// against the event time of the sections it touches, and reports whether
// the row needs writing.
func applyAll(p *profile.Profile, updates []profile.Update, outcomes map[[2]string]int) bool {
	stored := false
	for _, u := range updates {
		o := u.Apply(p)
		outcomes[[2]string{u.Kind(), o.String()}]++
		stored = stored || o.Stored()
	}
	return stored
}
