package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/footnote-bot/footnote/answer"
)

func init() {
	register(command{name: "ask", args: "QUESTION", summary: "Answer a question from the articles, citing every sentence.", run: runAsk})
}

func runAsk(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print one JSON object")
	kFlag(e, fs)
	offlineFlag(e, fs, "answer")
	pos, err := parseCorpusArgs(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("ask: give a question, e.g. footnote ask \"Who was arrested at the Mexican embassy?\"")
	}
	q, err := answer.CleanQuestion(strings.Join(pos, " "))
	if err != nil {
		return usagef("ask: %v", err)
	}
	_, ans, err := e.open(ctx)
	if err != nil {
		return err
	}
	a, err := ans.Ask(ctx, answer.Request{Question: q, K: e.cfg.K})
	if err != nil {
		return err
	}
	return emit(e, *asJSON, a, printAnswer)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printAnswer writes an answer for a person: the question it answers, the
// text, then its sources grouped by article with the quoted sentences, or
// the closest passages for a refusal.
func printAnswer(w io.Writer, a *answer.Answer) {
	if a.Question != "" {
		fmt.Fprintf(w, "Q: %s\n\n", a.Question)
	}
	fmt.Fprintln(w, a.Answer)
	if a.Note != "" {
		fmt.Fprintf(w, "\n(%s)\n", a.Note)
	}
	if a.Refused {
		if len(a.Closest) > 0 {
			fmt.Fprintln(w, "\nClosest passages:")
			for _, p := range a.Closest {
				fmt.Fprintf(w, "  - “%s”\n    %s\n", p.Quote, sourceLine(p.Title, "", p.Date))
			}
		}
		return
	}
	cs := make([]cited, 0, len(a.Citations))
	for _, c := range a.Citations {
		cs = append(cs, cited{n: c.N, doc: c.DocID, title: c.Title, source: c.Source, date: c.Date, url: c.URL, quote: c.Quote})
	}
	printSources(w, cs, true)
}
