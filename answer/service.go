package answer

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/lang"
)

// Request is one way of asking, whoever asks: the command line, a chat, a
// Discord thread or an evaluation.
type Request struct {
	// Question is the question as asked (cleaned by CleanQuestion).
	Question string
	// History is the earlier turns of the conversation, oldest first; a
	// follow-up is read against them. Empty for a question on its own.
	History []Turn
	// K is how many passages to retrieve and list; 0 is DefaultK.
	K int
	// OnDelta, when set, receives the answer's text as a model writes it
	// (it may never be called).
	OnDelta func(string)
}

// Service answers and summarises from the corpus in use, with a model when
// one is given (citations verified) and extractively otherwise. The bot,
// the command line and evaluations share it.
type Service struct {
	engine *Engine
	gen    *Generator // nil when extractive
}

// NewService answers from the corpus current returns at each question (a
// live index may be swapped under it). With a model, answers are written
// by it; timeout bounds its calls as NewGenerator says, and log (nil
// discards) receives its failures.
func NewService(current func() Corpus, model ChatModel, timeout time.Duration, log *slog.Logger) *Service {
	s := &Service{engine: NewLiveEngine(current)}
	if model != nil {
		s.gen = NewGenerator(s.engine, model, timeout, log)
	}
	return s
}

// Generative reports whether a model writes the answers.
func (s *Service) Generative() bool { return s.gen != nil }

// Ask answers r. A follow-up is first made standalone, by the model when
// there is one (the offline resolver is its fallback), and the answer
// carries that reading in StandaloneQuestion when it differs from the
// question asked.
func (s *Service) Ask(ctx context.Context, r Request) (*Answer, error) {
	var standalone string
	if s.gen != nil {
		standalone = s.gen.Condense(ctx, r.Question, r.History)
	} else {
		standalone = CondenseOffline(r.Question, r.History)
	}
	var ans *Answer
	var err error
	if s.gen != nil {
		ans, err = s.gen.Ask(ctx, Request{Question: standalone, K: r.K, OnDelta: r.OnDelta})
	} else {
		ans, err = s.engine.Ask(ctx, standalone, Options{K: r.K})
	}
	if err != nil {
		return nil, err
	}
	ans.Question = r.Question
	if !sameQuestion(standalone, r.Question) {
		ans.StandaloneQuestion = standalone
	}
	return ans, nil
}

// sameQuestion reports whether two questions differ only in case, accents,
// spacing or punctuation (a model echoing a question that stood alone).
func sameQuestion(a, b string) bool {
	norm := func(s string) string {
		var words []string
		for _, t := range lang.Tokenize(s) {
			words = append(words, t.Text)
		}
		return strings.Join(words, " ")
	}
	return norm(a) == norm(b)
}

// Summarize summarises the corpus, streaming a model's text to onDelta
// (which may be nil).
func (s *Service) Summarize(ctx context.Context, opts SummaryOptions, onDelta func(string)) (*Summary, error) {
	if s.gen != nil {
		return s.gen.Summarize(ctx, opts, onDelta)
	}
	return s.engine.Summarize(ctx, opts)
}
