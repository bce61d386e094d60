package membership

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestDecide(t *testing.T) {
	at := time.Date(2011, 12, 9, 0, 0, 0, 0, time.UTC)
	next := func(version string, segs ...string) Record {
		return Record{ProfileID: "p", RulesVersion: version, AsOf: at, Segments: segs}
	}
	tests := []struct {
		name    string
		stored  *Record
		next    Record
		changed bool
		joined  []string
		left    []string
	}{
		{"first time", nil, next("v1", "active", "new"), true, []string{"active", "new"}, []string{}},
		{"first time without segments", nil, next("v1"), true, []string{}, []string{}},
		{"same set and version", &Record{RulesVersion: "v1", Segments: []string{"active"}},
			next("v1", "active"), false, []string{}, []string{}},
		{"same set new version", &Record{RulesVersion: "v1", Segments: []string{"active"}},
			next("v2", "active"), true, []string{}, []string{}},
		{"joined and left", &Record{RulesVersion: "v1", Segments: []string{"active", "new"}},
			next("v1", "active", "frequent"), true, []string{"frequent"}, []string{"new"}},
		{"left everything", &Record{RulesVersion: "v1", Segments: []string{"active"}},
			next("v1"), true, []string{}, []string{"active"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, changed := Decide(tt.stored, tt.next)
			assert.Equal(t, tt.changed, changed, "changed")
			assert.Equal(t, tt.joined, c.Joined, "joined")
			assert.Equal(t, tt.left, c.Left, "left")
			assert.Equal(t, tt.next.Segments, c.Segments, "segments")
		})
	}
}

func TestTraitsKeyOrder(t *testing.T) {
	at := time.Date(2011, 12, 9, 0, 0, 0, 0, time.UTC)
	later := at.Add(time.Hour)
	key := func(asOf, reference, computed time.Time) TraitsKey {
		return TraitsKey{AsOf: asOf, ReferenceTime: reference, ComputedAt: computed}
	}
	tests := []struct {
		name       string
		key, other TraitsKey
		before     bool
	}{
		{"earlier as_of", key(at, later, later), key(later, at, at), true},
		{"later as_of despite earlier reference", key(later, at, at), key(at, later, later), false},
		{"same as_of, earlier reference", key(at, at, later), key(at, later, at), true},
		{"same as_of, later reference", key(at, later, at), key(at, at, later), false},
		{"same as_of and reference, earlier computation", key(at, at, at), key(at, at, later), true},
		{"same as_of and reference, later computation", key(at, at, later), key(at, at, at), false},
		{"identical", key(at, at, at), key(at, at, at), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.before, tt.key.Before(tt.other))
		})
	}
}
