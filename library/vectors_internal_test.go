package library

import (
	"context"
	"os"
	"testing"

	"github.com/footnote-bot/footnote/retrieval"
)

// countTexts is an embedder that counts the texts it embeds.
type countTexts struct {
	retrieval.Embedder
	n int
}

func (c *countTexts) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.n += len(texts)
	return c.Embedder.Embed(ctx, texts)
}

// The cache returns what the model made, asks the model only for texts it
// has not seen (in the caller's order), and embeds again a vector whose
// file was damaged.
func TestVectorCache(t *testing.T) {
	ctx := context.Background()
	inner := &countTexts{Embedder: retrieval.NewHashEmbedder(0)}
	c := newVectorCache(inner, t.TempDir())
	first, err := c.Embed(ctx, []string{"the embassy raid", "a court order"})
	if err != nil || inner.n != 2 {
		t.Fatalf("first: %v, %d embedded", err, inner.n)
	}
	again, err := c.Embed(ctx, []string{"a court order", "new words", "the embassy raid"})
	if err != nil {
		t.Fatal(err)
	}
	if inner.n != 3 {
		t.Errorf("%d texts embedded in all, want 3 (one new)", inner.n)
	}
	for i, pair := range [][2][]float32{{again[0], first[1]}, {again[2], first[0]}} {
		if len(pair[0]) != len(pair[1]) {
			t.Fatalf("pair %d: dimensions %d and %d", i, len(pair[0]), len(pair[1]))
		}
		for k := range pair[0] {
			if pair[0][k] != pair[1][k] {
				t.Fatalf("pair %d: the cached vector differs from the model's at %d", i, k)
			}
		}
	}
	p := c.path("a court order")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b[len(vectorMagic)] ^= 0xff
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Embed(ctx, []string{"a court order"}); err != nil || inner.n != 4 {
		t.Errorf("a damaged vector: %v, %d embedded in all, want 4", err, inner.n)
	}
	other := newVectorCache(&countTexts{Embedder: namedHash{retrieval.NewHashEmbedder(0)}}, c.dir)
	if _, err := other.Embed(ctx, []string{"the embassy raid"}); err != nil || other.inner.(*countTexts).n != 1 {
		t.Errorf("another model's vector was reused")
	}
}

type namedHash struct{ retrieval.Embedder }

func (namedHash) ID() string { return "another-model" }
