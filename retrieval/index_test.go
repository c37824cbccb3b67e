package retrieval_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/corpus/corpustest"
	"github.com/footnote-bot/footnote/retrieval"
)

// countingEmbedder counts what reaches the real local embedder.
type countingEmbedder struct {
	retrieval.Embedder
	calls, texts atomic.Int64
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.calls.Add(1)
	c.texts.Add(int64(len(texts)))
	return c.Embedder.Embed(ctx, texts)
}

func newCounter() *countingEmbedder {
	return &countingEmbedder{Embedder: retrieval.NewHashEmbedder(0)}
}

func builtinDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	docs, skipped, err := corpus.Load(corpus.Builtin())
	if err != nil || len(skipped) > 0 || len(docs) != 1 {
		t.Fatalf("load builtin: docs=%d skipped=%v err=%v", len(docs), skipped, err)
	}
	return docs
}

func mapDocs(t *testing.T, files map[string]string) []*corpus.Document {
	t.Helper()
	return corpustest.LoadFiles(t, files)
}

func TestSecondStartEmbedsNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := builtinDocs(t)

	first := newCounter()
	_, st1, err := retrieval.Build(ctx, docs, retrieval.Options{Embedder: first, DataDir: dir, BatchSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if st1.Embedded != st1.Chunks || first.texts.Load() != int64(st1.Chunks) {
		t.Fatalf("first start embedded %d of %d chunks (%d texts sent)", st1.Embedded, st1.Chunks, first.texts.Load())
	}
	if want := (st1.Chunks + 4) / 5; int(first.calls.Load()) != want {
		t.Errorf("first start made %d embed calls, want ceil(%d/5) = %d", first.calls.Load(), st1.Chunks, want)
	}

	retrieval.ForgetSegments() // as a new process
	second := newCounter()
	ix, st2, err := retrieval.Build(ctx, builtinDocs(t), retrieval.Options{Embedder: second, DataDir: dir, BatchSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if second.calls.Load() != 0 || st2.Embedded != 0 || st2.Reused != st1.Chunks {
		t.Fatalf("second start: %d embed calls, stats %+v", second.calls.Load(), st2)
	}
	hits, err := ix.Search(ctx, "Who was arrested at the Mexican embassy?", 3)
	if err != nil || len(hits) != 3 {
		t.Fatalf("search after reload: %d hits, err %v", len(hits), err)
	}
}

func TestChangedAddedAndDeletedDocuments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a := "# Alpha\n\nThe alpha article talks about rivers and bridges in the north.\n"
	b := "# Beta\n\nThe beta article talks about mountains and snow in the south.\n"
	c := "# Gamma\n\nThe gamma article talks about deserts and camels in the east.\n"
	_, st, err := retrieval.Build(ctx, mapDocs(t, map[string]string{"a.md": a, "b.md": b}), retrieval.Options{DataDir: dir})
	if err != nil || st.Embedded != 2 {
		t.Fatalf("first build: %+v %v", st, err)
	}
	emb := newCounter()
	b2 := b + "\nA new paragraph about glaciers was added later.\n"
	ix, st, err := retrieval.Build(ctx, mapDocs(t, map[string]string{"b.md": b2, "c.md": c}), retrieval.Options{Embedder: emb, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	// b changed, c is new, a is gone: only b's and c's chunks are embedded.
	if st.Removed != 1 || st.Reused != 0 || st.Embedded != st.Chunks || emb.texts.Load() != int64(st.Chunks) {
		t.Fatalf("stats %+v, texts embedded %d", st, emb.texts.Load())
	}
	if ix.Document("a") != nil || ix.Document("c") == nil {
		t.Fatal("index kept a deleted document or lost a new one")
	}
	// and the state on disk now reflects the new corpus
	retrieval.ForgetSegments()
	again := newCounter()
	if _, st, err = retrieval.Build(ctx, mapDocs(t, map[string]string{"b.md": b2, "c.md": c}), retrieval.Options{Embedder: again, DataDir: dir}); err != nil || again.calls.Load() != 0 || st.Removed != 0 {
		t.Fatalf("third build: %+v calls=%d err=%v", st, again.calls.Load(), err)
	}
}

func TestEmbedderChangeRebuilds(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := builtinDocs(t)
	if _, _, err := retrieval.Build(ctx, docs, retrieval.Options{Embedder: retrieval.NewHashEmbedder(64), DataDir: dir}); err != nil {
		t.Fatal(err)
	}
	emb := &countingEmbedder{Embedder: retrieval.NewHashEmbedder(128)}
	ix, st, err := retrieval.Build(ctx, docs, retrieval.Options{Embedder: emb, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != 0 || st.Embedded != st.Chunks {
		t.Fatalf("embedder change reused old vectors: %+v", st)
	}
	if _, err := ix.Search(ctx, "Glas", 2); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedSegmentIsRebuilt: a segment file cut short or with a byte
// flipped fails its checks, and its document is embedded again.
func TestDamagedSegmentIsRebuilt(t *testing.T) {
	ctx := context.Background()
	for name, spoil := range map[string]func([]byte) []byte{
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"flipped":   func(b []byte) []byte { b[len(b)/3] ^= 0x40; return b },
		"empty":     func([]byte) []byte { return nil },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if _, _, err := retrieval.Build(ctx, builtinDocs(t), retrieval.Options{DataDir: dir}); err != nil {
				t.Fatal(err)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "segments", "*.seg"))
			if len(files) != 1 {
				t.Fatalf("%d segment files, want 1", len(files))
			}
			b, err := os.ReadFile(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(files[0], spoil(b), 0o644); err != nil {
				t.Fatal(err)
			}
			retrieval.ForgetSegments()
			_, st, err := retrieval.Build(ctx, builtinDocs(t), retrieval.Options{DataDir: dir})
			if err != nil || st.Embedded != st.Chunks || st.Reused != 0 {
				t.Fatalf("damaged segment: %+v %v", st, err)
			}
		})
	}
}

func TestDamagedStateIsRebuilt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.gob"), []byte("not a gob"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, st, err := retrieval.Build(ctx, builtinDocs(t), retrieval.Options{DataDir: dir})
	if err != nil || st.Embedded != st.Chunks {
		t.Fatalf("damaged state: %+v %v", st, err)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	ix, st, err := retrieval.Build(ctx, builtinDocs(t), retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, want string
	}{
		{"name", "Jorge Glas arrested", "to arrest Jorge Glas"},
		{"inflection", "Were diplomats injured?", "suffered injuries"},
		{"spanish punctuation", "¿Dónde está Guayaquil?", "Guayaquil"},
		{"number", "265 miles", "265 miles south of Quito"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(ctx, tt.query, 3)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, h := range hits {
				if strings.Contains(h.Chunk.Text, tt.want) {
					found = true
				}
				if h.Doc == nil || h.Chunk.DocID != h.Doc.ID {
					t.Errorf("hit %s has doc %v", h.Chunk.ID, h.Doc)
				}
			}
			if !found {
				t.Errorf("top 3 for %q lack %q", tt.query, tt.want)
			}
		})
	}
	// More results than the collection holds is not an error (chromem-go's
	// own query would fail).
	hits, err := ix.Search(ctx, "embassy", st.Chunks+10)
	if err != nil || len(hits) == 0 || len(hits) > st.Chunks {
		t.Fatalf("k over corpus size: %d hits, err %v", len(hits), err)
	}
	if _, err := ix.Search(ctx, "embassy", 0); err == nil {
		t.Fatal("k=0 accepted")
	}
}

func TestEmptyCorpus(t *testing.T) {
	_, _, err := retrieval.Build(context.Background(), nil, retrieval.Options{})
	if err != corpus.ErrEmpty {
		t.Fatalf("err = %v, want corpus.ErrEmpty", err)
	}
}

func TestHashEmbedderIsNormalisedAndDeterministic(t *testing.T) {
	e := retrieval.NewHashEmbedder(0)
	vs, err := e.Embed(context.Background(), []string{"Ecuador’s police raided the embassy", "Ecuador’s police raided the embassy", ""})
	if err != nil {
		t.Fatal(err)
	}
	var norm float64
	for i, x := range vs[0] {
		norm += float64(x * x)
		if x != vs[1][i] {
			t.Fatal("same text, different vectors")
		}
	}
	if norm < 0.999 || norm > 1.001 {
		t.Fatalf("norm² = %v, want 1", norm)
	}
	if len(vs[2]) != retrieval.DefaultHashDim {
		t.Fatalf("empty text vector has %d dims", len(vs[2]))
	}
}
