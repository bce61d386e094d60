package handler

import (
	"errors"
	"fmt"

	"github.com/rs/zerolog"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/pseudonym"
	"github.com/profilehub/platform/pkg/stream"
	"github.com/profilehub/platform/services/projector/internal/convert"
	"github.com/profilehub/platform/services/projector/internal/metrics"
	"github.com/profilehub/platform/services/projector/internal/profile"
)

// Codec decodes the values of the four input topics.
type Codec interface {
	DecodeEvent(value []byte) (*events.Event, error)
	DecodeTraits(value []byte) (*events.ProfileTraits, error)
	DecodeVector(value []byte) (*events.PreferenceVector, error)
	DecodeSegments(value []byte) (*events.SegmentMembership, error)
}

// Topics are the full names of the input topics.
type Topics struct {
	Events, Traits, Vectors, Segments string
}

// Decoder turns input records into profile updates, rejecting the records
// that do not decode or do not name a valid profile.
type Decoder struct {
	Codec   Codec
	Topics  Topics
	Hasher  *pseudonym.Hasher
	Metrics *metrics.Metrics
	Log     zerolog.Logger
}

// Updates returns the batch's updates per profile, in batch order, and the
// ids of the profiles that have any.
func (d *Decoder) Updates(b *stream.Batch) (map[string][]profile.Update, []string) {
	byProfile := map[string][]profile.Update{}
	var ids []string
	for _, r := range b.Records {
		u, err := d.update(r)
		if errors.Is(err, convert.ErrIrrelevant) {
			d.Metrics.Skipped.Inc()
			continue
		}
		if err != nil {
			d.reject(b, r, err)
			continue
		}
		if _, seen := byProfile[u.Profile()]; !seen {
			ids = append(ids, u.Profile())
		}
		byProfile[u.Profile()] = append(byProfile[u.Profile()], u)
	}
	return byProfile, ids
}

// decodeError marks a value that is not valid Avro of the topic's schema.
type decodeError struct{ err error }

func (e decodeError) Error() string { return e.err.Error() }
func (e decodeError) Unwrap() error { return e.err }

func (d *Decoder) update(r *kgo.Record) (profile.Update, error) {
	switch r.Topic {
	case d.Topics.Events:
		e, err := d.Codec.DecodeEvent(r.Value)
		if err != nil {
			return nil, decodeError{err}
		}
		return convert.FromEvent(e, d.Hasher)
	case d.Topics.Traits:
		t, err := d.Codec.DecodeTraits(r.Value)
		if err != nil {
			return nil, decodeError{err}
		}
		return convert.FromTraits(t)
	case d.Topics.Vectors:
		v, err := d.Codec.DecodeVector(r.Value)
		if err != nil {
			return nil, decodeError{err}
		}
		return convert.FromVector(v)
	case d.Topics.Segments:
		s, err := d.Codec.DecodeSegments(r.Value)
		if err != nil {
			return nil, decodeError{err}
		}
		return convert.FromSegments(s)
	default:
		return nil, fmt.Errorf("record from unexpected topic %s", r.Topic)
	}
}

// reject sends r to the dead-letter topic after the batch.
func (d *Decoder) reject(b *stream.Batch, r *kgo.Record, err error) {
	reason := "invalid"
	if errors.As(err, new(decodeError)) {
		reason = "decode"
	}
	b.Reject(r, reason, err)
	d.Metrics.Rejected.WithLabelValues(reason).Inc()
	d.Log.Warn().Err(err).Str("topic", r.Topic).Int32("partition", r.Partition).Int64("offset", r.Offset).
		Str("reason", reason).Msg("rejecting record")
}
