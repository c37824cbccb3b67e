package timeline

import (
	"sort"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// Event is one dated development, a sentence of one article.
type Event struct {
	When      When   `json:"-"`
	Date      string `json:"date"` // When formatted to its precision
	Text      string `json:"text"`
	DocID     string `json:"doc_id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	ChunkID   string `json:"chunk_id"`
	// pos is the sentence's place in its article: news puts what matters
	// first.
	pos int
	// Start and End locate the sentence in its document's text.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Corpus is what a timeline is drawn from. *retrieval.Index implements it.
type Corpus interface {
	Chunks() []corpus.Chunk
	Document(id string) *corpus.Document
}

// Options narrow a timeline.
type Options struct {
	Focus string // only sentences about this topic
	Limit int    // most events (default 15)
}

// Build returns the corpus's dated events in order. A sentence whose date
// cannot be resolved is left out; of two sentences with the same date that
// say nearly the same thing, the earlier article's is kept.
func Build(c Corpus, o Options) []Event {
	if o.Limit <= 0 {
		o.Limit = 15
	}
	var focus []string
	if strings.TrimSpace(o.Focus) != "" {
		focus = lang.ContentStems(lang.Detect(o.Focus, lang.English), o.Focus)
	}
	var events []Event
	var stems [][]string
	pos := map[string]int{}
	for _, ch := range c.Chunks() {
		doc := c.Document(ch.DocID)
		if doc == nil {
			continue
		}
		pub, _ := time.Parse("2006-01-02", doc.Date)
		for i := range ch.Sentences {
			text := ch.Sentence(i)
			p := pos[doc.ID]
			pos[doc.ID]++
			w, ok := Resolve(text, pub)
			if !ok {
				continue
			}
			st := lang.ContentStems(ch.Language, text)
			if len(focus) > 0 && !covers(st, focus) {
				continue
			}
			if len(st) < 4 {
				continue // too short to stand as an event
			}
			events = append(events, Event{
				When: w, Date: w.String(), Text: text, DocID: doc.ID, Title: doc.Title, Source: doc.Source,
				URL: doc.URL, Published: doc.Date, ChunkID: ch.ID,
				Start: ch.Start + ch.Sentences[i].Start, End: ch.Start + ch.Sentences[i].End, pos: p,
			})
			stems = append(stems, st)
		}
	}
	idx := make([]int, len(events))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ea, eb := events[idx[a]], events[idx[b]]
		if !ea.When.Date.Equal(eb.When.Date) {
			return ea.When.Date.Before(eb.When.Date)
		}
		if ea.When.Precision != eb.When.Precision {
			return ea.When.Precision < eb.When.Precision
		}
		return ea.Published < eb.Published
	})
	var out []Event
	var kept [][]string
	for _, i := range idx {
		dup := false
		for j, k := range kept {
			if out[j].When == events[i].When && overlap(k, stems[i]) > 0.5 {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		out = append(out, events[i])
		kept = append(kept, stems[i])
	}
	if len(out) > o.Limit {
		out = mostImportant(out, o.Limit)
	}
	return out
}

// mostImportant keeps the n events that matter most, in date order: those
// dated to the day and told early in their article (where news puts what
// matters), each article's lead first.
func mostImportant(ev []Event, n int) []Event {
	score := func(e Event) float64 {
		s := 1 / (1 + float64(e.pos))
		if e.When.Precision == Day {
			s += 0.5
		}
		return s
	}
	idx := make([]int, len(ev))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score(ev[idx[a]]) > score(ev[idx[b]]) })
	keep := idx[:n]
	sort.Ints(keep)
	out := make([]Event, 0, n)
	for _, i := range keep {
		out = append(out, ev[i])
	}
	return out
}

func covers(stems, focus []string) bool {
	for _, f := range focus {
		for _, s := range stems {
			if lang.StemsMatch(s, f) {
				return true
			}
		}
	}
	return false
}

func overlap(a, b []string) float64 {
	set := map[string]bool{}
	for _, s := range a {
		set[s] = true
	}
	n := 0
	for _, s := range b {
		if set[s] {
			n++
		}
	}
	return float64(n) / float64(max(len(a), len(b), 1))
}
