package telemetry

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewLoggerLevels(t *testing.T) {
	tests := []struct {
		level string
		want  zerolog.Level
	}{
		{"", zerolog.InfoLevel},
		{"debug", zerolog.DebugLevel},
		{"WARN", zerolog.WarnLevel},
	}
	for _, tt := range tests {
		log, err := NewLogger("ingest", tt.level)
		require.NoError(t, err, "level %q", tt.level)
		assert.Equal(t, tt.want, log.GetLevel(), "level %q", tt.level)
	}
}

func TestNewLoggerUnknownLevelNamesKey(t *testing.T) {
	_, err := NewLogger("ingest", "loud")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "log.level")
	assert.Contains(t, err.Error(), `"loud"`)
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

func TestServerRoutes(t *testing.T) {
	reg := prometheus.NewRegistry()
	counter := prometheus.NewCounter(prometheus.CounterOpts{Name: "test_events_total", Help: "Test counter."})
	reg.MustRegister(counter)
	counter.Inc()

	var readyErr error
	srv := NewServer("127.0.0.1:0", reg, func() error { return readyErr })
	h := srv.Handler()

	code, body := get(t, h, "/metrics")
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, "test_events_total 1")
	assert.Contains(t, body, "go_goroutines", "Go runtime collector registered")
	assert.Contains(t, body, "process_", "process collector registered")

	code, _ = get(t, h, "/healthz")
	assert.Equal(t, http.StatusOK, code)

	code, _ = get(t, h, "/readyz")
	assert.Equal(t, http.StatusOK, code)
	readyErr = errors.New("kafka unreachable")
	code, body = get(t, h, "/readyz")
	assert.Equal(t, http.StatusServiceUnavailable, code)
	assert.Contains(t, body, "kafka unreachable")

	code, _ = get(t, h, "/nothing")
	assert.Equal(t, http.StatusNotFound, code)
}

func TestNewServerTwiceOnOneRegistry(t *testing.T) {
	reg := prometheus.NewRegistry()
	NewServer("127.0.0.1:0", reg, nil)
	assert.NotPanics(t, func() { NewServer("127.0.0.1:0", reg, nil) })
}

func TestServerRunStopsOnCancel(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := NewServer(ln.Addr().String(), prometheus.NewRegistry(), nil)

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, "ok", strings.TrimSpace(string(body)))

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestServerRunListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()

	err = NewServer(ln.Addr().String(), prometheus.NewRegistry(), nil).Run(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), ln.Addr().String())
}
