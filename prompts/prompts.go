// Package prompts holds the language-model prompts as embedded text/template
// files: the answer, the summary and the follow-up condensation. Sources and
// user text are placed inside fences, escaped so that nothing in an article
// or a question can close the fence and speak as instructions.
package prompts

import (
	"embed"
	"fmt"
	"strings"
	"text/template"
)

//go:embed templates/*.tmpl
var files embed.FS

var (
	answerT   = template.Must(template.ParseFS(files, "templates/answer.tmpl"))
	summaryT  = template.Must(template.ParseFS(files, "templates/summary.tmpl"))
	condenseT = template.Must(template.ParseFS(files, "templates/condense.tmpl"))
)

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

// Summary renders the summary prompt.
func Summary(d SummaryData) (Prompt, error) {
	d.Focus = escape(d.Focus)
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
