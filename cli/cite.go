package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/footnote-bot/footnote/answer"
)

// cited is one numbered citation as the sources list shows it.
type cited struct {
	n                        int
	doc, title, source, date string
	url, quote               string
}

// citeGroup is one article and the citations that point to it, in order.
type citeGroup struct {
	first cited // the article's metadata, from its first citation
	items []cited
}

// groupByArticle gathers citations by article (document id, else title,
// outlet and date), in the order each article is first cited, so an article
// cited three times is listed once as [1][2][4].
func groupByArticle(cs []cited) []citeGroup {
	groups := answer.ByArticle(cs, func(c cited) (doc, title, source, date string) {
		return c.doc, c.title, c.source, c.date
	})
	out := make([]citeGroup, len(groups))
	for i, g := range groups {
		out[i] = citeGroup{first: g[0], items: g}
	}
	return out
}

// printSources writes "Sources:" and each article once, headed by its
// citation numbers, "[1][2][4] Title · outlet · date", then its link and,
// with quotes, each citation's quoted sentence under its number.
func printSources(w io.Writer, cs []cited, quotes bool) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSources:")
	for _, g := range groupByArticle(cs) {
		var marks strings.Builder
		for _, c := range g.items {
			fmt.Fprintf(&marks, "[%d]", c.n)
		}
		fmt.Fprintf(w, "  %s %s\n", marks.String(), sourceLine(g.first.title, g.first.source, g.first.date))
		if g.first.url != "" && g.first.url != g.first.source { // a URL as the source is shown once
			fmt.Fprintf(w, "      %s\n", g.first.url)
		}
		if !quotes {
			continue
		}
		for _, c := range g.items {
			if c.quote == "" {
				continue
			}
			if len(g.items) == 1 {
				fmt.Fprintf(w, "      “%s”\n", c.quote)
			} else {
				fmt.Fprintf(w, "      [%d] “%s”\n", c.n, c.quote)
			}
		}
	}
}

func sourceLine(title, source, date string) string {
	parts := []string{title}
	if source != "" {
		parts = append(parts, source)
	}
	if date != "" {
		parts = append(parts, date)
	}
	return strings.Join(parts, " · ")
}

// plural writes a count with its noun, singular for one: "1 chunk",
// "3 chunks".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
