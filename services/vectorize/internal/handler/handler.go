// Package handler turns batches of profile.activity records into
// preference vectors: it reads the batch's profiles' product activity,
// builds their vectors, upserts them and produces them to vectors.updated.
package handler

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/vectorize/internal/metrics"
	"github.com/profilehub/platform/services/vectorize/internal/space"
	"github.com/profilehub/platform/services/vectorize/internal/store"
	"github.com/profilehub/platform/services/vectorize/internal/vector"
)

// ProductReader returns the product activity of profiles.
type ProductReader interface {
	ByProfile(ctx context.Context, profileIDs []string) (map[string][]vector.ProductActivity, error)
}

// FeatureReader returns the catalogue features of products.
type FeatureReader interface {
	Features(ctx context.Context, productIDs []string) (map[string]vector.ProductFeatures, error)
}

// VectorWriter upserts vectors and returns the rows it wrote.
type VectorWriter interface {
	Upsert(ctx context.Context, rows []store.Row) ([]store.Row, error)
}

// Codec decodes profile.activity values and encodes vectors.updated values.
type Codec interface {
	DecodeActivity(value []byte) (profileID string, asOf time.Time, err error)
	EncodeVector(r store.Row) ([]byte, error)
}

// Produce sends records and waits for their acknowledgement.
type Produce func(ctx context.Context, recs ...*kgo.Record) error

// Handler is the vectorize service's stream.Handler.
type Handler struct {
	Space     *space.Space
	Weights   vector.Weights
	Products  ProductReader
	Catalogue FeatureReader
	Vectors   VectorWriter
	Codec     Codec
	Produce   Produce
	// Topic is the full name of the vectors.updated topic.
	Topic   string
	Metrics *metrics.Metrics
	Log     zerolog.Logger
}

// Handle processes one batch. Every error it returns is transient: a store
// or the broker failed, and the runtime retries the whole batch. A retry
// repeats the reads and rewrites the same vectors, so it is harmless.
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
	latest := h.decode(b)
	if len(latest) == 0 {
		return nil
	}
	profileIDs := sortedKeys(latest)

	activity, err := h.Products.ByProfile(ctx, profileIDs)
	if err != nil {
		return fmt.Errorf("reading product activity: %w", err)
	}
	features, err := h.Catalogue.Features(ctx, productIDs(activity))
	if err != nil {
		return fmt.Errorf("reading product features: %w", err)
	}

	rows := h.build(profileIDs, latest, activity, features)
	written, err := h.Vectors.Upsert(ctx, rows)
	if err != nil {
		return fmt.Errorf("storing vectors: %w", err)
	}
	h.Metrics.Skipped.WithLabelValues("stale").Add(float64(len(rows) - len(written)))

	// Produce after the commit, before returning: the runtime commits the
	// input offsets only after this acknowledgement.
	recs, err := h.records(written)
	if err != nil {
		return err
	}
	if err := h.Produce(ctx, recs...); err != nil {
		return fmt.Errorf("producing %d vectors to %s: %w", len(recs), h.Topic, err)
	}
	for _, r := range written {
		h.Metrics.Written.Inc()
		h.Metrics.Evidence.Observe(float64(r.Vector.Evidence))
	}
	h.Log.Debug().Int("records", len(b.Records)).Int("profiles", len(profileIDs)).
		Int("vectors", len(written)).Msg("batch vectorized")
	return nil
}

// build computes the vector of each profile that has evidence. A profile
// whose evidence is zero keeps whatever vector it has.
// NOTE: a stored vector therefore stays when every purchase behind it is
// cancelled later; it is replaced as soon as new evidence arrives.
func (h *Handler) build(profileIDs []string, latest map[string]time.Time,
	activity map[string][]vector.ProductActivity, features map[string]vector.ProductFeatures) []store.Row {
	rows := make([]store.Row, 0, len(profileIDs))
	for _, id := range profileIDs {
		v := vector.Build(h.Space, h.Weights, activity[id], features)
		if v.Evidence == 0 {
			h.Metrics.Skipped.WithLabelValues("no_evidence").Inc()
			continue
		}
		rows = append(rows, store.Row{ProfileID: id, VectorSpace: h.Space.Name(),
			AsOf: asOf(activity[id], latest[id]), Vector: v})
	}
	return rows
}

// asOf returns the latest event time of the product activity a vector is
// built from, or the batch's as_of when the rows carry none. Taking it from
// the data and not from the triggering record keeps a late event from
// looking older than the stored vector: the aggregate it updated still
// reports the profile's latest event time.
func asOf(activity []vector.ProductActivity, fromBatch time.Time) time.Time {
	var latest time.Time
	for _, a := range activity {
		if a.LastAt.After(latest) {
			latest = a.LastAt
		}
	}
	if latest.IsZero() {
		return fromBatch
	}
	return latest
}

func (h *Handler) records(rows []store.Row) ([]*kgo.Record, error) {
	recs := make([]*kgo.Record, 0, len(rows))
	for _, r := range rows {
		value, err := h.Codec.EncodeVector(r)
		if err != nil {
			return nil, fmt.Errorf("encoding vector of profile %s: %w", r.ProfileID, err)
		}
		recs = append(recs, &kgo.Record{Topic: h.Topic, Key: []byte(r.ProfileID), Value: value})
	}
	return recs, nil
}

func sortedKeys(m map[string]time.Time) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func productIDs(activity map[string][]vector.ProductActivity) []string {
	seen := map[string]bool{}
	var ids []string
	for _, rows := range activity {
		for _, a := range rows {
			if !seen[a.ProductID] {
				seen[a.ProductID] = true
				ids = append(ids, a.ProductID)
			}
		}
	}
	sort.Strings(ids)
	return ids
}
