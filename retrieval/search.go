package retrieval

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// hashDenseWeight is how much the vector search's ranking counts in the
// fusion, against BM25's, when the vectors come from the local
// HashEmbedder: hashed words and character n-grams are a noisier copy of
// the lexical signal, not a model of meaning, so the BM25 ranking leads.
// A real embedding model's ranking counts as much as BM25's.
const hashDenseWeight = 0.5

// denseWeight is the vector ranking's weight in the fusion.
func (ix *Index) denseWeight() float64 {
	if _, ok := ix.embedder.(*HashEmbedder); ok {
		return hashDenseWeight
	}
	return 1
}

// rrfK is reciprocal rank fusion's constant: a chunk ranked r in a list adds
// 1/(rrfK+r) to its score.
const rrfK = 60

// scoreBonus is how much a list's scores count beside its ranks in the
// fusion: each chunk also gets, in proportion to its score against the
// list's best (its similarity, from the list's lowest to its highest), up
// to scoreBonus times what the list's first place adds. Ranks alone forget
// how far ahead a chunk is: the only passage that holds a question's rarest
// word may lead BM25 by far and still fall below the first candidates when
// the hashed vectors rank it low.
const scoreBonus = 0.5

// Hit is a retrieved chunk with its scores.
type Hit struct {
	Chunk *corpus.Chunk
	Doc   *corpus.Document
	// Score is the fused reciprocal-rank score; higher is better.
	Score float64
	// Similarity is the cosine similarity of the chunk to the question, and
	// Lexical its BM25 score (0 when the chunk shares no word with it).
	Similarity float64
	Lexical    float64
}

// Search returns the k chunks that best match the query, best first: the
// reciprocal-rank fusion of a vector search in the chromem-go collection
// and a BM25 search, each over max(4k, 50) candidates, the vector ranking
// weighted by denseWeight, with each list's normalised scores added
// (scoreBonus). Fewer than k come back only when the
// corpus holds fewer chunks.
func (ix *Index) Search(ctx context.Context, query string, k int) ([]Hit, error) {
	r, err := ix.Retrieve(ctx, query, k)
	if err != nil {
		return nil, err
	}
	return r.Hits, nil
}

// search runs an analysed query (see Search).
func (ix *Index) search(ctx context.Context, q *Query, k int) ([]Hit, error) {
	qv, err := ix.embedOne(ctx, ix.withTranslations(q.Lang, q.searched))
	if err != nil {
		return nil, fmt.Errorf("embed question: %w", err)
	}
	if len(qv) != ix.dim {
		return nil, fmt.Errorf("embed question: dimension %d, index has %d", len(qv), ix.dim)
	}
	cand := min(max(4*k, 50), len(ix.chunks))
	var dense []chromem.Result
	if !isZero(qv) { // a question of stop words only has no direction
		dense, err = ix.dense(ctx, qv, cand)
		if err != nil {
			return nil, fmt.Errorf("vector search: %w", err)
		}
	}
	lexical := ix.lex.search(queryTerms(q), ix.chunkLang, cand)

	type fused struct {
		score, sim, lex float64
	}
	acc := make(map[int]*fused, len(dense)+len(lexical))
	get := func(i int) *fused {
		f := acc[i]
		if f == nil {
			f = &fused{}
			acc[i] = f
		}
		return f
	}
	dw := ix.denseWeight()
	top := 1 / float64(rrfK+1) // what a list's first place adds
	minSim, maxSim := 1.0, -1.0
	for _, d := range dense {
		minSim, maxSim = min(minSim, float64(d.Similarity)), max(maxSim, float64(d.Similarity))
	}
	for r, d := range dense {
		f := get(ix.byID[d.ID])
		f.sim = float64(d.Similarity)
		f.score += dw / float64(rrfK+r+1)
		if maxSim > minSim {
			f.score += scoreBonus * dw * top * (f.sim - minSim) / (maxSim - minSim)
		}
	}
	maxLex := 0.0
	for _, s := range lexical {
		maxLex = max(maxLex, s.score)
	}
	for r, s := range lexical {
		f := get(s.idx)
		f.lex = s.score
		f.score += 1 / float64(rrfK+r+1)
		if maxLex > 0 {
			f.score += scoreBonus * top * s.score / maxLex
		}
	}
	hits := make([]Hit, 0, len(acc))
	for i, f := range acc {
		c := &ix.chunks[i]
		hits = append(hits, Hit{Chunk: c, Doc: ix.docByID[c.DocID], Score: f.score, Similarity: f.sim, Lexical: f.lex})
	}
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].Score != hits[b].Score {
			return hits[a].Score > hits[b].Score
		}
		return hits[a].Chunk.ID < hits[b].Chunk.ID
	})
	if len(hits) > k {
		hits = hits[:k]
	}
	return hits, nil
}

