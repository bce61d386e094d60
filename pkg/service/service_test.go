package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExecuteExitCodes(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()

	tests := []struct {
		name   string
		ctx    context.Context
		err    error
		code   int
		stderr string
	}{
		{"clean stop", context.Background(), nil, 0, ""},
		{"error", context.Background(), errors.New("store down"), 1, "ingest: store down\n"},
		{"canceled after signal", cancelled, fmt.Errorf("running: %w", context.Canceled), 0, ""},
		{"canceled without signal", context.Background(), context.Canceled, 1, "ingest: context canceled\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := execute(tt.ctx, "ingest", func(context.Context) error { return tt.err }, &stderr)
			assert.Equal(t, tt.code, code)
			assert.Equal(t, tt.stderr, stderr.String())
		})
	}
}
