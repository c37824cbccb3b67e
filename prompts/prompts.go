// Package prompts holds the language-model prompts as embedded text/template
// files: the answer, the summary, the follow-up condensation, the judge that
// checks an answer's claims against their sources, and the repair of an
// answer none of whose sentences could be verified. Sources and
// user text are placed inside fences, escaped so that nothing in an article
// or a question can close the fence and speak as instructions.
package prompts

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"
)

//go:embed templates/*.tmpl
var files embed.FS

var funcs = template.FuncMap{
	"inc": func(i int) int { return i + 1 },
	"join": func(ns []int) string {
		parts := make([]string, len(ns))
		for i, n := range ns {
			parts[i] = "[" + strconv.Itoa(n) + "]"
		}
		return strings.Join(parts, "")
	},
}

var (
	answerT   = template.Must(template.ParseFS(files, "templates/answer.tmpl"))
	summaryT  = template.Must(template.ParseFS(files, "templates/summary.tmpl"))
	condenseT = template.Must(template.ParseFS(files, "templates/condense.tmpl"))
	judgeT    = template.Must(template.New("judge.tmpl").Funcs(funcs).ParseFS(files, "templates/judge.tmpl"))
	repairT   = template.Must(template.ParseFS(files, "templates/repair.tmpl"))
)

// MaxFocusRunes bounds a summary's focus: a topic, not a text.
const MaxFocusRunes = 200

// NotInSources is what a model replies when its sources do not answer.
const NotInSources = "NOT_IN_SOURCES"

// Prompt is a rendered system and user message.
type Prompt struct {
	System string
	User   string
}

// Source is one numbered passage shown to the model.
type Source struct {
	N        int
	Title    string
	Outlet   string
	Date     string
	Language string // a language name, e.g. "English"
	Text     string
}

// AnswerData fills the answer prompt.
type AnswerData struct {
	Question string
	Language string // language name of the question
	Sources  []Source
}

// SummaryData fills the summary prompt.
type SummaryData struct {
	Points   int
	Focus    string
	Language string
	Sources  []Source
}

// Turn is one message of a conversation.
type Turn struct {
	Role string // "user" or "assistant"
	Text string
}

// CondenseData fills the follow-up condensation prompt.
type CondenseData struct {
	Turns    []Turn
	Question string
}

// Answer renders the answer prompt.
func Answer(d AnswerData) (Prompt, error) {
	d.Question = escape(d.Question)
	d.Sources = escapeSources(d.Sources)
	return render(answerT, struct {
		AnswerData
		Count int
	}{d, len(d.Sources)})
}

// JudgeClaim is one claim put to the judge, with the numbers of the sources
// it cites.
type JudgeClaim struct {
	Text  string
	Cites []int
}

// JudgeData fills the judge prompt: the passages the claims cite, and the
// claims, numbered from 1 in order.
type JudgeData struct {
	Sources []Source
	Claims  []JudgeClaim
}

// Rejected is a sentence of an answer that failed verification, and why.
type Rejected struct {
	Sentence string
	Reason   string
}

// RepairData fills the prompt that asks for a new answer when none of the
// previous one's sentences could be verified.
type RepairData struct {
	Question string
	Language string
	Sources  []Source
	Rejected []Rejected
}

// Judge renders the prompt that asks the model whether each claim's cited
// passages support it.
func Judge(d JudgeData) (Prompt, error) {
	d.Sources = escapeSources(d.Sources)
	claims := make([]JudgeClaim, len(d.Claims))
	for i, c := range d.Claims {
		claims[i] = JudgeClaim{Text: escape(oneLine(c.Text)), Cites: c.Cites}
	}
	d.Claims = claims
	return render(judgeT, d)
}

// Repair renders the prompt that asks for a new answer, saying why each
// sentence of the previous one was rejected.
func Repair(d RepairData) (Prompt, error) {
	d.Question = escape(d.Question)
	d.Sources = escapeSources(d.Sources)
	rej := make([]Rejected, len(d.Rejected))
	for i, r := range d.Rejected {
		rej[i] = Rejected{Sentence: escape(oneLine(r.Sentence)), Reason: escape(oneLine(r.Reason))}
	}
	d.Rejected = rej
	return render(repairT, struct {
		RepairData
		Count int
	}{d, len(d.Sources)})
}

// CheckFocus returns a summary focus on one line, or a one-line error when
// it is longer than MaxFocusRunes.
func CheckFocus(focus string) (string, error) {
	focus = oneLine(focus)
	if n := utf8.RuneCountInString(focus); n > MaxFocusRunes {
		return "", fmt.Errorf("focus is %d characters long; the limit is %d", n, MaxFocusRunes)
	}
	return focus, nil
}

// Summary renders the summary prompt. The focus is put on one line and
// fenced like the sources; a focus longer than MaxFocusRunes is an error.
func Summary(d SummaryData) (Prompt, error) {
	focus, err := CheckFocus(d.Focus)
	if err != nil {
		return Prompt{}, err
	}
	d.Focus = escape(focus)
	d.Sources = escapeSources(d.Sources)
	return render(summaryT, struct {
		SummaryData
		Count int
	}{d, len(d.Sources)})
}

// Condense renders the prompt that rewrites a follow-up as a standalone
// question.
func Condense(d CondenseData) (Prompt, error) {
	turns := make([]Turn, len(d.Turns))
	for i, t := range d.Turns {
		turns[i] = Turn{Role: t.Role, Text: escape(oneLine(t.Text))}
	}
	d.Turns = turns
	d.Question = escape(oneLine(d.Question))
	return render(condenseT, d)
}

func render(t *template.Template, data any) (Prompt, error) {
	var sys, user strings.Builder
	if err := t.ExecuteTemplate(&sys, "system", data); err != nil {
		return Prompt{}, fmt.Errorf("render system prompt: %w", err)
	}
	if err := t.ExecuteTemplate(&user, "user", data); err != nil {
		return Prompt{}, fmt.Errorf("render user prompt: %w", err)
	}
	return Prompt{System: sys.String(), User: user.String()}, nil
}

// fenceBreakers are the character sequences that could open or close a
// fence; they are replaced by look-alikes in fenced text.
var fenceBreakers = strings.NewReplacer("<", "‹", ">", "›")

// escape neutralises fence tags in untrusted text: an article or question
// containing "</sources>" or "<source" cannot end the data block.
func escape(s string) string { return fenceBreakers.Replace(s) }

func escapeSources(in []Source) []Source {
	out := make([]Source, len(in))
	for i, s := range in {
		s.Title = escapeAttr(s.Title)
		s.Outlet = escapeAttr(s.Outlet)
		s.Date = escapeAttr(s.Date)
		s.Text = escape(s.Text)
		out[i] = s
	}
	return out
}

func escapeAttr(s string) string { return strings.ReplaceAll(escape(oneLine(s)), `"`, "'") }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
