package localdiscordtest

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// LogWriter sends lines to a test's log until the test ends, then drops
// them: a goroutine (the bot, the local Discord) logging after its test
// has ended would make the testing package panic.
type LogWriter struct {
	tb   testing.TB
	mu   sync.Mutex
	done bool
}

// NewLogWriter returns a LogWriter for tb. It registers its own end with
// tb.Cleanup, so create it before anything that logs to it: cleanups run
// last-registered first, and the log stays on until all else has stopped.
func NewLogWriter(tb testing.TB) *LogWriter {
	w := &LogWriter{tb: tb}
	tb.Cleanup(w.stop)
	return w
}

// Write logs p, without its trailing newlines, as one entry.
func (w *LogWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.tb.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

// Logf logs a formatted line, as [localdiscord.Options.Logf] wants.
func (w *LogWriter) Logf(format string, args ...any) {
	_, _ = fmt.Fprintf(w, format, args...)
}

func (w *LogWriter) stop() {
	w.mu.Lock()
	w.done = true
	w.mu.Unlock()
}
