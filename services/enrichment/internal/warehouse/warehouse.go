package warehouse

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

//go:embed sql/*.sql
var queryFiles embed.FS

// DefaultKeysPerStatement bounds the keys of one recompute statement. The
// keys travel as external data, so the SQL text grows only with the
// distinct ids, and 20000 holds every key of a batch of 1000 orders of 20
// lines.
// Fewer, larger statements are faster because each one reads the raw
// tables with FINAL once.
const DefaultKeysPerStatement = 20000

// Warehouse is the ClickHouse side of enrichment. It is safe for concurrent
// use.
type Warehouse struct {
	conn             driver.Conn
	database         string
	keysPerStatement int
	queries          map[string]string
	clock            *versionClock
}

// New returns a Warehouse that writes to database over conn, with at most
// keysPerStatement keys per recompute statement (DefaultKeysPerStatement
// when zero).
func New(conn driver.Conn, database string, keysPerStatement int) (*Warehouse, error) {
	if keysPerStatement <= 0 {
		keysPerStatement = DefaultKeysPerStatement
	}
	queries, err := loadQueries(database)
	if err != nil {
		return nil, err
	}
	return &Warehouse{
		conn:             conn,
		database:         database,
		keysPerStatement: keysPerStatement,
		queries:          queries,
		clock:            &versionClock{now: time.Now},
	}, nil
}

// loadQueries reads the embedded statements by file name without the
// extension, drops their comment lines and puts database in.
func loadQueries(database string) (map[string]string, error) {
	entries, err := queryFiles.ReadDir("sql")
	if err != nil {
		return nil, fmt.Errorf("listing embedded queries: %w", err)
	}
	queries := make(map[string]string, len(entries))
	for _, e := range entries {
		data, err := queryFiles.ReadFile("sql/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("reading embedded query %s: %w", e.Name(), err)
		}
		var lines []string
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "--") {
				lines = append(lines, line)
			}
		}
		query := strings.ReplaceAll(strings.Join(lines, "\n"), "{database}", database)
		queries[strings.TrimSuffix(e.Name(), ".sql")] = strings.TrimSpace(query)
	}
	return queries, nil
}

// versionClock issues the version of aggregate rows: the wall clock in
// milliseconds, raised where needed so that each value is above the last.
type versionClock struct {
	mu   sync.Mutex
	now  func() time.Time
	last uint64
}

func (c *versionClock) next() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := uint64(c.now().UnixMilli())
	if v <= c.last {
		v = c.last + 1
	}
	c.last = v
	return v
}
