package e2e

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/profilehub/platform/pkg/testenv"
)

// services lists the platform's consumer services in pipeline order.
var services = []string{"ingest", "enrichment", "inference", "vectorize", "segment", "projector"}

// platform is one isolated copy of the pipeline: its own topic prefix,
// ClickHouse database and Postgres database on the shared local stack, and
// one process per service built from this checkout.
type platform struct {
	t       testing.TB
	brokers []string
	prefix  string
	chDB    string
	ch      driver.Conn
	pg      *pgxpool.Pool
	root    string
	binDir  string
	env     []string
	mu      sync.Mutex
	running map[string]*process
	logDir  string
}

// process is a started service; done closes when it has exited.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// repoRoot returns the checkout's root folder, two levels above this file.
func repoRoot(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// buildBinaries compiles every service and profilectl once per test binary.
func buildBinaries(t testing.TB, root string) string {
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "profilehub-e2e-bin-")
		if buildErr != nil {
			return
		}
		targets := append([]string{}, services...)
		targets = append(targets, "profilectl")
		for _, name := range targets {
			pkg := "./services/" + name
			if name == "profilectl" {
				pkg = "./cmd/profilectl"
			}
			cmd := exec.Command("go", "build", "-o", filepath.Join(buildDir, name), pkg)
			cmd.Dir = root
			if out, err := cmd.CombinedOutput(); err != nil {
				buildErr = fmt.Errorf("building %s: %w\n%s", name, err, out)
				return
			}
		}
	})
	require.NoError(t, buildErr)
	return buildDir
}

// newPlatform prepares fresh topics and databases and returns a platform
// whose services are not started yet.
func newPlatform(t testing.TB) *platform {
	root := repoRoot(t)
	brokers, prefix := testenv.Kafka(t)
	chConn, chCfg := testenv.ClickHouse(t)
	pgPool, pgCfg := testenv.Postgres(t)
	bin := buildBinaries(t, root)

	env := append(os.Environ(),
		"PROFILEHUB_KAFKA_BROKERS="+brokers[0],
		"PROFILEHUB_KAFKA_TOPIC_PREFIX="+prefix,
		"PROFILEHUB_CLICKHOUSE_ADDR="+chCfg.Addr,
		"PROFILEHUB_CLICKHOUSE_DATABASE="+chCfg.Database,
		"PROFILEHUB_POSTGRES_DSN="+string(pgCfg.DSN),
		"PROFILEHUB_LOG_LEVEL=info",
	)
	p := &platform{
		t: t, brokers: brokers, prefix: prefix, chDB: chCfg.Database, ch: chConn, pg: pgPool,
		root: root, binDir: bin, env: env,
		running: map[string]*process{}, logDir: t.TempDir(),
	}
	t.Cleanup(p.stopAll)
	return p
}

// start launches one service with a free HTTP port and its local config.
func (p *platform) start(name string) {
	p.t.Helper()
	logFile, err := os.OpenFile(filepath.Join(p.logDir, name+".log"),
		os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	require.NoError(p.t, err)

	cmd := exec.Command(filepath.Join(p.binDir, name),
		"--config", filepath.Join(p.root, "deploy", "local", "config", name+".yaml"))
	cmd.Dir = p.root
	cmd.Env = append(append([]string{}, p.env...), "PROFILEHUB_HTTP_ADDR="+freeAddr(p.t))
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	require.NoError(p.t, cmd.Start(), "starting %s", name)

	proc := &process{cmd: cmd, done: make(chan struct{})}
	p.mu.Lock()
	p.running[name] = proc
	p.mu.Unlock()
	go func() {
		_ = cmd.Wait()
		logFile.Close()
		close(proc.done)
	}()
}

func (p *platform) startAll() {
	for _, name := range services {
		p.start(name)
	}
}

// kill sends SIGKILL to one running service and waits until it is gone.
func (p *platform) kill(name string) {
	p.t.Helper()
	p.mu.Lock()
	proc := p.running[name]
	delete(p.running, name)
	p.mu.Unlock()
	require.NotNil(p.t, proc, "service %s is not running", name)
	require.NoError(p.t, proc.cmd.Process.Signal(syscall.SIGKILL))
	select {
	case <-proc.done:
	case <-time.After(10 * time.Second):
		p.t.Fatalf("service %s still running 10s after SIGKILL", name)
	}
}

// stopAll stops every service with SIGTERM and, after a bounded wait,
// SIGKILL; then it prints the logs of a failed test.
func (p *platform) stopAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, proc := range p.running {
		_ = proc.cmd.Process.Signal(syscall.SIGTERM)
	}
	deadline := time.Now().Add(15 * time.Second)
	for name, proc := range p.running {
		select {
		case <-proc.done:
		case <-time.After(time.Until(deadline)):
			_ = proc.cmd.Process.Kill()
			<-proc.done
		}
		delete(p.running, name)
	}
	if p.t.Failed() {
		p.dumpLogs()
	}
}

func (p *platform) dumpLogs() {
	for _, name := range services {
		data, err := os.ReadFile(filepath.Join(p.logDir, name+".log"))
		if err != nil {
			continue
		}
		if len(data) > 6000 {
			data = data[len(data)-6000:]
		}
		p.t.Logf("---- %s log (tail) ----\n%s", name, data)
	}
}

// profilectl runs the command-line tool against this platform's topics and
// databases and returns its combined output.
func (p *platform) profilectl(ctx context.Context, args ...string) string {
	p.t.Helper()
	cmd := exec.CommandContext(ctx, filepath.Join(p.binDir, "profilectl"), args...)
	cmd.Dir = p.root
	cmd.Env = p.env
	out, err := cmd.CombinedOutput()
	require.NoError(p.t, err, "profilectl %v:\n%s", args, out)
	return string(out)
}

// freeAddr returns a loopback address with a port that was free just now.
func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().String()
}
