// Package testenv gives integration tests their own topics and databases on
// the shared local stack (Kafka 127.0.0.1:19092, ClickHouse 127.0.0.1:19000,
// PostgreSQL 127.0.0.1:15432) and removes them when the test ends.
//
// When a component is unreachable, the test is skipped, unless
// PROFILEHUB_REQUIRE_STACK=1, which make test sets: then it fails. These
// variables override the addresses:
//
//	PROFILEHUB_TEST_KAFKA_BROKERS        comma-separated host:port list
//	PROFILEHUB_TEST_CLICKHOUSE_ADDR      native protocol host:port
//	PROFILEHUB_TEST_CLICKHOUSE_USERNAME  default "default"
//	PROFILEHUB_TEST_CLICKHOUSE_PASSWORD  default empty
//	PROFILEHUB_TEST_POSTGRES_DSN         a role with CREATEDB, URL form
package testenv

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"
)

// Defaults of the local stack.
const (
	DefaultKafkaBrokers   = "127.0.0.1:19092"
	DefaultClickHouseAddr = "127.0.0.1:19000"
	DefaultPostgresDSN    = "postgres://profilehub:profilehub@127.0.0.1:15432/profilehub?sslmode=disable"
)

// setupTimeout bounds each step of preparing or removing test resources.
const setupTimeout = 30 * time.Second

// reachTimeout bounds the first contact with a component, so an absent
// stack skips quickly.
const reachTimeout = 3 * time.Second

// RequireStack reports whether PROFILEHUB_REQUIRE_STACK=1, in which case an
// unreachable component fails the test instead of skipping it.
func RequireStack() bool { return os.Getenv("PROFILEHUB_REQUIRE_STACK") == "1" }

// unavailable skips or fails t because component cannot be reached.
func unavailable(t testing.TB, component string, err error) {
	t.Helper()
	if RequireStack() {
		t.Fatalf("%s unreachable and PROFILEHUB_REQUIRE_STACK=1: %v; start the stack with deploy/local/up.sh", component, err)
	}
	t.Skipf("%s unreachable, skipping (set PROFILEHUB_REQUIRE_STACK=1 to fail instead): %v", component, err)
}

// randomSuffix returns 12 random lowercase hex digits.
func randomSuffix(t testing.TB) string {
	t.Helper()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("reading random bytes: %v", err)
	}
	return hex.EncodeToString(b)
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
