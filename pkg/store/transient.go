package store

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/jackc/pgx/v5/pgconn"
)

// IsTransient reports whether err may go away when the same operation is
// retried later: network failures, timeouts, a server that is starting or
// shutting down, or overload. Everything else, such as syntax, type,
// constraint and permission errors, is permanent, and so is a nil error or
// context.Canceled, which means the caller gave up.
func IsTransient(err error) bool {
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return false
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, clickhouse.ErrAcquireConnTimeout):
		return true
	}

	var chErr *clickhouse.Exception
	if errors.As(err, &chErr) {
		return transientClickHouseCodes[chErr.Code]
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return isTransientPgCode(pgErr.Code)
	}
	if pgconn.Timeout(err) || pgconn.SafeToRetry(err) {
		return true
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	return isNetworkError(err)
}

// isNetworkError reports whether err comes from the network: a refused,
// reset or timed-out connection, or a peer that closed it mid-message.
func isNetworkError(err error) bool {
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	for _, target := range []error{
		syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED,
		syscall.EPIPE, syscall.ETIMEDOUT, syscall.EHOSTUNREACH, syscall.ENETUNREACH,
		io.EOF, io.ErrUnexpectedEOF, net.ErrClosed,
	} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// isTransientPgCode reports whether a PostgreSQL SQLSTATE is worth a retry:
// class 08 (connection exception), 53 (insufficient resources), 57P01 to
// 57P03 (admin shutdown, crash shutdown, cannot connect now), 40001
// (serialization failure) and 40P01 (deadlock detected).
func isTransientPgCode(code string) bool {
	switch {
	case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "53"):
		return true
	}
	switch code {
	case "57P01", "57P02", "57P03", "40001", "40P01":
		return true
	}
	return false
}

// transientClickHouseCodes are the ClickHouse server error codes worth a
// retry, by their symbolic names.
var transientClickHouseCodes = map[int32]bool{
	159: true, // TIMEOUT_EXCEEDED
	160: true, // TOO_SLOW
	164: true, // READONLY
	202: true, // TOO_MANY_SIMULTANEOUS_QUERIES
	203: true, // NO_FREE_CONNECTION
	209: true, // SOCKET_TIMEOUT
	210: true, // NETWORK_ERROR
	241: true, // MEMORY_LIMIT_EXCEEDED
	242: true, // TABLE_IS_READ_ONLY
	252: true, // TOO_MANY_PARTS
	319: true, // UNKNOWN_STATUS_OF_INSERT
	394: true, // QUERY_WAS_CANCELLED
	425: true, // SYSTEM_ERROR
}
