package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/footnote-bot/footnote/answer"
)

func init() {
	register(command{name: "summary", summary: "Summarise the event's key points, each cited.", run: runSummary})
}

func runSummary(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print one JSON object")
	length := fs.String("length", "medium", "short, medium or long")
	focus := fs.String("focus", "", "only points about this topic")
	offlineFlag(e, fs, "summarise")
	if err := parseNone(e, fs, args, parseCorpusArgs, "use --focus TOPIC"); err != nil {
		return err
	}
	if _, err := answer.CheckLength(*length); err != nil {
		return usagef("summary: %v", err)
	}
	_, ans, err := e.open(ctx)
	if err != nil {
		return err
	}
	s, err := ans.Summarize(ctx, answer.SummaryOptions{Length: *length, Focus: *focus}, nil)
	if err != nil {
		return err
	}
	return emit(e, *asJSON, s, printSummary)
}

func printSummary(w io.Writer, s *answer.Summary) {
	fmt.Fprintln(w, s.Summary)
	if s.Note != "" {
		fmt.Fprintf(w, "\n(%s)\n", s.Note)
	}
	cs := make([]cited, 0, len(s.Citations))
	for _, c := range s.Citations {
		cs = append(cs, cited{n: c.N, doc: c.DocID, title: c.Title, source: c.Source, date: c.Date, url: c.URL})
	}
	printSources(w, cs, false)
}
