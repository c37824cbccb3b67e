package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

func TestRead(t *testing.T) {
	items, err := Read(strings.NewReader(`{"id":"a","question":"Who?","answerable":true,"expect":["x"],"gold":["y"]}

{"question":"Where?","answerable":false}`))
	if err != nil || len(items) != 2 || items[1].ID != "3" {
		t.Fatalf("%+v %v", items, err)
	}
	for _, bad := range []string{"", "{", `{"id":"x"}`, `{"question":1}`} {
		if _, err := Read(strings.NewReader(bad)); err == nil {
			t.Errorf("Read(%q) accepted", bad)
		}
	}
}

func TestWellCited(t *testing.T) {
	c := []answer.Citation{{N: 1}, {N: 2}}
	for _, tt := range []struct {
		text string
		cits []answer.Citation
		want bool
	}{
		{"A [1]. B [2].", c, true},
		{"A [1]. B [3].", c, false},
		{"No marker.", c, false},
		{"A [1].", nil, false},
	} {
		if got := wellCited(&answer.Answer{Answer: tt.text, Citations: tt.cits}); got != tt.want {
			t.Errorf("wellCited(%q) = %v", tt.text, got)
		}
	}
}

type engineAsker struct{ e *answer.Engine }

func (a engineAsker) Ask(ctx context.Context, q string, k int) (*answer.Answer, error) {
	return a.e.Ask(ctx, q, answer.Options{K: k})
}

// The measures count what they say: a question the corpus answers, one it
// does not, and one whose gold passage is nowhere.
func TestRunMeasures(t *testing.T) {
	docs, _, err := corpus.Load(corpus.Builtin())
	if err != nil {
		t.Fatal(err)
	}
	ix, _, err := retrieval.Build(context.Background(), docs, retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	items := []Item{
		{ID: "1", Question: "Which other country cut diplomatic relations with Ecuador?", Answerable: true, Expect: []string{"Nicaragua"}, Gold: []string{"Nicaragua also decided"}},
		{ID: "2", Question: "How do I bake sourdough bread?"},
		{ID: "3", Question: "Which other country cut diplomatic relations with Ecuador?", Answerable: true, Expect: []string{"Peru"}, Gold: []string{"a passage that is not there"}},
	}
	r, err := Run(context.Background(), engineAsker{answer.NewEngine(ix)}, items, 5)
	if err != nil {
		t.Fatal(err)
	}
	if r.RecallAtK != 0.5 || r.AnswerHit != 0.5 || r.RefusalAccuracy != 1 || r.FalseRefusals != 0 || r.CitationPrecision != 0.5 {
		t.Fatalf("%+v", r)
	}
	if f := r.Failures(DefaultBars); len(f) == 0 {
		t.Fatal("a run below the bars reports no failure")
	}
}
