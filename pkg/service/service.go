// Package service runs a service's main function with signal handling and
// the process exit code.
package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Main runs run with a context that ends on SIGINT or SIGTERM and exits the
// process: code 0 when run returns nil, or returns context.Canceled after a
// signal, and code 1 otherwise, after writing "name: error" to stderr. It
// logs nothing else, so run owns all logging. Main never returns.
func Main(name string, run func(ctx context.Context) error) {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := execute(ctx, name, run, os.Stderr)
	stop()
	os.Exit(code)
}

// execute runs run and returns the exit code, writing a failure to stderr.
func execute(ctx context.Context, name string, run func(ctx context.Context) error, stderr io.Writer) int {
	err := run(ctx)
	if err == nil || (ctx.Err() != nil && errors.Is(err, context.Canceled)) {
		return 0
	}
	fmt.Fprintf(stderr, "%s: %s\n", name, err)
	return 1
}
