// Package topics names the platform's Kafka topics. Every service adds the
// configured prefix, so tests and parallel environments share one broker
// without sharing data.
package topics

// Base names of the platform's topics, without a prefix.
const (
	EventsRaw       = "events.raw"
	EventsResolved  = "events.resolved"
	ProfileActivity = "profile.activity"
	TraitsInferred  = "traits.inferred"
	VectorsUpdated  = "vectors.updated"
	SegmentsChanged = "segments.changed"
	Profiles        = "profiles"
	DeadLetter      = "events.deadletter"
)

// All lists every base name, in pipeline order.
var All = []string{
	EventsRaw, EventsResolved, ProfileActivity, TraitsInferred,
	VectorsUpdated, SegmentsChanged, Profiles, DeadLetter,
}

// Compacted reports whether a topic keeps only the latest record per key.
func Compacted(base string) bool { return base == Profiles }

// Name returns the full topic name for base under prefix.
func Name(prefix, base string) string { return prefix + base }
