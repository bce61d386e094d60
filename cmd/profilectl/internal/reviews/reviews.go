// Package reviews reads the cosmetics retailer's review CSV (product_id,
// rating, title, review_text, reviewer, submission_time, category) and turns
// each review into a review_submitted event.
package reviews

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/profilehub/platform/pkg/events"
	"github.com/profilehub/platform/pkg/identity"
)

// Fixed facts of the data set.
const (
	// IDSource is the source name of identity.EventID for this data set.
	IDSource = "sephora-reviews"
	// EventSource is the Event.Source of imported events.
	EventSource = "import-sephora-reviews"
	Channel     = "web"
)

// Columns lists the columns a review file must have.
var Columns = []string{"product_id", "rating", "title", "review_text", "reviewer", "submission_time"}

// Review is one parsed review.
type Review struct {
	Line      int
	ProductID string
	Rating    int32
	Title     string
	Text      string
	// Reviewer is the reviewer's handle, a keyed hash in the data set, or
	// "" for a review without one.
	Reviewer string
	Time     time.Time
}

// Parse converts one record; get returns a column's value by name.
func Parse(line int, get func(column string) string) (Review, error) {
	review := Review{
		Line:      line,
		ProductID: get("product_id"),
		Title:     get("title"),
		Text:      get("review_text"),
		Reviewer:  get("reviewer"),
	}
	if review.ProductID == "" {
		return Review{}, fmt.Errorf("line %d: missing product_id", line)
	}
	rating, err := strconv.ParseInt(get("rating"), 10, 32)
	if err != nil || rating < 1 || rating > 5 {
		return Review{}, fmt.Errorf("line %d: invalid rating %q: expected 1 to 5", line, get("rating"))
	}
	review.Rating = int32(rating)
	review.Time, err = time.Parse(time.RFC3339, get("submission_time"))
	if err != nil {
		return Review{}, fmt.Errorf("line %d: invalid submission_time %q: expected ISO 8601 such as 2026-02-25T06:22:28.000+00:00",
			line, get("submission_time"))
	}
	review.Time = review.Time.UTC()
	return review, nil
}

// Key identifies a review in the data set: one reviewer, or one anonymous
// review, of a product at one time.
func (r Review) Key() string {
	return strings.Join([]string{r.ProductID, r.Reviewer, r.Time.Format(time.RFC3339Nano)}, "|")
}

// AnonymousPrefix starts the anonymous id of a review without a reviewer
// handle: "anonymous-review:<product_id>|<submission_time>", one anonymous
// visitor per review, as the data set cannot tell who wrote it.
const AnonymousPrefix = "anonymous-review:"

// Event builds the review_submitted event of a review, with the reviewer's
// handle as the user id, or an anonymous id for a review without a handle.
func Event(r Review, receivedAt time.Time) *events.Event {
	ev := &events.Event{
		EventID:    identity.EventID(IDSource, r.Key()),
		EventType:  events.TypeReviewSubmitted,
		EventTime:  r.Time,
		ReceivedAt: receivedAt,
		UserID:     r.Reviewer,
		Source:     EventSource,
		Context:    events.Context{Channel: Channel},
		Payload: &events.ReviewSubmitted{ProductID: r.ProductID, Rating: r.Rating, Title: r.Title,
			Text: r.Text},
	}
	if r.Reviewer == "" {
		ev.AnonymousID = AnonymousPrefix + r.ProductID + "|" + r.Time.Format(time.RFC3339Nano)
	}
	return ev
}

// Key returns the Kafka record key of a review's event: the reviewer's
// handle or the anonymous id.
func Key(ev *events.Event) string {
	if ev.AnonymousID != "" {
		return ev.AnonymousID
	}
	return ev.UserID
}
