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

func TestTraitsOlder(t *testing.T) {
	at := time.Date(2011, 12, 9, 0, 0, 0, 0, time.UTC)
	later := at.Add(time.Hour)
	tests := []struct {
		name                string
		asOf, ref           time.Time
		otherAsOf, otherRef time.Time
		older               bool
	}{
		{"earlier as_of", at, later, later, later, true},
		{"later as_of despite earlier reference", later, at, at, later, false},
		{"same as_of, earlier reference", at, at, at, later, true},
		{"same as_of, later reference", at, later, at, at, false},
		{"identical", at, at, at, at, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.older, TraitsOlder(tt.asOf, tt.ref, tt.otherAsOf, tt.otherRef))
		})
	}
}
