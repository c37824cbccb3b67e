package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/footnote-bot/footnote/timeline"
)

func init() {
	register(command{name: "timeline", summary: "The event's dated developments in order, each cited.", run: runTimeline})
}

func runTimeline(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	focus := fs.String("focus", "", "only developments about this topic")
	limit := fs.Int("limit", 15, "most events to list")
	if err := parseNone(e, fs, args, parseCorpusArgs, "use --focus TOPIC"); err != nil {
		return err
	}
	if *limit < 1 {
		return usagef("timeline: --limit must be at least 1")
	}
	lib, err := e.openLibrary(ctx)
	if err != nil {
		return err
	}
	ix := lib.Index()
	ev := timeline.Build(ix, timeline.Options{Focus: *focus, Limit: *limit})
	if *asJSON {
		if ev == nil {
			ev = []timeline.Event{}
		}
		return writeJSON(e.stdout, ev)
	}
	if len(ev) == 0 {
		if *focus != "" {
			fmt.Fprintf(e.stdout, "The articles date nothing about %q.\n", *focus)
		} else {
			fmt.Fprintln(e.stdout, "The articles date no developments.")
		}
		return nil
	}
	for i, x := range ev {
		fmt.Fprintf(e.stdout, "%-10s  %s [%d]\n", x.Date, x.Text, i+1)
	}
	cs := make([]cited, 0, len(ev))
	for i, x := range ev {
		cs = append(cs, cited{n: i + 1, doc: x.DocID, title: x.Title, source: x.Source, date: x.Published, url: x.URL})
	}
	printSources(e.stdout, cs, false)
	return nil
}
