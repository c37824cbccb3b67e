package answer

import (
	"context"
	"slices"
	"testing"

	"github.com/footnote-bot/footnote/corpus/corpustest"
	"github.com/footnote-bot/footnote/retrieval"
)

// The passages listed with an answer let the chunk the answerer reads
// best among those the search ranked below them take the place of the
// listed one it reads worst: a union leader's name ranked seventh is
// listed instead of a chunk that only shares the question's words. The
// one chunk below the listing that reads worse than every listed chunk
// is left out.
func TestListingTakesTheBestReadChunkFromBelow(t *testing.T) {
	files := map[string]string{}
	for i, p := range []string{
		"The port union met on Monday to discuss the strike.",
		"The port union called the strike over automation.",
		"Members of the port union marched to the terminal.",
		"The port union said talks had failed again.",
		"The port union will hold a vote on Friday.",
		"The port union asked the ministry to mediate.",
		"Hector Saldias leads the port union, a crane operator of 54.",
		"Ships waited in the bay for a third day.",
	} {
		files[string(rune('a'+i))+".md"] = "---\ntitle: Port strike\nsource: A\ndate: 2025-03-03\n---\n\n" + p + "\n"
	}
	ix, _, err := retrieval.Build(context.Background(), corpustest.LoadFiles(t, files), retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(ix)
	res, err := ix.Retrieve(context.Background(), "Who leads the port union?", listedChunks)
	if err != nil || len(res.Hits) < 8 {
		t.Fatalf("search: %d hits, %v", len(res.Hits), err)
	}
	// put the named chunk and the ships' chunk last, below the listing
	hits := res.Hits
	var named, ships, rest []retrieval.Hit
	for _, h := range hits {
		switch h.Doc.ID {
		case "g":
			named = append(named, h)
		case "h":
			ships = append(ships, h)
		default:
			rest = append(rest, h)
		}
	}
	q := analyse(res.Query)
	for _, tc := range []struct {
		name  string
		order []retrieval.Hit // the search's order
		below []retrieval.Hit // the hits ranked below the listing
		want  string          // the doc that must be listed, "" for the search's first five
	}{
		{"a name reads better", append(slices.Clone(rest), named...), named, "g"},
		{"a sentence of nothing asked reads worse", append(slices.Clone(rest[:5]), ships...), ships, ""},
	} {
		order := tc.order
		listed := e.withBestRead(q, nil, order, 5)
		if len(listed) != 5 {
			t.Fatalf("%s: %d listed", tc.name, len(listed))
		}
		docs := map[string]bool{}
		for _, r := range listed {
			docs[r.DocID] = true
		}
		for _, h := range tc.below {
			if got := docs[h.Doc.ID]; got != (tc.want == h.Doc.ID) {
				t.Errorf("%s: %s listed %v, want %v (listed %v)", tc.name, h.Doc.ID, got, tc.want == h.Doc.ID, docs)
			}
		}
	}
}
