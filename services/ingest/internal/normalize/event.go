package normalize

import (
	"github.com/google/uuid"

	"github.com/profilehub/platform/pkg/events"
)

// Event normalizes every string field of ev in place: String for all of
// them, Email for email addresses. An event_id that parses as a UUID is
// rewritten in the canonical lower-case hyphenated form, so that every
// spelling of one id is the same idempotency key downstream.
func Event(ev *events.Event) {
	ev.EventID = canonicalUUID(String(ev.EventID))
	ev.EventType = String(ev.EventType)
	ev.AnonymousID = String(ev.AnonymousID)
	ev.UserID = String(ev.UserID)
	ev.ProfileID = String(ev.ProfileID)
	ev.Source = String(ev.Source)
	eventContext(&ev.Context)
	payload(ev.Payload)
}

func canonicalUUID(s string) string {
	id, err := uuid.Parse(s)
	if err != nil {
		return s
	}
	return id.String()
}

func eventContext(c *events.Context) {
	c.Locale = String(c.Locale)
	c.Timezone = String(c.Timezone)
	c.Country = String(c.Country)
	c.UserAgent = String(c.UserAgent)
	c.Channel = String(c.Channel)
	c.SessionID = String(c.SessionID)
}

// payload normalizes the string fields of each payload record type.
func payload(p any) {
	switch p := p.(type) {
	case *events.Identify:
		identify(p)
	case *events.ProductViewed:
		p.ProductID, p.Category, p.Brand = String(p.ProductID), String(p.Category), String(p.Brand)
		p.Currency = String(p.Currency)
	case *events.CartUpdated:
		p.ProductID, p.Currency = String(p.ProductID), String(p.Currency)
	case *events.OrderCompleted:
		p.OrderID, p.Currency = String(p.OrderID), String(p.Currency)
		orderLines(p.Lines)
	case *events.OrderCancelled:
		p.OrderID, p.OriginalOrderID = String(p.OrderID), String(p.OriginalOrderID)
		p.Currency, p.Reason = String(p.Currency), String(p.Reason)
		orderLines(p.Lines)
	case *events.ReviewSubmitted:
		p.ProductID, p.Title, p.Text = String(p.ProductID), String(p.Title), String(p.Text)
	case *events.QuizCompleted:
		p.QuizID = String(p.QuizID)
		p.PersonalityType, p.PersonalitySystem = String(p.PersonalityType), String(p.PersonalitySystem)
		Strings(p.Values)
		Strings(p.Lifestyle)
		Strings(p.ScentPreferences)
	case *events.ContentViewed:
		p.ContentID, p.ContentType = String(p.ContentID), String(p.ContentType)
		Strings(p.Topics)
	case *events.FeatureUsed:
		p.Feature, p.Action = String(p.Feature), String(p.Action)
	case *events.ConsentUpdated:
		p.Purpose, p.PolicyVersion = String(p.Purpose), String(p.PolicyVersion)
	case *events.Track:
		p.Name = String(p.Name)
		p.Properties = StringMap(p.Properties)
	}
}

func identify(p *events.Identify) {
	p.Email = Email(p.Email)
	p.Phone = String(p.Phone)
	p.FirstName = String(p.FirstName)
	p.Gender = String(p.Gender)
	p.City = String(p.City)
	p.Country = String(p.Country)
	p.Language = String(p.Language)
	p.Culture = String(p.Culture)
	p.PreferredChannel = String(p.PreferredChannel)
	p.ContactFrequency = String(p.ContactFrequency)
	Strings(p.ExplicitPreferences)
}

func orderLines(lines []events.OrderLine) {
	for i := range lines {
		lines[i].ProductID = String(lines[i].ProductID)
		lines[i].Description = String(lines[i].Description)
	}
}
