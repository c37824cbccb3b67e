package retrieval_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// countingFS counts the article files opened for reading (directory
// listings and stats are not counted).
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened []string
}

func (c *countingFS) Open(name string) (fs.File, error) {
	if corpus.Supported(name) {
		c.mu.Lock()
		c.opened = append(c.opened, name)
		c.mu.Unlock()
	}
	return c.FS.Open(name)
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countingFS) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.opened
	c.opened = nil
	sort.Strings(out) // files are parsed in parallel: which, not in what order
	return out
}

// corpusFolder writes files (slash-separated path: text) to a new
// temporary corpus folder and returns it with a new, empty data folder.
func corpusFolder(t *testing.T, files map[string]string) (corpusDir, dataDir string) {
	t.Helper()
	corpusDir, dataDir = t.TempDir(), t.TempDir()
	writeFiles(t, corpusDir, files)
	return corpusDir, dataDir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLoadFolderParsesOnlyChangedFiles: LoadFolder returns what
// corpus.Load returns, and once the index is built, a new process parses
// only the files added or changed since.
func TestLoadFolderParsesOnlyChangedFiles(t *testing.T) {
	ctx := context.Background()
	corpusDir, dataDir := corpusFolder(t, map[string]string{
		"a.md":        "# Alpha\n\nThe alpha article talks about rivers and bridges in the north.\n",
		"b.txt":       "Beta\n\nThe beta article talks about mountains and snow in the south.\n",
		"sub/c.md":    "# Gamma\n\nThe gamma article talks about deserts and camels in the east.\n",
		"sub/a.md":    "---\nid: a\n---\n\nA second article with the id of the first.\n",
		".hidden.md":  "# Hidden\n\nNever read.\n",
		"notes.pdf":   "not an article",
		"broken.html": "",
	})
	check := func(wantOpened []string) []*corpus.Document {
		t.Helper()
		fsys := &countingFS{FS: os.DirFS(corpusDir)}
		docs, skipped, err := retrieval.LoadFolder(fsys, corpusDir, dataDir)
		if err != nil {
			t.Fatal(err)
		}
		want, wantSkipped, err := corpus.Load(os.DirFS(corpusDir))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(docs, want) {
			t.Errorf("LoadFolder gave %d documents, corpus.Load %d, or they differ", len(docs), len(want))
		}
		if len(skipped) != len(wantSkipped) {
			t.Errorf("skipped %v, corpus.Load skipped %v", skipped, wantSkipped)
		}
		if got := fsys.take(); strings.Join(got, ",") != strings.Join(wantOpened, ",") {
			t.Errorf("parsed %v, want %v", got, wantOpened)
		}
		return docs
	}
	all := []string{"a.md", "b.txt", "broken.html", "sub/a.md", "sub/c.md"}
	docs := check(all)
	if _, _, err := retrieval.Build(ctx, docs, retrieval.Options{DataDir: dataDir}); err != nil {
		t.Fatal(err)
	}
	retrieval.ForgetSegments()
	check([]string{"broken.html", "sub/a.md"}) // what was not indexed is read again

	later := time.Now().Add(time.Minute)
	writeFiles(t, corpusDir, map[string]string{"b.txt": "Beta\n\nThe beta article now talks about glaciers.\n", "d.md": "# Delta\n\nA new article about deltas.\n"})
	if err := os.Chtimes(filepath.Join(corpusDir, "b.txt"), later, later); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(corpusDir, "sub", "c.md")); err != nil {
		t.Fatal(err)
	}
	retrieval.ForgetSegments()
	check([]string{"b.txt", "broken.html", "d.md", "sub/a.md"})
}
