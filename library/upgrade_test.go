package library_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/footnote-bot/footnote/library"
)

// TestUpgradeFromVersion1 starts from a data directory the version before
// servers had their own articles wrote (../testdata/datadir-v1): the
// article added then is in the shared corpus, as before, and no server's.
func TestUpgradeFromVersion1(t *testing.T) {
	data := t.TempDir()
	src := filepath.Join("..", "testdata", "datadir-v1", "corpus", "harbour.md")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(data, "corpus"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "corpus", "harbour.md"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	o := library.Options{DataDir: data, IndexRoot: data}
	shared, err := library.Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if shared.Index().Document("harbour") == nil {
		t.Fatal("the article added by the previous version is not in the shared corpus")
	}
	if len(shared.Documents()) < 2 {
		t.Fatalf("the shared corpus holds %d articles, want the built-in one and harbour", len(shared.Documents()))
	}
	g, err := library.NewGuilds(o, library.GuildOptions{}).Library(ctx, "175928847299117063")
	if err != nil {
		t.Fatal(err)
	}
	if g.Index().Document("harbour") != nil {
		t.Error("an article added before servers had their own is in a server's corpus")
	}
	if len(g.Documents()) != len(shared.Documents())-1 {
		t.Errorf("the server's corpus holds %d articles, want the built-in ones (%d)", len(g.Documents()), len(shared.Documents())-1)
	}
	if _, err := shared.Forget(ctx, "harbour"); err != nil {
		t.Errorf("the old article cannot be forgotten from the shared corpus: %v", err)
	}
}
