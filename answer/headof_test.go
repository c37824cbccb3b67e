package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/corpus/corpustest"
	"github.com/footnote-bot/footnote/retrieval"
)

// Asked who heads a body, a name stands by the body's initials as well as
// by its words: "DNPC director …" answers "the head of civil protection",
// the name the articles give as "National Directorate of Civil
// Protection (DNPC)"; the head of another body does not.
func TestHeadOfABodyByItsInitials(t *testing.T) {
	files := map[string]string{
		"a.md": "---\ntitle: Floods in the south\nsource: A\ndate: 2025-03-01\nlanguage: en\n---\n\n" +
			"The National Directorate of Civil Protection (DNPC) opened four shelters on Monday.\n\n" +
			"\"Nobody should go back yet,\" DNPC director Marta Ugalde Rivas told reporters.\n\n" +
			"Fire brigade chief Pablo Mena Soto said the river was still rising.\n",
	}
	ix, _, err := retrieval.Build(context.Background(), corpustest.LoadFiles(t, files), retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewEngine(ix).Ask(context.Background(), "who's the head of civil protection in the south", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Refused || !strings.Contains(a.Answer, "Marta Ugalde Rivas") {
		t.Errorf("answer %q, want the DNPC director", a.Answer)
	}
}
