// Package config loads a service's typed configuration from a YAML file and
// PROFILEHUB_ environment variables, then validates it. It is the only
// package that uses viper: services see plain structs.
//
// A service declares a struct with mapstructure tags, fills it with its
// defaults and passes a pointer to Load:
//
//	cfg := Config{Kafka: config.DefaultKafka(), Log: config.DefaultLog()}
//	if err := config.Load(path, &cfg); err != nil { ... }
//
// Each key resolves in this order: environment variable, file, the value
// already in the struct. The variable for key "kafka.topic_prefix" is
// PROFILEHUB_KAFKA_TOPIC_PREFIX. A comma-separated value fills a []string.
// A variable that is set but empty counts as the value "": it overrides the
// file, gives an empty list for a []string and is rejected for a number, a
// boolean or a duration.
package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// EnvPrefix starts every environment variable that overrides a key.
const EnvPrefix = "PROFILEHUB"

// Validator is a config struct that checks itself after loading.
type Validator interface {
	Validate() error
}

// Load reads the YAML file at path (none if path is empty), applies
// environment overrides and decodes the result into out, which must be a
// pointer to a struct. Values already in *out are the defaults. Load then
// returns out.Validate(). Unknown keys in the file are rejected, so a typo
// does not silently leave a default in place.
func Load(path string, out Validator) error {
	target := reflect.ValueOf(out)
	if target.Kind() != reflect.Pointer || target.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("loading config: out must be a pointer to a struct, got %T", out)
	}

	v := viper.New()
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AllowEmptyEnv(true)
	leaves := map[string]reflect.Type{}
	if err := registerKeys(v, "", target.Elem(), leaves); err != nil {
		return fmt.Errorf("loading config: %w", err)
	}

	if path != "" {
		v.SetConfigFile(path)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return fmt.Errorf("reading config file %s: %w", path, err)
		}
	}

	err := v.Unmarshal(out, decodeHooks, func(dc *mapstructure.DecoderConfig) {
		dc.ErrorUnused = true
	})
	if err != nil {
		// A value from the environment is named as such, because the file
		// may hold a valid value for the same key.
		if envErr := checkEnv(v, leaves); envErr != nil {
			return envErr
		}
		return fmt.Errorf("decoding config %s: %w", describe(path), err)
	}
	if err := out.Validate(); err != nil {
		return fmt.Errorf("invalid config %s: %w", sourceOf(path, err), err)
	}
	return nil
}

// sourceOf names where the value behind a validation error came from: the
// environment variable of the failing key when it is set, because it
// overrides the file, else the file.
func sourceOf(path string, err error) string {
	var field *FieldError
	if errors.As(err, &field) {
		if _, set := os.LookupEnv(EnvName(field.Key)); set {
			return "from environment variable " + EnvName(field.Key)
		}
	}
	return describe(path)
}

// decodeHooks convert the strings of the file and the environment into the
// field types.
var decodeHooks = viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(
	rejectEmptyScalar,
	mapstructure.StringToTimeDurationHookFunc(),
	splitList,
))

// splitList decodes a string into a []string by splitting it at commas and
// trimming spaces, so PROFILEHUB_KAFKA_BROKERS="a:1, b:2" gives two brokers.
// An empty or blank string gives an empty list.
func splitList(from, to reflect.Type, data any) (any, error) {
	if from.Kind() != reflect.String || to != reflect.TypeFor[[]string]() {
		return data, nil
	}
	out := []string{}
	for item := range strings.SplitSeq(data.(string), ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out, nil
}

func describe(path string) string {
	if path == "" {
		return "(environment only)"
	}
	return path
}

// registerKeys walks the struct value s and, for every leaf field, sets the
// field's current value as viper's default, binds its environment variable
// and records the field's type in leaves. Viper reads the variables of
// registered keys only, so without the walk an override of a key absent
// from the file would be ignored.
func registerKeys(v *viper.Viper, prefix string, s reflect.Value, leaves map[string]reflect.Type) error {
	t := s.Type()
	for i := range t.NumField() {
		field := t.Field(i)
		if !field.IsExported() {
			continue
		}
		name, squash := fieldKey(field)
		if name == "-" {
			continue
		}

		value := s.Field(i)
		if isSection(field.Type) {
			next := prefix
			if !squash {
				next = join(prefix, name)
			}
			if err := registerKeys(v, next, value, leaves); err != nil {
				return err
			}
			continue
		}

		key := join(prefix, name)
		leaves[key] = field.Type
		v.SetDefault(key, value.Interface())
		if err := v.BindEnv(key); err != nil {
			return fmt.Errorf("binding environment variable of %s: %w", key, err)
		}
	}
	return nil
}

// fieldKey returns the key of a field from its mapstructure tag, falling
// back to the lower-cased field name as mapstructure does, and whether the
// tag squashes the field into its parent. An embedded struct without
// ",squash" is a section named after its type, as in mapstructure.
func fieldKey(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("mapstructure")
	name, opts, _ := strings.Cut(tag, ",")
	squash := strings.Contains(opts, "squash")
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	return name, squash
}

// isSection reports whether a field type is a nested config section rather
// than a leaf value. Structs from other packages that decode from a scalar,
// such as time.Time, are treated as leaves.
func isSection(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() != "time"
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
