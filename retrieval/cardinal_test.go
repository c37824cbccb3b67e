package retrieval

import (
	"context"
	"strings"
	"testing"
)

// A figure in a question finds the same number written as a word, and the
// word finds the figure: of two passages alike but for their number, the
// one with the question's is first.
func TestNumberWordsMatchFigures(t *testing.T) {
	doc := func(l, text string) string { return "---\ntitle: Report\nlanguage: " + l + "\n---\n\n" + text + "\n" }
	ix := relatedIndex(t, map[string]string{
		"a-es.md": doc("es", "Un 21 % de los heridos tenía menos de diez años."),
		"b-es.md": doc("es", "Un 35 % de los heridos tenía menos de quince años."),
		"a-en.md": doc("en", "The union said nine cranes were idle at the port."),
		"b-en.md": doc("en", "The union said 12 cranes were idle at the port."),
	})
	for _, tc := range []struct{ question, want string }{
		{"¿Qué parte de los heridos tenía menos de 15 años?", "quince"},
		{"Were twelve cranes idle?", "12 cranes"},
	} {
		res, err := ix.Retrieve(context.Background(), tc.question, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Chunk.Text, tc.want) {
			t.Errorf("%q: first hit %v, want the passage with %q", tc.question, res.Hits, tc.want)
		}
	}
}
