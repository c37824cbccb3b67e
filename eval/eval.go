// Package eval measures answers against a question set: retrieval recall,
// answer hits, citation rate and precision, and refusals.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
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
}

// Read parses a JSON Lines question set. Blank lines are skipped; a bad line
// is an error naming its line number.
func Read(r io.Reader) ([]Item, error) {
	var items []Item
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var it Item
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if strings.TrimSpace(it.Question) == "" {
			return nil, fmt.Errorf("line %d: no question", n)
		}
		if it.ID == "" {
			it.ID = strconv.Itoa(n)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read question set: %w", err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("the question set is empty")
	}
	return items, nil
}

// Asker answers one question.
type Asker interface {
	Ask(ctx context.Context, question string, k int) (*answer.Answer, error)
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
	Questions          int     `json:"questions"`
	Answerable         int     `json:"answerable"`
	K                  int     `json:"k"`
	RecallAtK          float64 `json:"recall_at_k"`
	AnswerHit          float64 `json:"answer_hit"`
	CitedAnswers       float64 `json:"cited_answers"`
	CitationPrecision  float64 `json:"citation_precision"`
	RefusalAccuracy    float64 `json:"refusal_accuracy"`
	FalseRefusals      float64 `json:"false_refusals"`
	MeanLatencyMS      float64 `json:"mean_latency_ms"`
	Misses             []Miss  `json:"misses"`
	citations, support int
}

// Run asks every question and scores the answers. A question that fails
// outright (an error, not a refusal) is an error.
func Run(ctx context.Context, a Asker, items []Item, k int) (*Report, error) {
	r := &Report{Questions: len(items), K: k}
	var recall, hit, answered, cited, unans, refusedOK, falseRef int
	var latency float64
	for _, it := range items {
		ans, err := a.Ask(ctx, it.Question, k)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", it.ID, err)
		}
		latency += ans.TimingsMS["total"]
		miss := func(measure, got string) {
			r.Misses = append(r.Misses, Miss{ID: it.ID, Question: it.Question, Measure: measure, Got: oneLine(got)})
		}
		if !ans.Refused {
			answered++
			if wellCited(ans) {
				cited++
			} else {
				miss("cited", ans.Answer)
			}
		}
		if !it.Answerable {
			unans++
			if ans.Refused {
				refusedOK++
			} else {
				miss("refusal", ans.Answer)
			}
			continue
		}
		r.Answerable++
		found := false
		for i, ret := range ans.Retrieved {
			if i < k && containsAny(ret.Text, it.Gold) {
				found = true
				break
			}
		}
		if found {
			recall++
		} else {
			miss(fmt.Sprintf("recall@%d", k), firstText(ans))
		}
		if ans.Refused {
			falseRef++
			miss("false refusal", closest(ans))
			continue
		}
		if containsAny(ans.Answer, it.Expect) {
			hit++
		} else {
			miss("answer", ans.Answer)
		}
		for _, c := range ans.Citations {
			r.citations++
			if containsAny(c.Text, it.Gold) {
				r.support++
			} else {
				miss("citation", fmt.Sprintf("[%d] %s", c.N, c.Quote))
			}
		}
	}
	r.RecallAtK = rate(recall, r.Answerable)
	r.AnswerHit = rate(hit, r.Answerable)
	r.CitedAnswers = rate(cited, answered)
	r.CitationPrecision = rate(r.support, r.citations)
	r.RefusalAccuracy = rate(refusedOK, unans)
	r.FalseRefusals = rate(falseRef, r.Answerable)
	r.MeanLatencyMS = latency / float64(len(items))
	return r, nil
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
	fmt.Fprintf(w, "mean latency        %.2f ms\n", r.MeanLatencyMS)
	if len(r.Misses) > 0 {
		fmt.Fprintf(w, "\nmisses:\n")
		for _, m := range r.Misses {
			fmt.Fprintf(w, "  %-4s %-16s %s\n       got: %s\n", m.ID, m.Measure, m.Question, m.Got)
		}
	}
}
