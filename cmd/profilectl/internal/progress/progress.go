// Package progress shows how far a long import has got: a progress bar on a
// terminal, or a plain log line every few seconds otherwise, so that logs
// of a pipe or a CI job stay readable.
package progress

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// LogInterval is the time between two plain progress lines.
const LogInterval = 5 * time.Second

// Reporter receives the bytes read of a file of known size.
type Reporter interface {
	// Update sets the bytes read so far; cheap enough to call per row.
	Update(read int64)
	// Finish sets the final bytes read and ends the bar or writes the last
	// log line.
	Finish(read int64)
}

// New returns a bar on out when out is a terminal, else a Reporter that logs
// every LogInterval. total is the file size in bytes.
func New(out *os.File, total int64, description string, log zerolog.Logger) Reporter {
	if term.IsTerminal(int(out.Fd())) {
		return &bar{bar: newBar(out, total, description)}
	}
	return &logLines{log: log, total: total, description: description, last: time.Now()}
}

func newBar(out io.Writer, total int64, description string) *progressbar.ProgressBar {
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(out),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionShowCount(),
		progressbar.OptionOnCompletion(func() { io.WriteString(out, "\n") }),
	)
}

type bar struct {
	bar *progressbar.ProgressBar
}

func (b *bar) Update(read int64) { b.bar.Set64(read) }

func (b *bar) Finish(read int64) {
	b.bar.Set64(read)
	b.bar.Finish()
}

type logLines struct {
	mu          sync.Mutex
	log         zerolog.Logger
	total, read int64
	description string
	last        time.Time
}

func (l *logLines) Update(read int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.read = read
	if time.Since(l.last) >= LogInterval {
		l.last = time.Now()
		l.write()
	}
}

func (l *logLines) Finish(read int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.read = read
	l.write()
}

func (l *logLines) write() {
	percent := 100.0
	if l.total > 0 {
		percent = float64(l.read) * 100 / float64(l.total)
	}
	l.log.Info().Str("task", l.description).Int64("bytes_read", l.read).Int64("bytes_total", l.total).
		Float64("percent", percent).Msg("progress")
}
