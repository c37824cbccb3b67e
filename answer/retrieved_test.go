package answer

import (
	"reflect"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// The passages an answer cites lead the retrieved list, in citation order,
// a cited one the search did not rank among the first k included, then the
// search's other hits by rank.
func TestCitedFirst(t *testing.T) {
	hit := func(id string, score float64) retrieval.Hit {
		return retrieval.Hit{Chunk: &corpus.Chunk{ID: id, DocID: "d"}, Score: score}
	}
	hits := []retrieval.Hit{hit("d#0", 0.3), hit("d#1", 0.2), hit("d#2", 0.1)}
	cites := []Citation{{ChunkID: "d#2", DocID: "d"}, {ChunkID: "d#5", DocID: "d"}, {ChunkID: "d#2", DocID: "d"}}
	var got []string
	for _, r := range citedFirst(cites, hits, 3) {
		got = append(got, r.ChunkID)
	}
	if want := []string{"d#2", "d#5", "d#0"}; !reflect.DeepEqual(got, want) {
		t.Errorf("citedFirst = %v, want %v", got, want)
	}
	if got := citedFirst(nil, hits, 2); len(got) != 2 || got[0].ChunkID != "d#0" {
		t.Errorf("no citations: %+v", got)
	}
}
