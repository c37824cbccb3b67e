package answer

import (
	"maps"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
)

// A reading gives what docNames gives, reads each article and chunk once,
// and the same chunk's sentences the second time it is asked.
func TestReadingReadsOnce(t *testing.T) {
	ix := typesIndex(t)
	docs := ix.Documents()
	r := (&question{}).reading()
	proper, surnames, bodies := r.names(docs)
	wp, ws, wb := docNames(docs)
	if !maps.Equal(proper, wp) || !maps.Equal(surnames, ws) || !maps.Equal(bodies, wb) {
		t.Fatalf("names differ from docNames: %v %v %v", proper, surnames, bodies)
	}
	r.names(docs)
	if len(r.docs) != len(docs) {
		t.Errorf("%d articles read for %d", len(r.docs), len(docs))
	}
	var ch *corpus.Chunk
	for i, c := range ix.Chunks() {
		if len(c.Sentences) > 1 {
			ch = &ix.Chunks()[i]
			break
		}
	}
	if ch == nil {
		t.Fatal("no chunk of two sentences")
	}
	first := r.chunk(ch)
	if len(first.terms) != len(ch.Sentences) || len(first.all) == 0 {
		t.Fatalf("chunk read as %d sentences, %d stems", len(first.terms), len(first.all))
	}
	if r.chunk(ch) != first {
		t.Error("the chunk was read again")
	}
}
