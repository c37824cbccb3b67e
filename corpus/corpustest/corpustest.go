// Package corpustest loads the small corpora that tests write out in full,
// as the tests of several packages (answer, retrieval) do.
//
// It is for tests only; no program links it.
package corpustest

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/footnote-bot/footnote/corpus"
)

// Load returns the documents of fsys. An error, or a file [corpus.Load]
// skips, fails tb.
func Load(tb testing.TB, fsys fs.FS) []*corpus.Document {
	tb.Helper()
	docs, skipped, err := corpus.Load(fsys)
	if err != nil || len(skipped) > 0 {
		tb.Fatalf("load: skipped=%v err=%v", skipped, err)
	}
	return docs
}

// LoadFiles returns the documents of files, the text of each file by its
// path, as [Load] does.
func LoadFiles(tb testing.TB, files map[string]string) []*corpus.Document {
	tb.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return Load(tb, fsys)
}
