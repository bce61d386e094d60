package store

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/profilehub/platform/services/projector/internal/profile"
)

// readSection fills s from a JSONB column and its as_of column. A NULL
// column leaves the section unset.
func readSection[T any](column string, raw []byte, asOf *time.Time, s *profile.Section[T]) error {
	if raw == nil {
		return nil
	}
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return fmt.Errorf("decoding column %s: %w", column, err)
	}
	s.Value = &v
	if asOf != nil {
		s.AsOf = asOf.UTC()
	}
	return nil
}

// writeSection returns the JSONB value and the as_of value of s, both nil
// when the section is unset.
func writeSection[T any](column string, s profile.Section[T]) (any, any, error) {
	if s.Value == nil {
		return nil, nil, nil
	}
	raw, err := json.Marshal(*s.Value)
	if err != nil {
		return nil, nil, fmt.Errorf("encoding column %s: %w", column, err)
	}
	return string(raw), s.AsOf, nil
}

func optionalTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func optionalText(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func emptyToNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}
