package cli

import (
	"fmt"
	"io"
	"strings"
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
	var out []citeGroup
	at := map[string]int{}
	for _, c := range cs {
		key := c.doc
		if key == "" {
			key = c.title + "\x00" + c.source + "\x00" + c.date
		}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, citeGroup{first: c})
		}
		out[i].items = append(out[i].items, c)
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
