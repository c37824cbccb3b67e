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

func (a engineAsker) Ask(ctx context.Context, r answer.Request) (*answer.Answer, error) {
	return a.e.Ask(ctx, r.Question, answer.Options{K: r.K})
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

// cannedAsker answers each question with the text it is given, refusing
// when the text is empty.
type cannedAsker map[string]string

func (c cannedAsker) Ask(_ context.Context, r answer.Request) (*answer.Answer, error) {
	q := r.Question
	text := c[q]
	if text == "" {
		return &answer.Answer{Refused: true, Answer: "no"}, nil
	}
	return &answer.Answer{Answer: text + " [1]", Citations: []answer.Citation{{N: 1, Text: text}}, Retrieved: []answer.Retrieved{{Text: text}}}, nil
}

// Figures are broken down by kind, by language and by whether a question
// crosses languages, and a kind is read off the question when not given.
func TestRunGroups(t *testing.T) {
	items := []Item{
		{ID: "1", Question: "Who left?", Answerable: true, Expect: []string{"Ana"}, Gold: []string{"Ana left"}},
		{ID: "2", Question: "¿Quién se fue?", Answerable: true, Expect: []string{"Ana"}, Gold: []string{"Ana left"}, CrossLingual: true},
		{ID: "3", Question: "When did she leave?", Answerable: true, Expect: []string{"Monday"}, Gold: []string{"on Monday"}, Kind: "time-sensitive"},
		{ID: "4", Question: "Why did the sky fall?"},
	}
	r, err := Run(context.Background(), cannedAsker{"Who left?": "Ana left", "¿Quién se fue?": "Ana left", "When did she leave?": "She left."}, items, 5)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Group{}
	for _, g := range r.Groups {
		got[g.Name] = g
	}
	for name, want := range map[string]struct {
		n   int
		hit float64
	}{
		"same-language": {3, 0.5}, "cross-lingual": {1, 1}, "lang en": {3, 0.5}, "lang es": {1, 1},
		"kind who": {2, 1}, "kind time-sensitive": {1, 0}, "kind unanswerable": {1, 1},
	} {
		g, ok := got[name]
		if !ok || g.Questions != want.n || g.Answerable > 0 && g.AnswerHit != want.hit {
			t.Errorf("group %q = %+v (present %v), want %d questions, hit %.1f", name, g, ok, want.n, want.hit)
		}
	}
	if got["kind unanswerable"].RefusalAccuracy != 1 {
		t.Errorf("unanswerable group: %+v", got["kind unanswerable"])
	}
}
