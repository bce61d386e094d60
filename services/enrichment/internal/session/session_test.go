package session

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

var base = time.Date(2011, 12, 5, 9, 0, 0, 0, time.UTC)

func at(minutes int) time.Time { return base.Add(time.Duration(minutes) * time.Minute) }

func TestAssignSplitsOnGap(t *testing.T) {
	events := []Event{
		{ID: "a", Time: at(0)},
		{ID: "b", Time: at(10)},
		{ID: "c", Time: at(40)},  // exactly 30 minutes after b: same session
		{ID: "d", Time: at(71)},  // 31 minutes after c: new session
		{ID: "e", Time: at(300)}, // new session
	}

	ids := Assign("p1", Previous{}, events, DefaultGap)

	first, second, third := DeriveID("p1", at(0)), DeriveID("p1", at(71)), DeriveID("p1", at(300))
	assert.Equal(t, []string{first, first, first, second, third}, ids)
}

func TestAssignUnsortedInput(t *testing.T) {
	events := []Event{
		{ID: "late", Time: at(50)},
		{ID: "early", Time: at(0)},
		{ID: "middle", Time: at(20)},
	}

	ids := Assign("p1", Previous{}, events, DefaultGap)

	start := DeriveID("p1", at(0))
	assert.Equal(t, []string{start, start, start}, ids)
}

func TestAssignContinuesPrevious(t *testing.T) {
	prev := Previous{Time: at(-20), SessionID: "stored"}
	events := []Event{{ID: "a", Time: at(0)}, {ID: "b", Time: at(45)}}

	ids := Assign("p1", prev, events, DefaultGap)

	assert.Equal(t, "stored", ids[0])
	assert.Equal(t, DeriveID("p1", at(45)), ids[1])
}

func TestAssignIgnoresStalePrevious(t *testing.T) {
	prev := Previous{Time: at(-31), SessionID: "stored"}

	ids := Assign("p1", prev, []Event{{ID: "a", Time: at(0)}}, DefaultGap)

	assert.Equal(t, DeriveID("p1", at(0)), ids[0])
}

func TestAssignKeepsProducerSession(t *testing.T) {
	events := []Event{
		{ID: "a", Time: at(0), SessionID: "web-1"},
		{ID: "b", Time: at(5)},
		{ID: "c", Time: at(120)},
	}

	ids := Assign("p1", Previous{}, events, DefaultGap)

	assert.Equal(t, "web-1", ids[0])
	assert.Equal(t, "web-1", ids[1], "an event without an id joins the session before it")
	assert.Equal(t, DeriveID("p1", at(120)), ids[2])
}

// A replay split into other batches must derive the same ids, as long as
// each batch's previous event is the one stored before its first event.
func TestAssignSameAcrossBatchSplits(t *testing.T) {
	events := []Event{
		{ID: "a", Time: at(0).Add(400 * time.Millisecond)},
		{ID: "b", Time: at(29)},
		{ID: "c", Time: at(59).Add(900 * time.Millisecond)},
		{ID: "d", Time: at(95)},
	}
	whole := Assign("p1", Previous{}, events, DefaultGap)

	for split := 1; split < len(events); split++ {
		head := Assign("p1", Previous{}, events[:split], DefaultGap)
		// Storage keeps whole seconds, so the previous event is read back truncated.
		prev := Previous{Time: events[split-1].Time.Truncate(time.Second), SessionID: head[split-1]}
		tail := Assign("p1", prev, events[split:], DefaultGap)

		assert.Equal(t, whole, append(head, tail...), "split at %d", split)
	}
}

func TestDeriveIDDependsOnProfileAndStart(t *testing.T) {
	id := DeriveID("p1", at(0))

	assert.Len(t, id, 32)
	assert.Equal(t, id, DeriveID("p1", at(0)))
	assert.NotEqual(t, id, DeriveID("p2", at(0)))
	assert.NotEqual(t, id, DeriveID("p1", at(1)))
}
