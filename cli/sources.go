package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/footnote-bot/footnote/retrieval"
)

func init() {
	register(command{name: "sources", summary: "List the articles: title, source, date and chunk count.", run: runSources})
}

// helpOK turns a --help request into success.
func helpOK(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// SourceInfo is one line of `footnote sources --json`.
type SourceInfo struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Source   string `json:"source"`
	URL      string `json:"url,omitempty"`
	Date     string `json:"date,omitempty"`
	Language string `json:"language"`
	Chunks   int    `json:"chunks"`
	Path     string `json:"path"`
}

// sourcesOf lists an index's documents with their chunk counts.
func sourcesOf(ix *retrieval.Index) []SourceInfo {
	counts := map[string]int{}
	for _, c := range ix.Chunks() {
		counts[c.DocID]++
	}
	var out []SourceInfo
	for _, d := range ix.Documents() {
		out = append(out, SourceInfo{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Date: d.Date, Language: string(d.Language), Chunks: counts[d.ID], Path: d.Path})
	}
	return out
}

func runSources(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "sources")
	asJSON := fs.Bool("json", false, "print JSON")
	commonFlags(e, fs)
	pos, err := parseChecked(e, fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) > 0 {
		return usagef("sources: takes no arguments, got %q", pos[0])
	}
	lib, err := e.openLibrary(ctx)
	if err != nil {
		return err
	}
	ix := lib.Index()
	list := sourcesOf(ix)
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
