package answer

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/retrieval"
)

// DefaultK is how many retrieved chunks an answer lists.
const DefaultK = 5

// candidateChunks is how many of the best chunks the extractive answer
// reads sentences from.
const candidateChunks = 6

// Engine answers questions from a corpus without a language model.
type Engine struct {
	corpus Corpus
	// current, when set, gives the corpus to use for each call: a live
	// corpus swaps in a new index while footnote runs.
	current func() Corpus
}

// NewEngine returns an extractive engine over c.
func NewEngine(c Corpus) *Engine { return &Engine{corpus: c} }

// NewLiveEngine returns an engine that asks current for the corpus at the
// start of every answer and uses that one throughout it, so an answer never
// mixes two versions of the corpus.
func NewLiveEngine(current func() Corpus) *Engine { return &Engine{current: current} }

// snapshot returns an engine fixed to one version of the corpus.
func (e *Engine) snapshot() *Engine {
	if e.current == nil {
		return e
	}
	return &Engine{corpus: e.current()}
}

// Options tune one answer.
type Options struct {
	// K is how many retrieved chunks to report (default DefaultK).
	K int
}

// Ask answers a question extractively: it picks the sentence(s) of the
// retrieved chunks that answer it and cites each, or refuses when the corpus
// does not cover it. The question must already be cleaned (CleanQuestion).
func (e *Engine) Ask(ctx context.Context, q string, opts Options) (*Answer, error) {
	e = e.snapshot()
	k := opts.K
	if k <= 0 {
		k = DefaultK
	}
	a, _, err := e.ask(ctx, q, k)
	return a, err
}

