package config

import "fmt"

// FieldError is a validation failure of one config key. Its message starts
// with the full key, for example "kafka.brokers: must list at least one
// broker", so the reader knows which YAML key or PROFILEHUB_ variable to fix.
type FieldError struct {
	Key     string // dotted key, e.g. "kafka.brokers"
	Message string // what is wrong and what a valid value looks like
}

func (e *FieldError) Error() string { return e.Key + ": " + e.Message }

// Invalid returns a *FieldError for key with a formatted message.
func Invalid(key, format string, args ...any) error {
	return &FieldError{Key: key, Message: fmt.Sprintf(format, args...)}
}

// Required returns a *FieldError for key when value is empty, else nil.
func Required(key, value string) error {
	if value == "" {
		return Invalid(key, "must be set")
	}
	return nil
}
