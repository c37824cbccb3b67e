// Package eval measures answers against a question set: retrieval recall,
// answer hits, citation rate and precision, and refusals.
package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/lang"
)

// Item is one question of a set, one JSON object per line.
type Item struct {
	ID         string   `json:"id"`
	Question   string   `json:"question"`
	Answerable bool     `json:"answerable"`
	Expect     []string `json:"expect"`
	Gold       []string `json:"gold"`
	// Kind labels the question (who, when, how-many, why, paraphrase,
	// multi-doc, …); when absent it is read off the question word.
	Kind string `json:"kind,omitempty"`
	// Lang is the question's language; detected when absent.
	Lang string `json:"lang,omitempty"`
	// CrossLingual marks a question answered only by articles in the other
	// language.
	CrossLingual bool `json:"cross_lingual,omitempty"`
}

// Read parses a JSON Lines question set. Blank lines are skipped; a bad line
// is an error naming its line number.
func Read(r io.Reader) ([]Item, error) {
	return readLines(r, "question set", func(it *Item, n int) error {
		if strings.TrimSpace(it.Question) == "" {
			return errors.New("no question")
		}
		it.ID = lineID(it.ID, n)
		return nil
	})
}

// Asker answers a request: a question on its own (Run) or with the earlier
// turns of its conversation (RunConversations).
type Asker interface {
	Ask(ctx context.Context, r answer.Request) (*answer.Answer, error)
}

// Miss is a question that fell short on some measure.
type Miss struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Measure  string `json:"measure"`
	Got      string `json:"got"`
}

// Report holds the measures of one run. Rates are in [0, 1].
type Report struct {
	Questions         int     `json:"questions"`
	Answerable        int     `json:"answerable"`
	K                 int     `json:"k"`
	RecallAtK         float64 `json:"recall_at_k"`
	AnswerHit         float64 `json:"answer_hit"`
	CitedAnswers      float64 `json:"cited_answers"`
	CitationPrecision float64 `json:"citation_precision"`
	RefusalAccuracy   float64 `json:"refusal_accuracy"`
	FalseRefusals     float64 `json:"false_refusals"`
	// Partial is the share of answers that said they may not answer fully.
	Partial       float64 `json:"partial"`
	MeanLatencyMS float64 `json:"mean_latency_ms"`
	// Groups break the measures down by kind, by language and by whether
	// the question crosses languages, so a miss shows its class.
	Groups             []Group `json:"groups"`
	Misses             []Miss  `json:"misses"`
	citations, support int
}

// Group is the measures of one class of questions.
type Group struct {
	Name              string  `json:"name"`
	Questions         int     `json:"questions"`
	Answerable        int     `json:"answerable"`
	RecallAtK         float64 `json:"recall_at_k"`
	AnswerHit         float64 `json:"answer_hit"`
	CitationPrecision float64 `json:"citation_precision"`
	RefusalAccuracy   float64 `json:"refusal_accuracy"`
	FalseRefusals     float64 `json:"false_refusals"`
}

// outcome is how one question fared.
type outcome struct {
	item                        Item
	refused, cited, recall, hit bool
	partial                     bool
	citations, support          int
	latency                     float64
}

// Run asks every question and scores the answers. A question that fails
// outright (an error, not a refusal) is an error.
func Run(ctx context.Context, a Asker, items []Item, k int) (*Report, error) {
	r := &Report{Questions: len(items), K: k}
	outs := make([]outcome, 0, len(items))
	for _, it := range items {
		ans, err := a.Ask(ctx, answer.Request{Question: it.Question, K: k})
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", it.ID, err)
		}
		outs = append(outs, r.judge(it, ans, k))
	}
	g := tally("all", outs)
	r.Answerable = g.Answerable
	r.RecallAtK, r.AnswerHit, r.CitationPrecision = g.RecallAtK, g.AnswerHit, g.CitationPrecision
	r.RefusalAccuracy, r.FalseRefusals = g.RefusalAccuracy, g.FalseRefusals
	var answered, cited, partial int
	var latency float64
	for _, o := range outs {
		latency += o.latency
		r.citations += o.citations
		r.support += o.support
		if !o.refused {
			answered++
			if o.cited {
				cited++
			}
			if o.partial {
				partial++
			}
		}
	}
	r.CitedAnswers = rate(cited, answered)
	r.Partial = rate(partial, answered)
	r.MeanLatencyMS = latency / float64(len(items))
	r.Groups = groups(outs)
	return r, nil
}

