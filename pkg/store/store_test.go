package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/config"
)

func TestIsTransient(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"canceled", context.Canceled, false},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), true},
		{"connection refused", &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, true},
		{"reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"unexpected eof", fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), true},
		{"clickhouse socket timeout", &clickhouse.Exception{Code: 209}, true},
		{"clickhouse network error", fmt.Errorf("insert: %w", &clickhouse.Exception{Code: 210}), true},
		{"clickhouse syntax error", &clickhouse.Exception{Code: 62}, false},
		{"clickhouse type mismatch", &clickhouse.Exception{Code: 53}, false},
		{"clickhouse acquire timeout", clickhouse.ErrAcquireConnTimeout, true},
		{"pg connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"pg cannot connect now", &pgconn.PgError{Code: "57P03"}, true},
		{"pg serialization", &pgconn.PgError{Code: "40001"}, true},
		{"pg syntax error", &pgconn.PgError{Code: "42601"}, false},
		{"pg unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"plain error", errors.New("invalid event"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, IsTransient(tt.err))
		})
	}
}

func TestWaitForPingRetriesTransient(t *testing.T) {
	calls := 0
	err := waitForPing(context.Background(), 5*time.Second, func(context.Context) error {
		calls++
		if calls < 3 {
			return syscall.ECONNREFUSED
		}
		return nil
	})
	assert.NoError(t, err)
	assert.Equal(t, 3, calls)
}

func TestWaitForPingStopsOnPermanent(t *testing.T) {
	calls := 0
	err := waitForPing(context.Background(), 5*time.Second, func(context.Context) error {
		calls++
		return &pgconn.PgError{Code: "28P01"} // invalid password
	})
	require.Error(t, err)
	assert.Equal(t, 1, calls)
}

func TestWaitForPingBounded(t *testing.T) {
	start := time.Now()
	err := waitForPing(context.Background(), 300*time.Millisecond, func(context.Context) error {
		return syscall.ECONNREFUSED
	})
	require.Error(t, err)
	assert.Less(t, time.Since(start), 2*time.Second)
}

// Nothing listens on 127.0.0.1:1, so opening fails fast with a transient
// error and names the address.
func TestOpenUnreachable(t *testing.T) {
	ctx := context.Background()
	_, err := OpenClickHouse(ctx, config.ClickHouse{Addr: "127.0.0.1:1", Database: "x", DialTimeout: time.Second})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "127.0.0.1:1")
	assert.True(t, IsTransient(err), "refused connection is transient: %v", err)

	_, err = OpenPostgres(ctx, config.Postgres{DSN: "postgres://u:hunter2@127.0.0.1:1/db?connect_timeout=1"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "127.0.0.1:1")
	assert.NotContains(t, err.Error(), "hunter2", "password never in errors")
	assert.True(t, IsTransient(err), "refused connection is transient: %v", err)
}

func TestOpenPostgresInvalidDSNHidesPassword(t *testing.T) {
	for _, dsn := range []string{
		"postgres://u:hunter2@127.0.0.1:99999999/db",
		"host=127.0.0.1 password=hunter2 port=notaport",
		"postgres://u:hunter2%zz@h/db",
		"host=127.0.0.1 password='hunter2",
		"postgres://u:hunter2@h/db?sslmode=bogus",
	} {
		_, err := OpenPostgres(context.Background(), config.Postgres{DSN: config.Secret(dsn)})
		require.Error(t, err, "dsn %d", len(dsn))
		assert.Contains(t, err.Error(), "postgres.dsn")
		assert.NotContains(t, err.Error(), "hunter2")
	}
}
