package events

import (
	"fmt"
	"reflect"
)

// Full names of the payload records, the union branch keys of
// Event.payload.
const (
	identifyName        = "profilehub.events.Identify"
	productViewedName   = "profilehub.events.ProductViewed"
	cartUpdatedName     = "profilehub.events.CartUpdated"
	orderCompletedName  = "profilehub.events.OrderCompleted"
	orderCancelledName  = "profilehub.events.OrderCancelled"
	reviewSubmittedName = "profilehub.events.ReviewSubmitted"
	quizCompletedName   = "profilehub.events.QuizCompleted"
	contentViewedName   = "profilehub.events.ContentViewed"
	featureUsedName     = "profilehub.events.FeatureUsed"
	consentUpdatedName  = "profilehub.events.ConsentUpdated"
	trackName           = "profilehub.events.Track"
)

// payload is implemented by the pointer types that Event.Payload contains.
type payload interface {
	avroName() string
	toNative() (map[string]any, error)
}

func payloadNative(p any) (any, error) {
	if p == nil {
		return nil, nil
	}
	record, ok := p.(payload)
	if !ok {
		return nil, fmt.Errorf("payload of type %T is not a payload pointer type of package events", p)
	}
	if v := reflect.ValueOf(p); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, nil
	}
	native, err := record.toNative()
	if err != nil {
		return nil, fmt.Errorf("payload %s: %w", record.avroName(), err)
	}
	return map[string]any{record.avroName(): native}, nil
}

func payloadFromNative(r *nativeReader, v any) any {
	if v == nil {
		return nil
	}
	u, ok := v.(map[string]any)
	if !ok || len(u) != 1 {
		r.fail("payload", "a union", v)
		return nil
	}
	for name, inner := range u {
		m, ok := inner.(map[string]any)
		if !ok {
			r.fail("payload", "a record", inner)
			return nil
		}
		return payloadRecord(r, name, m)
	}
	return nil
}

func payloadRecord(r *nativeReader, name string, m map[string]any) any {
	switch name {
	case identifyName:
		return identifyFromNative(r, m)
	case productViewedName:
		return productViewedFromNative(r, m)
	case cartUpdatedName:
		return cartUpdatedFromNative(r, m)
	case orderCompletedName:
		return orderCompletedFromNative(r, m)
	case orderCancelledName:
		return orderCancelledFromNative(r, m)
	case reviewSubmittedName:
		return reviewSubmittedFromNative(r, m)
	case quizCompletedName:
		return quizCompletedFromNative(r, m)
	case contentViewedName:
		return contentViewedFromNative(r, m)
	case featureUsedName:
		return featureUsedFromNative(r, m)
	case consentUpdatedName:
		return consentUpdatedFromNative(r, m)
	case trackName:
		return trackFromNative(r, m)
	}
	r.fail("payload", "a known payload record", name)
	return nil
}
