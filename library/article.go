package library

import "github.com/footnote-bot/footnote/retrieval"

// Article is one article of the corpus as it is listed: a line of
// `footnote sources --json` (a stable format: the JSON names do not
// change), an entry of the bot's /sources, and what /ingest reports.
type Article struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Source   string `json:"source"`
	URL      string `json:"url,omitempty"`
	Date     string `json:"date,omitempty"`
	Language string `json:"language"`
	Chunks   int    `json:"chunks"`
	Path     string `json:"path"`
}

// Articles lists an index's documents, in its order, with their chunk
// counts.
func Articles(ix *retrieval.Index) []Article {
	counts := map[string]int{}
	for _, c := range ix.Chunks() {
		counts[c.DocID]++
	}
	var out []Article
	for _, d := range ix.Documents() {
		out = append(out, Article{ID: d.ID, Title: d.Title, Source: d.Source, URL: d.URL, Date: d.Date,
			Language: string(d.Language), Chunks: counts[d.ID], Path: d.Path})
	}
	return out
}

// Articles lists the articles now indexed.
func (l *Library) Articles() []Article { return Articles(l.Index()) }
