package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/footnote-bot/footnote/answer"
)

// Conversation is one multi-turn conversation of a set, one JSON object per
// line: {"id", "corpus", "lang", "turns": [{"question", "expect",
// "standalone_has", "standalone_not"}]}. Each turn after the first is a
// follow-up asked with the turns before it as history.
type Conversation struct {
	ID string `json:"id"`
	// Corpus names the corpus the set was written over ("multi" for
	// testdata/corpus-multi); empty is the built-in article.
	Corpus string             `json:"corpus,omitempty"`
	Lang   string             `json:"lang,omitempty"`
	Turns  []ConversationTurn `json:"turns"`
}

// ConversationTurn is a question of a conversation and what its answer and
// its standalone reading must contain.
type ConversationTurn struct {
	Question string `json:"question"`
	// Expect: the answer must contain one of these phrases.
	Expect []string `json:"expect"`
	// StandaloneHas: the question as answered (the standalone reading of a
	// follow-up) must contain every one of these (an element may list
	// spellings that each count, "OAS|Organization of American States");
	// StandaloneNot: none.
	StandaloneHas []string `json:"standalone_has,omitempty"`
	StandaloneNot []string `json:"standalone_not,omitempty"`
}

// ReadConversations parses a JSON Lines conversation set. Blank lines are
// skipped; a bad line is an error naming its line number.
func ReadConversations(r io.Reader) ([]Conversation, error) {
	return readLines(r, "conversation set", func(c *Conversation, n int) error {
		if len(c.Turns) == 0 {
			return errors.New("no turns")
		}
		for i, t := range c.Turns {
			if strings.TrimSpace(t.Question) == "" {
				return fmt.Errorf("turn %d has no question", i+1)
			}
			if len(t.Expect) == 0 {
				return fmt.Errorf("turn %d has no expected phrase", i+1)
			}
		}
		c.ID = lineID(c.ID, n)
		return nil
	})
}

// ConversationReport holds the measures of a conversation run. Rates are in
// [0, 1].
type ConversationReport struct {
	Conversations int `json:"conversations"`
	FirstTurns    int `json:"first_turns"`
	FollowUps     int `json:"follow_ups"`
	// FirstHit and FollowUpHit are the shares of answers that contain an
	// expected phrase, for first turns and for follow-ups.
	FirstHit    float64 `json:"first_hit"`
	FollowUpHit float64 `json:"follow_up_hit"`
	// Resolved is the share of follow-ups with standalone checks whose
	// standalone reading passes them: the resolver's own correctness.
	Resolved      float64 `json:"resolved"`
	ResolvedTurns int     `json:"resolved_turns"`
	Misses        []Miss  `json:"misses"`
}

// RunConversations asks every conversation turn by turn, each follow-up with
// the questions and answers before it, and scores the answers and the
// standalone readings.
func RunConversations(ctx context.Context, a Asker, convs []Conversation, k int) (*ConversationReport, error) {
	r := &ConversationReport{Conversations: len(convs)}
	var firstHit, followHit, resolved int
	for _, c := range convs {
		var history []answer.Turn
		for i, t := range c.Turns {
			id := fmt.Sprintf("%s.%d", c.ID, i+1)
			ans, err := a.Ask(ctx, answer.Request{Question: t.Question, History: history, K: k})
			if err != nil {
				return nil, fmt.Errorf("conversation %s: %w", id, err)
			}
			miss := func(measure, got string) {
				r.Misses = append(r.Misses, Miss{ID: id, Question: t.Question, Measure: measure, Got: oneLine(got)})
			}
			hit := !ans.Refused && containsAny(ans.Answer, t.Expect)
			standalone := ans.StandaloneQuestion
			if standalone == "" {
				standalone = t.Question
			}
			if i == 0 {
				r.FirstTurns++
				if hit {
					firstHit++
				}
			} else {
				r.FollowUps++
				if hit {
					followHit++
				}
				if len(t.StandaloneHas)+len(t.StandaloneNot) > 0 {
					r.ResolvedTurns++
					if containsAll(standalone, t.StandaloneHas) && !containsAny(standalone, t.StandaloneNot) {
						resolved++
					} else {
						miss("standalone", standalone)
					}
				}
			}
			if !hit {
				miss("answer", "("+standalone+") "+ans.Answer)
			}
			history = append(history, answer.Turn{Role: "user", Text: t.Question}, answer.Turn{Role: "assistant", Text: ans.Answer})
		}
	}
	r.FirstHit = rate(firstHit, r.FirstTurns)
	r.FollowUpHit = rate(followHit, r.FollowUps)
	r.Resolved = rate(resolved, r.ResolvedTurns)
	return r, nil
}

func containsAll(text string, phrases []string) bool {
	for _, p := range phrases {
		if !containsAny(text, strings.Split(p, "|")) {
			return false
		}
	}
	return true
}

// Print writes the report for a person.
func (r *ConversationReport) Print(w io.Writer) {
	fmt.Fprintf(w, "conversations       %d (%d follow-ups)\n", r.Conversations, r.FollowUps)
	fmt.Fprintf(w, "first-turn hit      %.3f\n", r.FirstHit)
	fmt.Fprintf(w, "follow-up hit       %.3f\n", r.FollowUpHit)
	fmt.Fprintf(w, "resolved follow-ups %.3f (%d checked)\n", r.Resolved, r.ResolvedTurns)
	if len(r.Misses) > 0 {
		fmt.Fprintf(w, "\nmisses:\n")
		for _, m := range r.Misses {
			fmt.Fprintf(w, "  %-6s %-10s %s\n         got: %s\n", m.ID, m.Measure, m.Question, m.Got)
		}
	}
}
