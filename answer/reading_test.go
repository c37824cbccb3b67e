package answer

import (
	"maps"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// A reading reads each article and chunk once: names read partly from
// what an earlier call read give what a fresh reading gives, and the same
// chunk's sentences come back the second time.
func TestReadingReadsOnce(t *testing.T) {
	ix := typesIndex(t)
	docs := append(ix.Documents(), &corpus.Document{ID: "other", Language: lang.English, Text: "Police said the police chief met the Port Council. Port Council member Ana Ruiz spoke."})
	r := (&question{}).reading()
	r.names(docs[:1])
	proper, surnames, bodies, places := r.names(docs)
	wp, ws, wb, wl := (&question{}).reading().names(docs)
	if !maps.Equal(proper, wp) || !maps.Equal(surnames, ws) || !maps.Equal(bodies, wb) || !maps.Equal(places, wl) {
		t.Fatalf("names read in two steps differ: %v %v %v, want %v %v %v", proper, surnames, bodies, wp, ws, wb)
	}
	if proper["police"] || !surnames["ruiz"] {
		t.Errorf("names: proper %v, surnames %v", proper, surnames)
	}
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
