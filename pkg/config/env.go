package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// EnvName returns the environment variable that overrides key, for example
// PROFILEHUB_KAFKA_BROKERS for "kafka.brokers".
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// checkEnv decodes, one key at a time, every leaf whose environment variable
// is set, and returns an error naming the first variable and value that do
// not decode into the field's type, or nil. The value of a Secret field is
// left out of the message.
func checkEnv(v *viper.Viper, leaves map[string]reflect.Type) error {
	keys := make([]string, 0, len(leaves))
	for key := range leaves {
		keys = append(keys, key)
	}
	slices.Sort(keys)

	for _, key := range keys {
		name := EnvName(key)
		value, ok := os.LookupEnv(name)
		if !ok {
			continue
		}
		target := reflect.New(leaves[key])
		err := v.UnmarshalKey(key, target.Interface(), decodeHooks)
		if err == nil {
			continue
		}

		// The decoder prefixes its message with the field name, which is ''
		// for a single value, so the wrapped cause is shown instead.
		var decodeErr *mapstructure.DecodeError
		if errors.As(err, &decodeErr) {
			err = decodeErr.Unwrap()
		}
		if leaves[key] == reflect.TypeFor[Secret]() {
			return fmt.Errorf("invalid environment variable %s (key %s): %w", name, key, err)
		}
		return fmt.Errorf("invalid environment variable %s=%q (key %s): %w; fix or unset it",
			name, value, key, err)
	}
	return nil
}

// rejectEmptyScalar rejects an empty string for a number or a boolean,
// which mapstructure's weak decoding would silently turn into 0 or false.
// An empty duration is left to time.ParseDuration, which rejects it.
func rejectEmptyScalar(from, to reflect.Type, data any) (any, error) {
	if s, ok := data.(string); !ok || s != "" {
		return data, nil
	}
	switch to.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if to == reflect.TypeFor[time.Duration]() {
			return data, nil
		}
		return nil, fmt.Errorf("empty value: expected a %s", to)
	}
	return data, nil
}
