package retrieval

import (
	"context"
	"runtime"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
)

// TestReplacedIndexIsFreed: after a rebuild with one more article is
// swapped in, nothing keeps the old index's vectors alive (the segments
// kept in memory point into the new index's array), so a long-running
// process holds one copy of the vectors, not one per reload.
func TestReplacedIndexIsFreed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	docs := segmentDocs(t)
	ix, _, err := Build(ctx, docs[:2], Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	live := NewLive(ix)
	freed := make(chan struct{}, 1)
	runtime.AddCleanup(&ix.flat.data[0], func(chan struct{}) { freed <- struct{}{} }, freed)
	ix = nil
	next, st, err := Build(ctx, docs, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused == 0 || st.Embedded == 0 {
		t.Fatalf("the rebuild reused %d and embedded %d chunks; want both", st.Reused, st.Embedded)
	}
	live.Swap(next)
	for range 20 {
		runtime.GC()
		select {
		case <-freed:
			if got := live.Index().Document(docs[2].ID); got == nil {
				t.Error("the new index lacks the added article")
			}
			return
		default:
		}
	}
	t.Fatal("the replaced index's vectors are still reachable after 20 collections")
}

// TestSegmentsShareTheIndexVectors: after a build, the segments kept in
// memory hold no vectors of their own: theirs are slices of the index's
// one array.
func TestSegmentsShareTheIndexVectors(t *testing.T) {
	dir := t.TempDir()
	docs := segmentDocs(t)
	ix, _, err := Build(context.Background(), docs, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	st := storeFor(dir)
	at := 0
	for _, d := range docs {
		s := st.segs[d.ID]
		n := len(corpus.Split(d))
		if len(s.Vectors) != n*ix.dim || &s.Vectors[0] != &ix.flat.data[at*ix.dim] {
			t.Fatalf("%s: its vectors are not the index's rows %d to %d", d.ID, at, at+n)
		}
		at += n
	}
}
