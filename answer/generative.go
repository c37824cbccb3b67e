package answer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/prompts"
	"github.com/footnote-bot/footnote/retrieval"
)

// ChatModel is a language model behind an OpenAI-compatible API. Stream
// calls onDelta with each piece of text as it arrives and returns the whole
// reply.
type ChatModel interface {
	Stream(ctx context.Context, system, user string, onDelta func(string)) (string, error)
	Complete(ctx context.Context, system, user string) (string, error)
}

// Turn is an earlier message of a conversation.
type Turn struct {
	Role string // "user" or "assistant"
	Text string
}

// Generator answers with a language model and verifies every citation
// before anything is returned: each sentence is checked against the passages
// it cites (numbers, names, quotations, words, negation), then the model
// itself judges, in one call, the sentences that passed; when none
// survives, the model gets one chance to repair its answer. It falls back
// to the extractive engine when the model fails or its answer cannot be
// verified.
type Generator struct {
	engine  *Engine
	model   ChatModel
	timeout time.Duration
	log     *slog.Logger
}

// NewGenerator returns a generator over the engine's corpus. timeout bounds
// the answer's model call, and again the judge and repair calls together.
func NewGenerator(e *Engine, m ChatModel, timeout time.Duration, log *slog.Logger) *Generator {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	return &Generator{engine: e, model: m, timeout: timeout, log: log}
}

// source is a numbered passage given to the model.
type source struct {
	chunk *corpus.Chunk
	doc   *corpus.Document
}

// Ask answers r, streaming the model's text to r.OnDelta. With history,
// the question is first rewritten as a standalone one. The returned answer
// has only verified citations; a model failure or an unverifiable reply
// yields the extractive answer with a Note saying so.
func (g *Generator) Ask(ctx context.Context, r Request) (*Answer, error) {
	start := time.Now()
	eng := g.engine.snapshot()
	q, onDelta := r.Question, r.OnDelta
	standalone := g.Condense(ctx, q, r.History)
	k := r.K
	if k <= 0 {
		k = DefaultK
	}
	ext, res, err := eng.ask(ctx, standalone, k)
	if err != nil {
		return nil, err
	}
	ext.Question = q
	retrieved := time.Now()
	sources := sourcesOf(res.Hits, k)
	qLang := ext.Language
	p, err := prompts.Answer(prompts.AnswerData{Question: standalone, Language: qLang.Name(), Sources: promptSources(sources)})
	if err != nil {
		return nil, err
	}
	mctx, cancel := context.WithTimeout(ctx, g.timeout)
	defer cancel()
	var first time.Time
	reply, err := g.model.Stream(mctx, p.System, p.User, func(d string) {
		if first.IsZero() {
			first = time.Now()
		}
		if onDelta != nil {
			onDelta(d)
		}
	})
	modelDone := time.Now()
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		g.log.Warn("model failed, answering extractively", "err", err)
		return fallback(ext, "The language model did not answer ("+userReason(err)+"); this is the extractive answer."), nil
	}
	a := &Answer{Question: q, Mode: ModeGenerative, Language: qLang, Retrieved: ext.Retrieved, Citations: []Citation{}}
	t := &checkTimes{}
	if strings.Contains(reply, prompts.NotInSources) {
		qs := analyse(res.Query)
		refuse(a, qs, eng.candidates(qs, firstN(res.Hits, candidateChunks)))
		a.Verification = &Verification{Dropped: []string{}, Unsupported: []string{}}
	} else {
		// The judge and a repair share one deadline.
		vctx, vcancel := context.WithTimeout(ctx, g.timeout)
		defer vcancel()
		v := g.check(vctx, reply, qLang, sources, t)
		if len(v.citations) == 0 && vctx.Err() == nil {
			if r, ok := g.repair(vctx, repairData(standalone, qLang, sources), reply, qLang, sources, t); ok {
				v = r
			}
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		a.Verification = &v.report
		if len(v.citations) == 0 {
			g.log.Info("model answer failed verification, answering extractively", "dropped", len(v.report.Dropped), "unsupported", len(v.report.Unsupported))
			ext.Verification = &v.report
			return fallback(ext, "The model's answer could not be verified against the articles; this is the extractive answer."), nil
		}
		a.Answer, a.Citations = v.text, v.citations
		if len(v.report.Unsupported) > 0 {
			a.Note = fmt.Sprintf("%d unsupported sentence(s) removed.", len(v.report.Unsupported))
		}
	}
	a.TimingsMS = map[string]float64{
		"retrieve": ms(retrieved.Sub(start)),
		"model":    ms(modelDone.Sub(retrieved)),
		"verify":   ms(time.Since(modelDone) - t.judge - t.repair),
		"total":    ms(time.Since(start)),
	}
	if t.judge > 0 {
		a.TimingsMS["judge"] = ms(t.judge)
	}
	if t.repair > 0 {
		a.TimingsMS["repair"] = ms(t.repair)
	}
	if !first.IsZero() {
		a.TimingsMS["first_token"] = ms(first.Sub(retrieved))
	}
	return a, nil
}

