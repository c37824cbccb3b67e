package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/corpus/corpustest"
	"github.com/footnote-bot/footnote/retrieval"
)

// askAll answers each question from an engine over files and checks that
// the answer holds want and not not.
func askAll(t *testing.T, files map[string]string, cases []struct{ question, want, not string }) {
	t.Helper()
	ix, _, err := retrieval.Build(context.Background(), corpustest.LoadFiles(t, files), retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := NewEngine(ix)
	for _, tc := range cases {
		a, err := e.Ask(context.Background(), tc.question, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Refused || !strings.Contains(a.Answer, tc.want) || tc.not != "" && strings.Contains(a.Answer, tc.not) {
			t.Errorf("%q: %q, want %q without %q", tc.question, a.Answer, tc.want, tc.not)
		}
	}
}

// Asked who holds a post now, the answer names who took the post, not
// only the newest article's sentence saying the holder resigned; a
// question about the past keeps the sentence that names who held it.
func TestWhoHoldsThePostNow(t *testing.T) {
	askAll(t, map[string]string{
		"a.md": "---\ntitle: Port authority opens terminal\nsource: A\ndate: 2025-03-01\nlanguage: en\n---\n\n" +
			"Port authority director Ana Ruiz Tapia opened the new container terminal on Monday.\n",
		"b.md": "---\ntitle: Port authority after the crane accident\nsource: B\ndate: 2025-05-01\nlanguage: en\n---\n\n" +
			"Port authority director Ana Ruiz Tapia resigned on 2 April after the crane accident at the terminal. " +
			"She was replaced the following day by the engineer Pablo Mena Soto.\n",
	}, []struct{ question, want, not string }{
		{"Who runs the port authority now?", "Pablo Mena Soto", "opened"},
		{"Who opened the new container terminal?", "Ana Ruiz Tapia", "Mena"},
	})
}

// Asked who heads a body, a name stands by the body's initials as well as
// by its words: "NORS director …" answers "the head of river safety", the
// name the articles give as "National Office of River Safety (NORS)"; the
// head of another body does not.
func TestHeadOfABodyByItsInitials(t *testing.T) {
	askAll(t, map[string]string{
		"a.md": "---\ntitle: Floods in the valley\nsource: A\ndate: 2025-09-01\nlanguage: en\n---\n\n" +
			"The National Office of River Safety (NORS) closed three bridges on Monday.\n\n" +
			"\"Nobody should cross yet,\" NORS director Lidia Morán Cruz told reporters.\n\n" +
			"Fire brigade chief Pablo Mena Soto said the water was still rising.\n",
	}, []struct{ question, want, not string }{
		{"who's the head of river safety in the valley", "Lidia Morán Cruz", "Mena"},
	})
}
