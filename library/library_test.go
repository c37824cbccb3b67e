package library_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/retrieval"
)

// newLibrary returns a library over a temporary folder, answering also from
// a read-only article outside it (as the built-in one is).
func newLibrary(t *testing.T, emb retrieval.Embedder) *library.Library {
	t.Helper()
	builtin := fstest.MapFS{"builtin.md": {Data: []byte("# Built in\n\nThe built-in article about the embassy raid in Quito.\n")}}
	l, err := library.Open(context.Background(), library.Options{DataDir: t.TempDir(), IndexRoot: t.TempDir(), Builtin: builtin, Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestAddFileForget(t *testing.T) {
	l := newLibrary(t, nil)
	ctx := context.Background()
	body := []byte("---\ntitle: OAS vote\ndate: 2024-04-10\n---\n\nThe Organization of American States approved a resolution on Wednesday. Ecuador voted against it.\n")
	a, err := l.AddFile(ctx, "oas.md", body)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "oas" || a.Title != "OAS vote" || a.Date != "2024-04-10" || a.Chunks != 1 || a.Summary == nil || len(a.Summary.Points) == 0 {
		t.Fatalf("added %+v", a)
	}
	if l.Index().Document("oas") == nil {
		t.Fatal("not indexed at once")
	}
	dup, err := l.AddFile(ctx, "copy.md", body)
	if err != nil || dup.DuplicateOf != "oas" {
		t.Fatalf("duplicate: %+v, %v", dup, err)
	}
	if _, err := l.AddFile(ctx, "notes.pdf", []byte("%PDF")); err == nil {
		t.Fatal("a PDF was accepted")
	}
	if _, err := l.Forget(ctx, "builtin"); !errors.Is(err, library.ErrBuiltIn) {
		t.Fatalf("forget built-in: %v", err)
	}
	if _, err := l.Forget(ctx, "nope"); !errors.Is(err, library.ErrNotFound) {
		t.Fatalf("forget unknown: %v", err)
	}
	title, err := l.Forget(ctx, "oas")
	if err != nil || title != "OAS vote" {
		t.Fatalf("forget: %q, %v", title, err)
	}
	if _, err := os.Stat(filepath.Join(l.Dir(), "oas.md")); !os.IsNotExist(err) || l.Index().Document("oas") != nil {
		t.Fatal("forgotten article still there")
	}
}

// TestAChangeStuckBehindASlowOneGivesUp: while a rebuild hangs, another
// /ingest or /forget returns at its own deadline instead of waiting for it.
func TestAChangeStuckBehindASlowOneGivesUp(t *testing.T) {
	g := &gate{Embedder: retrieval.NewHashEmbedder(0), entered: make(chan struct{}), release: make(chan struct{})}
	l := newLibrary(t, g)
	g.armed.Store(true) // the next build hangs until released
	entered, release := g.entered, g.release
	ctx := context.Background()
	first := make(chan error, 1)
	go func() {
		_, err := l.AddFile(ctx, "slow.md", []byte("# Slow\n\nThe first change, whose rebuild hangs."))
		first <- err
	}()
	<-entered
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := l.AddFile(cctx, "second.md", []byte("# Second\n\nA change behind a hung one.")); !errors.Is(err, context.Canceled) {
		t.Errorf("add behind a hung rebuild: %v, want context.Canceled", err)
	}
	if _, err := l.Forget(cctx, "builtin"); !errors.Is(err, context.Canceled) {
		t.Errorf("forget behind a hung rebuild: %v, want context.Canceled", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if _, err := l.AddFile(ctx, "third.md", []byte("# Third\n\nOnce the first is done, changes go through.")); err != nil {
		t.Fatal(err)
	}
}

// TestAddSeesArticlesAnotherProcessWrote: an article written into the folder
// by `footnote ingest` but not indexed yet is still a duplicate.
func TestAddSeesArticlesAnotherProcessWrote(t *testing.T) {
	l := newLibrary(t, nil)
	body := []byte("# OAS\n\nThe Organization of American States approved a resolution on Wednesday.")
	if err := os.MkdirAll(l.Dir(), 0o755); err != nil { // as footnote ingest makes it
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(l.Dir(), "by-cli.md"), body, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := l.AddFile(context.Background(), "upload.md", body)
	if err != nil || a.DuplicateOf != "by-cli" {
		t.Fatalf("added %+v, %v; want a duplicate of by-cli", a, err)
	}
	if entries, _ := os.ReadDir(l.Dir()); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want 1", len(entries))
	}
}

// TestIndexedLibrary: an article is indexed into the saved index, and one
// another process wrote into the folder (read through
// retrieval.LoadFolder) still counts as a duplicate.
func TestIndexedLibrary(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "seed.md"), []byte("# Seed\n\nPolice entered the embassy in Quito late on Friday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l, err := library.Open(ctx, library.Options{CorpusDir: dir, IndexRoot: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.AddFile(ctx, "court.md", []byte("# Court\n\nMexico filed a case at the International Court of Justice on Thursday.\n"))
	if err != nil || a.ID != "court" || l.Index().Document("court") == nil {
		t.Fatalf("added %+v, %v", a, err)
	}
	other := []byte("# Vote\n\nThe Organization of American States approved a resolution on Wednesday.\n")
	if err := os.WriteFile(filepath.Join(dir, "vote.md"), other, 0o644); err != nil {
		t.Fatal(err)
	}
	dup, err := l.AddFile(ctx, "vote-copy.md", other)
	if err != nil || dup.DuplicateOf != "vote" {
		t.Fatalf("a copy of an article another process wrote: %+v, %v", dup, err)
	}
	if _, err := l.Forget(ctx, "court"); err != nil || l.Index().Document("court") != nil {
		t.Fatalf("forget: %v", err)
	}
}

// gate is an embedder whose next call, once armed, signals entered and
// hangs until release is closed.
type gate struct {
	retrieval.Embedder
	armed            atomic.Bool
	entered, release chan struct{}
}

func (g *gate) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if g.armed.CompareAndSwap(true, false) {
		g.entered <- struct{}{}
		<-g.release
	}
	return g.Embedder.Embed(ctx, texts)
}
