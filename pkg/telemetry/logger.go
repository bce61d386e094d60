// Package telemetry provides a service's logger and its HTTP listener for
// Prometheus metrics and health checks.
package telemetry

import (
	"fmt"
	"os"
	"strings"

	"github.com/rs/zerolog"
)

// NewLogger returns a zerolog logger that writes JSON lines to stderr, each
// with a timestamp and the field service=name. level is a zerolog level name
// (trace, debug, info, warn, error), and an empty level means info. An unknown
// level is an error that names the config key log.level.
func NewLogger(service, level string) (zerolog.Logger, error) {
	lvl := zerolog.InfoLevel
	if level != "" {
		parsed, err := zerolog.ParseLevel(strings.ToLower(level))
		if err != nil {
			return zerolog.Nop(), fmt.Errorf("log.level: unknown level %q: use trace, debug, info, warn or error", level)
		}
		lvl = parsed
	}

	log := zerolog.New(os.Stderr).Level(lvl).With().Timestamp().Str("service", service).Logger()
	return log, nil
}
