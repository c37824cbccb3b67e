package retrieval

import (
	"context"
	"fmt"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

// Query is a question analysed against an index, once, for the search and
// for whoever reads its hits: its language and how the corpus knows each
// of its words.
type Query struct {
	// Text is the question as asked.
	Text string
	// Lang is the question's language.
	Lang lang.Lang
	// Words are the question's tokens, stop words included (Term.Stop
	// marks them), in order.
	Words []Word
	// MaxIDF is the IDF of the rarest possible word (see Index.MaxIDF).
	MaxIDF float64
	// searched is Text with the names of its acronyms added (see
	// ExpandAcronyms), and names the words of those names.
	searched string
	names    []Word
}

// Word is one token of a query and what the corpus makes of it. The
// corpus-dependent fields are zero for stop words and one-letter tokens.
type Word struct {
	lang.Term
	// Info is how the corpus knows the word as written.
	Info TermInfo
	// Related are its other forms that the corpus uses (see Index.Related).
	Related []Alt
	// Acronym is the name the word stands for in this corpus, if it is an
	// acronym of one ("icj" → "International Court of Justice"), with the
	// stems of the name's content words and the highest IDF among them.
	Acronym      string
	AcronymStems []string
	AcronymIDF   float64
}

// content reports whether the token is a word the corpus is asked about.
func (w *Word) content() bool { return !w.Stop && len(w.Text) >= 2 }

// Analyse reads a question against the index: its language (by its own
// words, the index's main language breaking a tie) and, for each content
// word, its stem as the index spells it, whether and how often the corpus
// uses it, its related forms and the name it abbreviates.
func (ix *Index) Analyse(question string) *Query {
	q := &Query{Text: question, Lang: lang.Detect(question, ix.lang), MaxIDF: ix.MaxIDF()}
	q.Words = ix.words(q.Lang, question)
	ix.addInitials(q.Words)
	var names []string
	q.searched, names = ix.expandAcronyms(question)
	for _, n := range names {
		q.names = append(q.names, ix.words(q.Lang, n)...)
	}
	return q
}

// words analyses the tokens of s in language l.
func (ix *Index) words(l lang.Lang, s string) []Word {
	terms := lang.Terms(l, s)
	phrasal := lexicon.Phrasals(l, s, terms)
	out := make([]Word, len(terms))
	for i, t := range terms {
		w := Word{Term: t}
		if _, ok := phrasal[i]; ok && w.Stop {
			w.Stop = false // "get into": a light verb that heads a phrasal verb means it
		}
		if w.content() {
			w.Info = ix.Term(l, t.Word)
			if p, ok := phrasal[i]; ok {
				w.Related = ix.related(l, p.Written, p.Key)
			} else {
				w.Related = ix.Related(l, t.Word)
			}
			if name, ok := ix.Acronym(t.Text); ok {
				w.Acronym = name
				w.AcronymStems = lang.ContentStems(lang.Detect(name, l), name)
				for _, st := range w.AcronymStems {
					w.AcronymIDF = max(w.AcronymIDF, ix.Term(l, st).IDF)
				}
			}
		}
		out[i] = w
	}
	return out
}

// Result is what a retrieval returns: the question as analysed, and the
// passages that match it, best first.
type Result struct {
	Query *Query
	Hits  []Hit
}

// Retrieve analyses a question and returns it with the k chunks that best
// match it (see Search).
func (ix *Index) Retrieve(ctx context.Context, question string, k int) (*Result, error) {
	if k <= 0 {
		return nil, fmt.Errorf("search: k must be positive, got %d", k)
	}
	q := ix.Analyse(question)
	hits, err := ix.search(ctx, q, k)
	if err != nil {
		return nil, err
	}
	return &Result{Query: q, Hits: hits}, nil
}