// judge scores one answer and records its misses.
func (r *Report) judge(it Item, ans *answer.Answer, k int) outcome {
	o := outcome{item: it, refused: ans.Refused, latency: ans.TimingsMS["total"], partial: ans.Partial}
	miss := func(measure, got string) {
		r.Misses = append(r.Misses, Miss{ID: it.ID, Question: it.Question, Measure: measure, Got: oneLine(got)})
	}
	if !ans.Refused {
		o.cited = wellCited(ans)
		if !o.cited {
			miss("cited", ans.Answer)
		}
	}
	if !it.Answerable {
		if !ans.Refused {
			miss("refusal", ans.Answer)
		}
		return o
	}
	for i, ret := range ans.Retrieved {
		if i < k && containsAny(ret.Text, it.Gold) {
			o.recall = true
			break
		}
	}
	if !o.recall {
		miss(fmt.Sprintf("recall@%d", k), firstText(ans))
	}
	if ans.Refused {
		miss("false refusal", closest(ans))
		return o
	}
	o.hit = containsAny(ans.Answer, it.Expect)
	if !o.hit {
		miss("answer", ans.Answer)
	}
	for _, c := range ans.Citations {
		o.citations++
		if containsAny(c.Text, it.Gold) {
			o.support++
		} else {
			miss("citation", fmt.Sprintf("[%d] %s", c.N, c.Quote))
		}
	}
	return o
}

// tally computes a group's measures.
func tally(name string, outs []outcome) Group {
	g := Group{Name: name, Questions: len(outs)}
	var recall, hit, unans, refusedOK, falseRef, cits, sup int
	for _, o := range outs {
		if !o.item.Answerable {
			unans++
			if o.refused {
				refusedOK++
			}
			continue
		}
		g.Answerable++
		if o.recall {
			recall++
		}
		if o.refused {
			falseRef++
		}
		if o.hit {
			hit++
		}
		cits += o.citations
		sup += o.support
	}
	g.RecallAtK = rate(recall, g.Answerable)
	g.AnswerHit = rate(hit, g.Answerable)
	g.CitationPrecision = rate(sup, cits)
	g.RefusalAccuracy = rate(refusedOK, unans)
	g.FalseRefusals = rate(falseRef, g.Answerable)
	return g
}

// groups breaks outcomes down: same-language and cross-lingual questions,
// each language, and each kind (unanswerable questions form their own).
func groups(outs []outcome) []Group {
	by := map[string][]outcome{}
	var order []string
	add := func(name string, o outcome) {
		if by[name] == nil {
			order = append(order, name)
		}
		by[name] = append(by[name], o)
	}
	for _, o := range outs {
		if o.item.CrossLingual {
			add("cross-lingual", o)
		} else {
			add("same-language", o)
		}
	}
	for _, o := range outs {
		add("lang "+languageOf(o.item), o)
	}
	for _, o := range outs {
		add("kind "+kindOf(o.item), o)
	}
	sortKinds(order)
	out := make([]Group, 0, len(order))
	for _, name := range order {
		out = append(out, tally(name, by[name]))
	}
	return out
}

// sortKinds keeps the first groups (languages apart, languages) where they
// are and sorts the kinds by name.
func sortKinds(names []string) {
	first := 0
	for first < len(names) && !strings.HasPrefix(names[first], "kind ") {
		first++
	}
	sort.Strings(names[first:])
}

// languageOf is an item's language, detected when not given.
func languageOf(it Item) string {
	if l, ok := lang.Parse(it.Lang); ok {
		return string(l)
	}
	return string(lang.Detect(it.Question, lang.English))
}

// kindOf is an item's kind: its label, "unanswerable" for a question the
// corpus does not answer, or else what its question word asks for.
func kindOf(it Item) string {
	if !it.Answerable {
		return "unanswerable"
	}
	if it.Kind != "" {
		return it.Kind
	}
	return answer.Kind(it.Question)
}

var marker = regexp.MustCompile(`\[(\d+)\]`)