// lexicalText is what BM25 indexes for a chunk: its text, its article's
// title and the month and year of its date, so a short article's headline
// and date count for every passage of it.
func lexicalText(c *corpus.Chunk, d *corpus.Document) string {
	if d == nil {
		return c.Text
	}
	var b strings.Builder
	b.WriteString(c.Text)
	b.WriteString("\n")
	b.WriteString(d.Title)
	if t, err := time.Parse("2006-01-02", d.Date); err == nil {
		fmt.Fprintf(&b, "\n%s %d", lang.MonthName(d.Language, t.Month()), t.Year())
	}
	return b.String()
}

// TermInfo describes how the corpus knows a question word.
type TermInfo struct {
	// Stem is the word's stem as the index spells it.
	Stem string
	// IDF is the stem's BM25 inverse document frequency over chunks (0 when
	// absent).
	IDF float64
	// Known is true when the corpus uses the word or one sharing its root.
	Known bool
	// Resolved is true when the corpus uses the word itself, in one of
	// its languages' spellings, not only one sharing its root.
	Resolved bool
}

// Term looks a word up in the corpus vocabulary, stemming it in the
// question's language (and in the corpus's others). Pass the word as written
// (lang.Term.Word): Spanish is stemmed with its accents; a folded word works
// but stems as its unaccented spelling ("suspendio").
func (ix *Index) Term(qLang lang.Lang, word string) TermInfo {
	s, ok := ix.lex.resolve(qLang, word)
	if ok {
		return TermInfo{Stem: s, IDF: ix.lex.idf(s), Known: true, Resolved: true}
	}
	for _, w := range []string{s, lang.Fold(word)} {
		if sim := ix.lex.similar(w); sim != "" {
			return TermInfo{Stem: s, IDF: ix.lex.idf(sim), Known: true}
		}
	}
	return TermInfo{Stem: s}
}

// MaxIDF is the IDF a word found in a single chunk would have: the weight of
// the rarest possible word.
func (ix *Index) MaxIDF() float64 {
	n := float64(len(ix.chunks))
	return ix.lex.idfOf(1, n)
}

// withTranslations appends to a question the other language's words for
// those of its words no article uses, when the corpus has articles in that
// language: a Spanish question then reaches English articles, and the other
// way round, without pulling a question away from articles in its own
// language.
func (ix *Index) withTranslations(qLang lang.Lang, q string) string {
	if !ix.lex.langs[qLang.Other()] {
		return q
	}
	var extra []string
	for _, t := range lang.Terms(qLang, q) {
		if _, known := ix.lex.resolve(qLang, t.Word); t.Stop || known {
			continue
		}
		// one form per stem: "lose loses lost losing" would weigh four
		// times what the asker's one word does
		seen := map[string]bool{}
		for _, w := range lang.Translate(qLang, t.Text) {
			if s := lang.Stem(qLang.Other(), w); !seen[s] && ix.lex.postings[s] != nil {
				seen[s] = true
				extra = append(extra, w)
			}
		}
	}
	if len(extra) == 0 {
		return q
	}
	return q + " " + strings.Join(extra, " ")
}

// expansionWeight scales the weight of a question word's other forms in
// the lexical search: they widen it without outweighing the asker's words.
const expansionWeight = 0.5

// queryTerms gives each content word of the question, and of the names its
// acronyms stand for, its stems' weights for BM25: 1 for the word as asked
// (or as the corpus's other language spells it), and for its related and
// translated forms their weight, halved. A word no article uses is
// searched by those forms alone.
func queryTerms(q *Query) []queryTerm {
	var out []queryTerm
	for _, words := range [][]Word{q.Words, q.names} {
		for i := range words {
			w := &words[i]
			if !w.content() {
				continue
			}
			term := queryTerm{}
			if w.Info.Resolved {
				term[w.Info.Stem] = queryWeight{any: 1}
			}
			for _, a := range w.Related {
				x := expansionWeight * a.Weight
				if !w.Info.Resolved {
					x = a.Weight // the only way this word reaches the corpus
				}
				qw := term[a.Stem]
				qw.add(a.Lang, x)
				term[a.Stem] = qw
			}
			if len(term) > 0 {
				out = append(out, term)
			}
		}
	}
	return out
}

// queryTerm is one question word in the lexical search: the weights of
// its stems, the word's own and its related forms'.
type queryTerm map[string]queryWeight

// queryWeight is a stem's weight in the lexical search: any for a chunk
// in either language, in for one in the language of a related form (a
// translation matches only that language's text), the greater counting.
type queryWeight struct {
	any float64
	in  map[lang.Lang]float64
}

// add raises the weight in language l ("": any) to at least x.
func (w *queryWeight) add(l lang.Lang, x float64) {
	if l == "" {
		w.any = max(w.any, x)
		return
	}
	if w.in == nil {
		w.in = map[lang.Lang]float64{}
	}
	w.in[l] = max(w.in[l], x)
}

// of is the weight for a chunk in language l.
func (w queryWeight) of(l lang.Lang) float64 { return max(w.any, w.in[l]) }
