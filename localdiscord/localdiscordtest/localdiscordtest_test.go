package localdiscordtest

import (
	"path/filepath"
	"strings"
	"testing"
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