// wellCited reports whether an answer has citations and every marker in its
// text points to one of them.
func wellCited(a *answer.Answer) bool {
	if len(a.Citations) == 0 {
		return false
	}
	ms := marker.FindAllStringSubmatch(a.Answer, -1)
	if len(ms) == 0 {
		return false
	}
	for _, m := range ms {
		n, _ := strconv.Atoi(m[1])
		if n < 1 || n > len(a.Citations) {
			return false
		}
	}
	return true
}

func containsAny(text string, phrases []string) bool {
	t := lang.Fold(text)
	for _, p := range phrases {
		if p = lang.Fold(p); p != "" && strings.Contains(t, p) {
			return true
		}
	}
	return false
}

// orDash prints a rate, or a dash when it measures nothing.
func orDash(v float64, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

func rate(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func firstText(a *answer.Answer) string {
	if len(a.Retrieved) == 0 {
		return "(nothing retrieved)"
	}
	return a.Retrieved[0].ChunkID
}

func closest(a *answer.Answer) string {
	if len(a.Closest) == 0 {
		return a.Answer
	}
	return a.Closest[0].Quote
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 160 {
		cut := 157
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

// Bars are the minimums (and for false refusals the maximum) a run must meet.
type Bars struct {
	RecallAtK, AnswerHit, CitedAnswers, CitationPrecision, RefusalAccuracy, MaxFalseRefusals float64
}

// DefaultBars are footnote's quality bars.
var DefaultBars = Bars{RecallAtK: 0.95, AnswerHit: 0.85, CitedAnswers: 0.95, CitationPrecision: 0.90, RefusalAccuracy: 0.80, MaxFalseRefusals: 0.05}

// Failures lists the measures of r that miss the bars.
func (r *Report) Failures(b Bars) []string {
	var out []string
	check := func(name string, got, bar float64, atMost bool) {
		if atMost && got > bar || !atMost && got < bar {
			out = append(out, fmt.Sprintf("%s %.3f (bar %.2f)", name, got, bar))
		}
	}
	check(fmt.Sprintf("recall@%d", r.K), r.RecallAtK, b.RecallAtK, false)
	check("answer hit", r.AnswerHit, b.AnswerHit, false)
	check("cited answers", r.CitedAnswers, b.CitedAnswers, false)
	check("citation precision", r.CitationPrecision, b.CitationPrecision, false)
	check("refusal accuracy", r.RefusalAccuracy, b.RefusalAccuracy, false)
	check("false refusals", r.FalseRefusals, b.MaxFalseRefusals, true)
	return out
}

// Print writes the report for a person.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "questions           %d (%d answerable)\n", r.Questions, r.Answerable)
	fmt.Fprintf(w, "recall@%-2d           %.3f\n", r.K, r.RecallAtK)
	fmt.Fprintf(w, "answer hit          %.3f\n", r.AnswerHit)
	fmt.Fprintf(w, "cited answers       %.3f\n", r.CitedAnswers)
	fmt.Fprintf(w, "citation precision  %.3f (%d of %d citations)\n", r.CitationPrecision, r.support, r.citations)
	fmt.Fprintf(w, "refusal accuracy    %.3f\n", r.RefusalAccuracy)
	fmt.Fprintf(w, "false refusals      %.3f\n", r.FalseRefusals)
	fmt.Fprintf(w, "partial answers     %.3f\n", r.Partial)
	fmt.Fprintf(w, "mean latency        %.2f ms\n", r.MeanLatencyMS)
	if len(r.Groups) > 0 {
		fmt.Fprintf(w, "\n%-22s %5s %7s %7s %7s %7s %7s\n", "group", "n", "recall", "hit", "prec", "ref.ok", "f.ref")
		for _, g := range r.Groups {
			fmt.Fprintf(w, "%-22s %5d %7s %7s %7s %7s %7s\n", g.Name, g.Questions,
				orDash(g.RecallAtK, g.Answerable), orDash(g.AnswerHit, g.Answerable), fmt.Sprintf("%.3f", g.CitationPrecision),
				orDash(g.RefusalAccuracy, g.Questions-g.Answerable), orDash(g.FalseRefusals, g.Answerable))
		}
	}
	if len(r.Misses) > 0 {
		fmt.Fprintf(w, "\nmisses:\n")
		for _, m := range r.Misses {
			fmt.Fprintf(w, "  %-4s %-16s %s\n       got: %s\n", m.ID, m.Measure, m.Question, m.Got)
		}
	}
}
