package events

import "fmt"

// ToNative converts e to goavro's native form of profilehub.events.Event.
// It rejects a payload of an unknown type and money that decimal(18,4)
// cannot hold.
func (e *Event) ToNative() (map[string]any, error) {
	payload, err := payloadNative(e.Payload)
	if err != nil {
		return nil, fmt.Errorf("converting event %s: %w", e.EventID, err)
	}
	source := e.Source
	if source == "" {
		source = DefaultSource
	}
	return map[string]any{
		"event_id":     e.EventID,
		"event_type":   e.EventType,
		"event_time":   e.EventTime,
		"received_at":  e.ReceivedAt,
		"anonymous_id": optionalString(e.AnonymousID),
		"user_id":      optionalString(e.UserID),
		"profile_id":   optionalString(e.ProfileID),
		"source":       source,
		"context": map[string]any{
			"locale":     optionalString(e.Context.Locale),
			"timezone":   optionalString(e.Context.Timezone),
			"country":    optionalString(e.Context.Country),
			"user_agent": optionalString(e.Context.UserAgent),
			"channel":    optionalString(e.Context.Channel),
			"session_id": optionalString(e.Context.SessionID),
		},
		"payload": payload,
	}, nil
}

// EventFromNative converts goavro's native form of profilehub.events.Event,
// as avro.Codec.Decode returns it, to an Event.
func EventFromNative(m map[string]any) (*Event, error) {
	r := &nativeReader{}
	e := &Event{
		EventID:     r.str(m, "event_id"),
		EventType:   r.str(m, "event_type"),
		EventTime:   r.time(m, "event_time"),
		ReceivedAt:  r.time(m, "received_at"),
		AnonymousID: r.optionalString(m, "anonymous_id"),
		UserID:      r.optionalString(m, "user_id"),
		ProfileID:   r.optionalString(m, "profile_id"),
		Source:      r.str(m, "source"),
	}
	if ctx := r.record(m, "context"); ctx != nil {
		e.Context = Context{
			Locale:    r.optionalString(ctx, "locale"),
			Timezone:  r.optionalString(ctx, "timezone"),
			Country:   r.optionalString(ctx, "country"),
			UserAgent: r.optionalString(ctx, "user_agent"),
			Channel:   r.optionalString(ctx, "channel"),
			SessionID: r.optionalString(ctx, "session_id"),
		}
	}
	e.Payload = payloadFromNative(r, m["payload"])
	if r.err != nil {
		return nil, fmt.Errorf("converting event %q: %w", e.EventID, r.err)
	}
	return e, nil
}
