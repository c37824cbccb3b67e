package localdiscordtest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A LogWriter outlives its test: once the test has ended it is silent
// (tb.Log would panic once no parent test runs), and writing still succeeds.
func TestLogWriterAfterTest(t *testing.T) {
	var w *LogWriter
	t.Run("inner", func(t *testing.T) {
		w = NewLogWriter(t)
		w.Logf("during the test: %d", 1)
	})
	w.mu.Lock()
	done := w.done
	w.mu.Unlock()
	if !done {
		t.Fatal("the LogWriter still logs after its test ended")
	}
	p := []byte("after the test\n")
	n, err := w.Write(p)
	if n != len(p) || err != nil {
		t.Fatalf("Write after the test = %d, %v; want %d, nil", n, err, len(p))
	}
}

// fatalTB records Fatalf instead of ending the test.
type fatalTB struct {
	testing.TB
	fatal string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.fatal = format
}

func TestSpecMissingFileFails(t *testing.T) {
	tb := &fatalTB{TB: t}
	Spec(tb, filepath.Join(t.TempDir(), "missing.json"))
	if !strings.HasPrefix(tb.fatal, "load discord spec") {
		t.Fatalf("Spec of a missing file: Fatalf(%q), want load discord spec: …", tb.fatal)
	}
}

// Start returns once ready is closed, and stop ends run's context and
// waits for it to return.
func TestStartThenStop(t *testing.T) {
	ready := make(chan struct{})
	var ended atomic.Bool
	run := func(ctx context.Context) error {
		close(ready)
		<-ctx.Done()
		ended.Store(true)
		return nil
	}
	stop := Start(t, 10*time.Second, run, ready)
	if ended.Load() {
		t.Fatal("run ended before stop")
	}
	stop()
	if !ended.Load() {
		t.Fatal("stop returned before run did")
	}
}

// A run that returns before it is ready fails the test with its error.
func TestStartRunFailsBeforeReady(t *testing.T) {
	tb := &fatalTB{TB: t}
	run := func(context.Context) error { return errors.New("no gateway") }
	Start(tb, 10*time.Second, run, make(chan struct{}))
	if !strings.HasPrefix(tb.fatal, "run returned before ready") {
		t.Fatalf("Fatalf(%q), want run returned before ready: …", tb.fatal)
	}
}
