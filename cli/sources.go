package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
)

func init() {
	register(command{name: "sources", summary: "List the articles: title, source, date and chunk count.", run: runSources})
}

func runSources(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseNone(e, fs, args, parseCorpusArgs, ""); err != nil {
		return err
	}
	lib, err := e.openLibrary(ctx)
	if err != nil {
		return err
	}
	list := lib.Articles()
	if *asJSON {
		return writeJSON(e.stdout, list)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tSOURCE\tLANG\tCHUNKS\tTITLE")
	for _, s := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", s.ID, dash(s.Date), dash(s.Source), s.Language, s.Chunks, s.Title)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
