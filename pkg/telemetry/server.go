package telemetry

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// shutdownTimeout bounds how long Run waits for open requests after its
// context ends.
const shutdownTimeout = 5 * time.Second

// Server is the telemetry listener of a service. It serves
//
//   - /metrics: every collector of the registry, in the Prometheus format
//   - /healthz: 200 while the process is running
//   - /readyz: 200 when the ready function returns nil, else 503 with the
//     error text
type Server struct {
	addr    string
	handler http.Handler
}

// NewServer builds a Server for addr (host:port) and registers the Go
// runtime and process collectors in reg. ready may be nil, which means the
// service is always ready. Collectors already in reg are kept.
func NewServer(addr string, reg *prometheus.Registry, ready func() error) *Server {
	registerRuntime(reg)

	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if ready != nil {
			if err := ready(); err != nil {
				writeText(w, http.StatusServiceUnavailable, "not ready: "+err.Error())
				return
			}
		}
		writeText(w, http.StatusOK, "ok")
	})
	return &Server{addr: addr, handler: mux}
}

// Handler returns the server's routes, for tests and for embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// Run listens on the server's address and serves until ctx ends, then shuts
// down gracefully, waiting up to 5s for open requests. It returns nil after
// a shutdown caused by ctx and an error if listening or serving fails.
func (s *Server) Run(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", s.addr, err)
	}
	return s.serve(ctx, ln)
}

func (s *Server) serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() {
		served <- srv.Serve(ln)
		close(served)
	}()

	select {
	case err := <-served:
		return fmt.Errorf("serving http on %s: %w", s.addr, err)
	case <-ctx.Done():
	}

	// The parent context is done, so the shutdown gets a fresh bounded one.
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down http server on %s: %w", s.addr, err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving http on %s: %w", s.addr, err)
	}
	return nil
}

// registerRuntime adds the Go runtime and process collectors unless reg
// already contains them.
func registerRuntime(reg *prometheus.Registry) {
	for _, c := range []prometheus.Collector{
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	} {
		if err := reg.Register(c); err != nil {
			var already prometheus.AlreadyRegisteredError
			if !errors.As(err, &already) {
				// Both collectors are well formed, so any other error is
				// a programming error.
				panic(fmt.Errorf("registering runtime collector: %w", err))
			}
		}
	}
}

func writeText(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body + "\n"))
}