// repairData is what a repair prompt needs besides the rejected sentences.
func repairData(question string, l lang.Lang, sources []source) prompts.RepairData {
	return prompts.RepairData{Question: question, Language: l.Name(), Sources: promptSources(sources)}
}

// checkTimes accumulates the time spent waiting on the model while
// verifying.
type checkTimes struct{ judge, repair time.Duration }

// check verifies generated text: the lexical checks, then the judge on the
// claims that passed the hard ones.
func (g *Generator) check(ctx context.Context, text string, l lang.Lang, sources []source, t *checkTimes) verified {
	a := assess(text, l, sources)
	if ctx.Err() == nil {
		start := time.Now()
		g.judge(ctx, a)
		t.judge += time.Since(start)
	}
	return a.result()
}

// repair asks the model once for a new answer, telling it which sentences
// failed and why, and checks the new answer like the first. ok is false
// when the model fails or the new answer has no verified sentence either.
func (g *Generator) repair(ctx context.Context, d prompts.RepairData, reply string, l lang.Lang, sources []source, t *checkTimes) (verified, bool) {
	d.Rejected = failures(assess(reply, l, sources))
	p, err := prompts.Repair(d)
	if err != nil {
		g.log.Warn("repair prompt", "err", err)
		return verified{}, false
	}
	start := time.Now()
	fixed, err := g.model.Stream(ctx, p.System, p.User, nil)
	t.repair += time.Since(start)
	if err != nil {
		g.log.Warn("repair failed", "err", err)
		return verified{}, false
	}
	if strings.Contains(fixed, prompts.NotInSources) {
		return verified{}, false
	}
	v := g.check(ctx, fixed, l, sources, t)
	if len(v.citations) == 0 {
		return verified{}, false
	}
	v.report.Repaired = true
	return v, true
}

func fallback(ext *Answer, note string) *Answer {
	ext.Note = note
	return ext
}

// statusCoder is an error that carries an HTTP status (llm.StatusError).
type statusCoder interface{ HTTPStatus() int }

// userReason says in a few words why the model did not answer, for the
// reader: never the error's text, which may hold the endpoint's address or
// the server's words (those go to the log).
func userReason(err error) string {
	var sc statusCoder
	var netErr *net.OpError
	var dnsErr *net.DNSError
	switch {
	case isTimeout(err):
		return "timed out"
	case errors.As(err, &sc):
		switch code := sc.HTTPStatus(); {
		case code == 401 || code == 403:
			return "the endpoint refused the API key"
		case code == 429:
			return "the endpoint is rate-limiting requests"
		case code == 404:
			return "the endpoint does not know the model"
		case code >= 500:
			return "the endpoint had a server error"
		case code == 0:
			return "the endpoint reported an error"
		default:
			return "the endpoint rejected the request"
		}
	case errors.Is(err, syscall.ECONNREFUSED), errors.As(err, &dnsErr), errors.As(err, &netErr):
		return "the endpoint could not be reached"
	}
	return "the request failed"
}

// Condense rewrites a follow-up question as a standalone one, using the
// model; without history it returns q. If the model fails, the offline
// resolver (CondenseOffline) reads the follow-up instead.
func (g *Generator) Condense(ctx context.Context, q string, history []Turn) string {
	if len(history) == 0 {
		return q
	}
	if len(history) > 8 {
		history = history[len(history)-8:]
	}
	turns := make([]prompts.Turn, len(history))
	for i, t := range history {
		turns[i] = prompts.Turn{Role: t.Role, Text: t.Text}
	}
	p, err := prompts.Condense(prompts.CondenseData{Turns: turns, Question: q})
	if err == nil {
		cctx, cancel := context.WithTimeout(ctx, g.timeout)
		defer cancel()
		var out string
		out, err = g.model.Complete(cctx, p.System, p.User)
		out = strings.TrimSpace(strings.Split(strings.TrimSpace(out), "\n")[0])
		if err == nil && out != "" && len(out) <= MaxQuestionRunes*2 {
			return out
		}
	}
	g.log.Warn("could not condense follow-up, using the earlier question as context", "err", err)
	return CondenseOffline(q, history)
}

