package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/answer"
)

func TestReadConversationsRejectsBadLines(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"not JSON", `{"id":"a","turns":[`, "line 1:"},
		{"no turns", `{"id":"a","turns":[]}`, "line 1: no turns"},
		{"no question", "\n" + `{"id":"a","turns":[{"question":" ","expect":["x"]}]}`, "line 2: turn 1 has no question"},
		{"no expected phrase", `{"id":"a","turns":[{"question":"Who?","expect":["x"]},{"question":"And?"}]}`, "line 1: turn 2 has no expected phrase"},
		{"empty", "\n\n", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadConversations(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// scriptedAsker answers from a table keyed by question and reads follow-ups
// as the table says, recording the history each question came with.
type scriptedAsker struct {
	answers    map[string]string
	standalone map[string]string
	histories  map[string][]answer.Turn
}

func (s *scriptedAsker) Ask(_ context.Context, r answer.Request) (*answer.Answer, error) {
	q, history := r.Question, r.History
	s.histories[q] = append([]answer.Turn(nil), history...)
	a := &answer.Answer{Question: q, Answer: s.answers[q], StandaloneQuestion: s.standalone[q]}
	if a.Answer == "" {
		a.Refused, a.Answer = true, "The articles don't say."
	}
	return a, nil
}

func TestRunConversationsScoresTurnsAndReadings(t *testing.T) {
	convs, err := ReadConversations(strings.NewReader(`
{"id":"c1","turns":[{"question":"Who was arrested?","expect":["Glas"]},{"question":"Where is he?","expect":["Guayaquil"],"standalone_has":["Glas"]}]}
{"id":"c2","turns":[{"question":"What did Nicaragua do?","expect":["cut ties"]},{"question":"And Colombia?","expect":["CELAC"],"standalone_has":["Colombia"],"standalone_not":["Nicaragua"]},{"question":"Why?","expect":["raid"]}]}
`))
	if err != nil {
		t.Fatal(err)
	}
	a := &scriptedAsker{
		answers: map[string]string{
			"Who was arrested?":      "Police arrested Jorge Glas. [1]",
			"Where is he?":           "Glas is held in Guayaquil. [1]",
			"What did Nicaragua do?": "Nicaragua cut ties. [1]",
			"And Colombia?":          "Nicaragua cut ties. [1]", // wrong answer
		},
		standalone: map[string]string{
			"Where is he?":  "Where is Glas?",
			"And Colombia?": "What did Nicaragua and Colombia do?", // wrong reading
		},
		histories: map[string][]answer.Turn{},
	}
	r, err := RunConversations(context.Background(), a, convs, 5)
	if err != nil {
		t.Fatal(err)
	}
	if r.Conversations != 2 || r.FirstTurns != 2 || r.FollowUps != 3 || r.ResolvedTurns != 2 {
		t.Fatalf("counts %+v", r)
	}
	if r.FirstHit != 1 || r.FollowUpHit != 1.0/3 || r.Resolved != 0.5 {
		t.Errorf("first %.3f, follow-ups %.3f, resolved %.3f; want 1, 0.333, 0.5", r.FirstHit, r.FollowUpHit, r.Resolved)
	}
	// each follow-up is asked with the turns before it, as asked and answered
	h := a.histories["Why?"]
	if len(h) != 4 || h[0].Text != "What did Nicaragua do?" || h[1].Role != "assistant" || h[2].Text != "And Colombia?" {
		t.Errorf("history of the third turn: %+v", h)
	}
	if len(a.histories["What did Nicaragua do?"]) != 0 {
		t.Errorf("a new conversation starts with no history")
	}
	var measures []string
	for _, m := range r.Misses {
		measures = append(measures, m.ID+" "+m.Measure)
	}
	if got := strings.Join(measures, ", "); got != "c2.2 standalone, c2.2 answer, c2.3 answer" {
		t.Errorf("misses: %s", got)
	}
}
