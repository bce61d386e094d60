package reviews

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/events"
)

func lookup(values map[string]string) func(string) string {
	return func(column string) string { return values[column] }
}

func validReview() map[string]string {
	return map[string]string{
		"product_id": "P520837", "rating": "4", "title": "Soft berry twist",
		"review_text": "It lasts ALL day,\nand even to the next day.", "reviewer": "reviewer-5c6ef4b139c9dc06",
		"submission_time": "2026-02-25T06:22:28.000+00:00",
	}
}

func TestParseAndEvent(t *testing.T) {
	review, err := Parse(2, lookup(validReview()))
	require.NoError(t, err)
	ev := Event(review, time.Now())

	assert.Equal(t, events.TypeReviewSubmitted, ev.EventType)
	assert.Equal(t, "reviewer-5c6ef4b139c9dc06", ev.UserID)
	assert.Equal(t, "reviewer-5c6ef4b139c9dc06", Key(ev))
	assert.Equal(t, time.Date(2026, 2, 25, 6, 22, 28, 0, time.UTC), ev.EventTime)
	payload := ev.Payload.(*events.ReviewSubmitted)
	assert.Equal(t, int32(4), payload.Rating)
	assert.Equal(t, "It lasts ALL day,\nand even to the next day.", payload.Text)
	assert.NoError(t, ev.Validate())

	again, err := Parse(2, lookup(validReview()))
	require.NoError(t, err)
	assert.Equal(t, ev.EventID, Event(again, time.Now()).EventID)
}

func TestEventWithoutReviewer(t *testing.T) {
	values := validReview()
	values["reviewer"] = ""
	review, err := Parse(2, lookup(values))
	require.NoError(t, err)
	ev := Event(review, time.Now())
	assert.Equal(t, "", ev.UserID)
	assert.Equal(t, "anonymous-review:P520837|2026-02-25T06:22:28Z", ev.AnonymousID)
	assert.Equal(t, ev.AnonymousID, Key(ev))
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		column, value, want string
	}{
		{"rating", "6", "invalid rating"},
		{"rating", "", "invalid rating"},
		{"submission_time", "25/02/2026", "invalid submission_time"},
		{"product_id", "", "missing product_id"},
	}
	for _, tt := range tests {
		values := validReview()
		values[tt.column] = tt.value
		_, err := Parse(9, lookup(values))
		require.Error(t, err, tt.column)
		assert.Contains(t, err.Error(), tt.want)
		assert.Contains(t, err.Error(), "line 9")
	}
}