// ask is Ask that also returns the retrieved chunks.
func (e *Engine) ask(ctx context.Context, q string, k int) (*Answer, []retrieval.Hit, error) {
	start := time.Now()
	hits, err := e.corpus.Search(ctx, q, max(k, candidateChunks))
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	searched := time.Now()
	qs := analyse(e.corpus, q)
	a := &Answer{Question: q, Mode: ModeExtractive, Language: qs.lang, Citations: []Citation{}}
	a.Retrieved = retrievedOf(hits, k)
	cands := e.candidates(qs, hits)
	if best, ok := decide(qs, cands); ok {
		e.compose(a, qs, best, cands)
		if asksLatest(qs) && best.doc.Date != "" {
			a.Answer = fmt.Sprintf(asOf[qs.lang], best.doc.Date) + a.Answer
		}
	} else {
		refuse(a, qs, cands)
	}
	a.TimingsMS = map[string]float64{
		"retrieve": ms(searched.Sub(start)),
		"answer":   ms(time.Since(searched)),
		"total":    ms(time.Since(start)),
	}
	return a, hits, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func retrievedOf(hits []retrieval.Hit, k int) []Retrieved {
	out := make([]Retrieved, 0, min(k, len(hits)))
	for i, h := range hits {
		if i == k {
			break
		}
		out = append(out, Retrieved{ChunkID: h.Chunk.ID, DocID: h.Chunk.DocID, Score: round(h.Score), Text: h.Chunk.Text})
	}
	return out
}

func round(f float64) float64 { return float64(int64(f*1e6+0.5)) / 1e6 }

// candidates scores every sentence of the best chunks.
func (e *Engine) candidates(q *question, hits []retrieval.Hit) []*candidate {
	var out []*candidate
	for r, h := range hits {
		if r == candidateChunks {
			break
		}
		for i := range h.Chunk.Sentences {
			c := &candidate{chunk: h.Chunk, doc: h.Doc, sent: i, rank: r}
			c.scoreAgainst(q)
			out = append(out, c)
		}
	}
	// "What is the latest…": among good sentences, newer articles first.
	if asksLatest(q) {
		newest := ""
		for _, c := range out {
			if c.doc.Date > newest {
				newest = c.doc.Date
			}
		}
		for _, c := range out {
			if newest != "" && c.doc.Date == newest {
				c.score += 0.2
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// decide says whether the corpus answers the question, and with which
// sentence. The corpus does not answer when the question names something it
// never mentions (a name or number it lacks, or two or more of its words),
// or when no sentence covers most of what the question asks about.
func decide(q *question, cands []*candidate) (*candidate, bool) {
	if len(q.terms) == 0 || len(cands) == 0 {
		return nil, false
	}
	unknown, known := 0, 0
	for _, t := range q.terms {
		switch {
		case t.known:
			known++
		case t.entity:
			return nil, false
		case !t.category && !t.general:
			unknown++
		}
	}
	if unknown >= 2 || known == 0 {
		return nil, false
	}
	best := cands[0]
	// "when" and "how many" want a date or a number: no good sentence that
	// has one means the articles do not say.
	if q.typ == typeTime || q.typ == typeQuantity {
		typed := false
		for _, c := range cands {
			if c.knownCov >= 0.5 && c.typed {
				typed = true
				break
			}
		}
		if !typed {
			return nil, false
		}
	}
	need := 0.5
	if unknown == 1 {
		// One word the corpus never uses may be a paraphrase ("held" for
		// "in custody"), but then everything else must be there.
		need = 0.75
	}
	if best.knownCov < need {
		return nil, false
	}
	return best, true
}

// point is one sentence run of an answer, cited to one chunk.
type point struct {
	chunk      *corpus.Chunk
	doc        *corpus.Document
	first, end int // sentence indexes [first, end) in chunk
}

func (e *Engine) compose(a *Answer, q *question, best *candidate, cands []*candidate) {
	points := e.withContext(best)
	// Two articles that give different figures for the same thing are both
	// cited, and the answer says they differ.
	if other := conflict(best, cands); other != nil {
		points = append(points, e.withContext(other)...)
		cite(a, points)
		a.Note = differNote(q.lang, best, other)
		return
	}
	covered := map[string]bool{}
	for s := range best.matched {
		covered[s] = true
	}
	// A second sentence: the best one that holds the kind of answer asked
	// for when the first does not ("who" answered without a name), or else
	// one nearly as good that covers a question term the first lacks.
	if q.typ != typeAny && !best.typed {
		for _, c := range cands[1:] {
			if c.score < 0.7*best.score {
				break
			}
			if c.typed && c.knownCov >= 0.5 && !overlaps(points, c) {
				points = append(points, e.withContext(c)...)
				cite(a, points)
				return
			}
		}
	}
	for _, c := range cands[1:] {
		if c.score < 0.8*best.score || c.knownCov < 0.5 {
			break
		}
		if overlaps(points, c) {
			continue
		}
		adds := false
		for s := range c.matched {
			if !covered[s] {
				adds = true
			}
		}
		if !adds {
			continue
		}
		points = append(points, e.withContext(c)...)
		break
	}
	cite(a, points)
}

func overlaps(points []point, c *candidate) bool {
	for _, p := range points {
		if p.chunk.ID == c.chunk.ID && c.sent >= p.first-1 && c.sent <= p.end {
			return true
		}
	}
	return false
}

// withContext returns the candidate's sentence as a point, preceded by the
// sentence before it when it opens with a pronoun or connective that leans on
// that sentence.
func (e *Engine) withContext(c *candidate) []point {
	p := point{chunk: c.chunk, doc: c.doc, first: c.sent, end: c.sent + 1}
	if !c.borrows && !leansBack(c.text()) {
		return []point{p}
	}
	if c.sent > 0 {
		p.first--
		return []point{p}
	}
	// the sentence before is the last of the previous chunk
	if c.chunk.Ordinal > 0 {
		prev := e.corpus.Chunk(fmt.Sprintf("%s#%d", c.chunk.DocID, c.chunk.Ordinal-1))
		if prev != nil && len(prev.Sentences) > 0 {
			n := len(prev.Sentences)
			return []point{{chunk: prev, doc: c.doc, first: n - 1, end: n}, p}
		}
	}
	return []point{p}
}

// cite writes the answer text and its citations: one number per chunk, in
// order of first use.
func cite(a *Answer, points []point) {
	num := map[string]int{}
	var parts []string
	for _, p := range points {
		n, ok := num[p.chunk.ID]
		if !ok {
			n = len(a.Citations) + 1
			num[p.chunk.ID] = n
			a.Citations = append(a.Citations, citationOf(n, p))
		} else {
			widen(&a.Citations[n-1], p)
		}
		parts = append(parts, fmt.Sprintf("%s [%d]", p.chunk.Text[p.chunk.Sentences[p.first].Start:p.chunk.Sentences[p.end-1].End], n))
	}
	a.Answer = strings.Join(parts, " ")
}

func citationOf(n int, p point) Citation {
	s, e := p.chunk.Sentences[p.first].Start, p.chunk.Sentences[p.end-1].End
	return Citation{
		N: n, DocID: p.doc.ID, Title: p.doc.Title, Source: p.doc.Source, URL: p.doc.URL, Date: p.doc.Date,
		ChunkID: p.chunk.ID, Text: p.chunk.Text, Quote: p.chunk.Text[s:e],
		Start: p.chunk.Start + s, End: p.chunk.Start + e,
	}
}

// widen makes a citation's quote cover another point of the same chunk.
func widen(c *Citation, p point) {
	s, e := p.chunk.Start+p.chunk.Sentences[p.first].Start, p.chunk.Start+p.chunk.Sentences[p.end-1].End
	c.Start, c.End = min(c.Start, s), max(c.End, e)
	c.Quote = p.chunk.Text[c.Start-p.chunk.Start : c.End-p.chunk.Start]
}

// Refusal texts by language.
var refusalText = map[lang.Lang]string{
	lang.English: "The articles don't say. The closest passages are below.",
	lang.Spanish: "Los artículos no lo dicen. Abajo están los pasajes más cercanos.",
}

func refuse(a *Answer, q *question, cands []*candidate) {
	a.Refused = true
	a.Answer = refusalText[q.lang]
	if a.Answer == "" {
		a.Answer = refusalText[lang.English]
	}
	seen := map[string]bool{}
	for _, c := range cands {
		if len(a.Closest) == 3 {
			break
		}
		if seen[c.chunk.ID] || c.coverage == 0 {
			continue
		}
		seen[c.chunk.ID] = true
		a.Closest = append(a.Closest, Passage{DocID: c.doc.ID, Title: c.doc.Title, ChunkID: c.chunk.ID, Quote: c.text(), Date: c.doc.Date})
	}
}
