package retrieval

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/footnote-bot/footnote/lang"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

type posting struct {
	chunk int32
	tf    float32
}

// bm25 is an inverted index of chunk stems, each chunk stemmed in its own
// language. It is built once and then only read.
type bm25 struct {
	postings map[string][]posting
	lengths  []float32
	avgLen   float64
	vocab    []string // sorted, for prefix look-ups
	langs    map[lang.Lang]bool
	// scratch holds searches' per-chunk score slices (*bm25Scratch), so a
	// search over many chunks allocates none of its own.
	scratch sync.Pool
}

// bm25Scratch is one search's per-chunk scores: the running total, and the
// current term's best form. Both are all zero between searches.
type bm25Scratch struct {
	acc, best []float64
}

// newBM25 indexes texts; texts[i] is in language langs[i].
func newBM25(texts []string, langs []lang.Lang) *bm25 {
	b := &bm25{postings: map[string][]posting{}, lengths: make([]float32, len(texts)), langs: map[lang.Lang]bool{}}
	var total float64
	for i, t := range texts {
		b.langs[langs[i]] = true
		tf := map[string]float32{}
		n := 0
		for _, term := range lang.Terms(langs[i], t) {
			if term.Stop || len(term.Text) < 2 {
				continue
			}
			tf[term.Stem]++
			n++
		}
		for s, c := range tf {
			b.postings[s] = append(b.postings[s], posting{chunk: int32(i), tf: c})
		}
		b.lengths[i] = float32(n)
		total += float64(n)
	}
	if len(texts) > 0 {
		b.avgLen = total / float64(len(texts))
	}
	b.vocab = make([]string, 0, len(b.postings))
	for s := range b.postings {
		b.vocab = append(b.vocab, s)
	}
	sort.Strings(b.vocab)
	return b
}

// idf is BM25's inverse document frequency of a stem (0 when absent).
func (b *bm25) idf(stem string) float64 {
	df := len(b.postings[stem])
	if df == 0 {
		return 0
	}
	return b.idfOf(df, float64(len(b.lengths)))
}

func (b *bm25) idfOf(df int, n float64) float64 {
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// resolve maps a question word to the stem the index knows it by: its stem
// in the question's language, else in another corpus language, else the
// word itself, folded. word is as written or folded (see Index.Term). ok is
// false when no form is in the index.
func (b *bm25) resolve(qLang lang.Lang, word string) (string, bool) {
	s := lang.Stem(qLang, word)
	if _, ok := b.postings[s]; ok {
		return s, true
	}
	for l := range b.langs {
		if l == qLang {
			continue
		}
		if s2 := lang.Stem(l, word); b.postings[s2] != nil {
			return s2, true
		}
	}
	if f := lang.Fold(word); b.postings[f] != nil {
		return f, true
	}
	return s, false
}

// similar returns the indexed stem that matches stem loosely (see
// lang.StemsMatch), preferring the most frequent, or "" when none does.
func (b *bm25) similar(stem string) string {
	if b.postings[stem] != nil {
		return stem
	}
	best := ""
	b.looseMatches(stem, func(s string) {
		if best == "" || len(b.postings[s]) > len(b.postings[best]) {
			best = s
		}
	})
	return best
}

// family returns the indexed stems other than stem that match it loosely
// (see lang.StemsMatch): its derived forms the stemmer keeps apart
// ("presid" of "preside" and "president" of "presidenta", "deten" and
// "detencion"), at most maxFamily of them, most frequent first.
func (b *bm25) family(stem string) []string {
	var out []string
	b.looseMatches(stem, func(s string) {
		if s != stem && !slices.Contains(out, s) {
			out = append(out, s)
		}
	})
	sort.SliceStable(out, func(i, j int) bool { return len(b.postings[out[i]]) > len(b.postings[out[j]]) })
	if len(out) > maxFamily {
		out = out[:maxFamily]
	}
	return out
}

// looseMatches calls f with each indexed stem that matches stem loosely
// (lang.StemsMatch): its prefixes of five letters or more, and the stems
// that start with stem, or with all of it but its last letter.
func (b *bm25) looseMatches(stem string, f func(string)) {
	for n := len(stem) - 1; n >= 5; n-- {
		if s := stem[:n]; b.postings[s] != nil && lang.StemsMatch(s, stem) {
			f(s)
		}
	}
	if len(stem) < 5 {
		return
	}
	prefix := stem
	if len(stem) >= 7 {
		prefix = stem[:len(stem)-1]
	}
	for i := sort.SearchStrings(b.vocab, prefix); i < len(b.vocab) && strings.HasPrefix(b.vocab[i], prefix); i++ {
		if lang.StemsMatch(b.vocab[i], stem) {
			f(b.vocab[i])
		}
	}
}

// maxFamily is the most derived forms a word is searched by.
const maxFamily = 4

type scored struct {
	idx   int
	score float64
}

// search returns up to n chunk indexes by BM25 score for the question's
// terms, best first: a chunk scores, for each term, by the best of the
// term's stems it has (a word and three of its synonyms in one chunk count
// once); langOf holds each chunk's language, for the weights that hold in
// one language only.
func (b *bm25) search(terms []queryTerm, langOf []lang.Lang, n int) []scored {
	sc, _ := b.scratch.Get().(*bm25Scratch)
	if sc == nil || len(sc.acc) != len(b.lengths) {
		sc = &bm25Scratch{acc: make([]float64, len(b.lengths)), best: make([]float64, len(b.lengths))}
	}
	acc, best := sc.acc, sc.best
	var touched, hit []int32
	for _, term := range terms {
		hit = hit[:0]
		for s, w := range term {
			idf := b.idf(s)
			for _, p := range b.postings[s] {
				qtf := w.any
				if w.in != nil {
					qtf = w.of(langOf[p.chunk])
				}
				if qtf == 0 {
					continue
				}
				norm := bm25K1 * (1 - bm25B + bm25B*float64(b.lengths[p.chunk])/b.avgLen)
				tf := float64(p.tf)
				x := qtf * idf * tf * (bm25K1 + 1) / (tf + norm)
				if best[p.chunk] == 0 {
					hit = append(hit, p.chunk)
				}
				best[p.chunk] = max(best[p.chunk], x)
			}
		}
		for _, c := range hit {
			if acc[c] == 0 {
				touched = append(touched, c)
			}
			acc[c] += best[c]
			best[c] = 0
		}
	}
	out := topN(touched, acc, n)
	for _, c := range touched {
		acc[c] = 0
	}
	b.scratch.Put(sc)
	return out
}

// topN returns the n best of the touched indexes by score, best first, ties
// broken by index, using a bounded min-heap.
func topN(touched []int32, score []float64, n int) []scored {
	if n <= 0 {
		return nil
	}
	h := make([]scored, 0, n)
	less := func(a, b scored) bool { // a worse than b
		if a.score != b.score {
			return a.score < b.score
		}
		return a.idx > b.idx
	}
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(h) && less(h[l], h[m]) {
				m = l
			}
			if r := l + 1; r < len(h) && less(h[r], h[m]) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for _, t := range touched {
		c := scored{idx: int(t), score: score[t]}
		if len(h) < n {
			h = append(h, c)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !less(h[i], h[p]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if less(h[0], c) {
			h[0] = c
			down(0)
		}
	}
	sort.Slice(h, func(i, j int) bool { return less(h[j], h[i]) })
	return h
}
