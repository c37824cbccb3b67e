package corpustest

import (
	"testing"
	"testing/fstest"
)

func TestLoadFiles(t *testing.T) {
	docs := LoadFiles(t, map[string]string{
		"a.md":     "---\ntitle: A\n---\nThe embassy was raided.",
		"sub/b.md": "Glas was arrested.",
	})
	if len(docs) != 2 || docs[0].ID != "a" || docs[1].Path != "sub/b.md" {
		t.Errorf("LoadFiles = %+v, want a.md and sub/b.md", docs)
	}
}

// A file that corpus.Load skips fails the test.
func TestLoadFailsOnSkippedFile(t *testing.T) {
	r := &failRecorder{T: t}
	Load(r, fstest.MapFS{"a.md": {Data: []byte("Text.")}, "empty.md": {Data: nil}})
	if !r.failed {
		t.Error("Load of a corpus with a skipped file did not fail")
	}
}

// failRecorder records Fatalf instead of failing, so a test can check that
// Load fails.
type failRecorder struct {
	*testing.T
	failed bool
}

func (r *failRecorder) Fatalf(format string, args ...any) { r.failed = true }