// CondenseOffline makes a follow-up standalone without a model: its
// references and ellipses are resolved against earlier turns
// (ResolveFollowUp); a question that names its own subject is kept as is.
func CondenseOffline(q string, history []Turn) string {
	return ResolveFollowUp(q, history)
}

func sourcesOf(hits []retrieval.Hit, k int) []source {
	var out []source
	for i, h := range hits {
		if i == k {
			break
		}
		out = append(out, source{chunk: h.Chunk, doc: h.Doc})
	}
	return out
}

func promptSources(src []source) []prompts.Source {
	out := make([]prompts.Source, len(src))
	for i, s := range src {
		out[i] = prompts.Source{N: i + 1, Title: s.doc.Title, Outlet: s.doc.Source, Date: s.doc.Date, Language: s.chunk.Language.Name(), Text: s.chunk.Text}
	}
	return out
}

// Summarize writes a summary with the model from the passages the extractive
// summary draws on, verifying each point's citation; it falls back to the
// extractive summary when the model fails or no point survives.
func (g *Generator) Summarize(ctx context.Context, opts SummaryOptions, onDelta func(string)) (*Summary, error) {
	start := time.Now()
	focus, err := prompts.CheckFocus(opts.Focus)
	if err != nil {
		return nil, err
	}
	opts.Focus = focus
	eng := g.engine.snapshot()
	ext, err := eng.Summarize(ctx, SummaryOptions{Length: opts.Length, Focus: opts.Focus})
	if err != nil {
		return nil, err
	}
	if ext.Refused {
		return ext, nil
	}
	// sources: the chunks of the extractive points, then the leading chunks
	// of each article, up to twelve
	var sources []source
	seen := map[string]bool{}
	addChunk := func(c *corpus.Chunk) {
		if c != nil && !seen[c.ID] && len(sources) < 12 {
			seen[c.ID] = true
			sources = append(sources, source{chunk: c, doc: eng.corpus.Document(c.DocID)})
		}
	}
	for _, c := range ext.Citations {
		addChunk(eng.corpus.Chunk(c.ChunkID))
	}
	for _, d := range eng.corpus.Documents() {
		for i := 0; i < 2; i++ {
			addChunk(eng.corpus.Chunk(corpus.ChunkID(d.ID, i)))
		}
	}
	l := eng.corpus.Language()
	p, err := prompts.Summary(prompts.SummaryData{Points: summaryPoints[ext.Length], Focus: opts.Focus, Language: l.Name(), Sources: promptSources(sources)})
	if err != nil {
		return nil, err
	}
	mctx, cancel := context.WithTimeout(ctx, g.timeout)
	defer cancel()
	reply, err := g.model.Stream(mctx, p.System, p.User, onDelta)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		g.log.Warn("model failed, summarising extractively", "err", err)
		ext.Note = "The language model did not answer (" + userReason(err) + "); this is the extractive summary."
		return ext, nil
	}
	if strings.Contains(reply, prompts.NotInSources) {
		ext.Refused = true
		ext.Summary = fmt.Sprintf("The articles say nothing about %q.", opts.Focus)
		ext.Points, ext.Citations = []SummaryPoint{}, []Citation{}
		return ext, nil
	}
	vctx, vcancel := context.WithTimeout(ctx, g.timeout)
	defer vcancel()
	v := g.check(vctx, reply, l, sources, &checkTimes{})
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if len(v.citations) == 0 {
		ext.Note = "The model's summary could not be verified against the articles; this is the extractive summary."
		return ext, nil
	}
	s := &Summary{Mode: ModeGenerative, Length: ext.Length, Focus: ext.Focus, Citations: v.citations}
	for _, c := range splitClaims(v.text) {
		n := 0
		if len(c.cites) > 0 {
			n = c.cites[0]
		}
		s.Points = append(s.Points, SummaryPoint{Text: c.text, N: n})
	}
	var lines []string
	for _, c := range splitClaims(v.text) {
		var marks []string
		for _, n := range c.cites {
			marks = append(marks, fmt.Sprintf("[%d]", n))
		}
		lines = append(lines, "- "+c.text+" "+strings.Join(marks, ""))
	}
	s.Summary = strings.Join(lines, "\n")
	if len(v.report.Unsupported) > 0 {
		s.Note = fmt.Sprintf("%d unsupported point(s) removed.", len(v.report.Unsupported))
	}
	s.TimingsMS = map[string]float64{"total": ms(time.Since(start))}
	return s, nil
}
