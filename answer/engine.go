package answer

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
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
func (e *Engine) ask(ctx context.Context, q string, k int) (*Answer, *retrieval.Result, error) {
	if parts := splitCompound(q); len(parts) > 1 {
		return e.askParts(ctx, q, parts, k)
	}
	start := time.Now()
	res, err := e.corpus.Retrieve(ctx, spelledOut(q), max(k, listedChunks))
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	hits := res.Hits
	searched := time.Now()
	qs := analyse(res.Query)
	a := &Answer{Question: q, Mode: ModeExtractive, Language: qs.lang, Citations: []Citation{}}
	pool := firstN(hits, candidateChunks)
	if qs.typ == typeTime {
		pool = e.withLeads(pool)
	}
	cands := e.candidates(qs, pool)
	if best, partial, ok := decide(qs, cands); ok && !unknownName(qs, hits) {
		e.compose(a, qs, best, cands)
		if partial {
			a.Partial = true
			a.Note = partialNote[qs.lang]
		}
		if qs.latest && best.doc.Date != "" {
			a.Answer = fmt.Sprintf(asOf[qs.lang], best.doc.Date) + a.Answer
		}
		if qs.typ == typeTime {
			a.Answer += dateGloss(qs.lang, best)
		}
	} else {
		refuse(a, qs, cands)
	}
	a.Retrieved = e.withBestRead(qs, a.Citations, hits, k)
	a.TimingsMS = map[string]float64{
		"retrieve": ms(searched.Sub(start)),
		"answer":   ms(time.Since(searched)),
		"total":    ms(time.Since(start)),
	}
	return a, res, nil
}

// listedChunks is how many of the search's chunks the answer's reading
// reads for the passages it lists (see withBestRead); the answer itself is
// drawn from the first candidateChunks.
const listedChunks = 10

// withBestRead returns the k passages to list (see citedFirst), but lets
// the chunk the answerer reads best among those the search ranked below
// them (down to listedChunks) take the place of the listed, uncited one it
// reads worst, when it reads better: a chunk ranked eighth whose sentence
// holds what was asked is listed instead of one that only shares words.
// The answer itself is drawn from the first candidateChunks alone. Call it
// once the answer is composed: it reads all of hits afresh, their
// articles' names included.
func (e *Engine) withBestRead(q *question, cites []Citation, hits []retrieval.Hit, k int) []Retrieved {
	listed := citedFirst(cites, hits, k)
	cited := map[string]bool{}
	for _, c := range cites {
		cited[c.ChunkID] = true
	}
	in := map[string]bool{}
	uncited := false
	for _, r := range listed {
		in[r.ChunkID] = true
		uncited = uncited || !cited[r.ChunkID]
	}
	if len(listed) < k || len(hits) <= k || !uncited {
		return listed // nothing below the listing, or nothing to give way
	}
	read := map[string]float64{}
	for _, c := range e.candidates(q, hits) {
		if r, ok := read[c.chunk.ID]; !ok || c.score > r {
			read[c.chunk.ID] = c.score
		}
	}
	var extra *retrieval.Hit
	for i := range hits {
		if h := &hits[i]; !in[h.Chunk.ID] && (extra == nil || read[h.Chunk.ID] > read[extra.Chunk.ID]) {
			extra = h
		}
	}
	worst := -1
	for i, r := range listed {
		if !cited[r.ChunkID] && (worst < 0 || read[r.ChunkID] < read[listed[worst].ChunkID]) {
			worst = i
		}
	}
	if extra == nil || read[extra.Chunk.ID] <= read[listed[worst].ChunkID] {
		return listed
	}
	listed[worst] = Retrieved{ChunkID: extra.Chunk.ID, DocID: extra.Chunk.DocID, Score: round(extra.Score), Text: extra.Chunk.Text}
	return listed
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// citedFirst returns the k passages to list as retrieved, the ones the
// answer cites first, in citation order, then the rest by search rank: the
// answer's reading reranks the search, and a cited passage the search
// ranked lower (or the sentence after a hit, see namedNext) is listed too.
// Without citations (a refusal) it is the search's first k.
func citedFirst(cites []Citation, hits []retrieval.Hit, k int) []Retrieved {
	score := map[string]float64{}
	for _, h := range hits {
		score[h.Chunk.ID] = h.Score
	}
	out := make([]Retrieved, 0, k)
	seen := map[string]bool{}
	for _, c := range cites {
		if len(out) == k {
			break
		}
		if seen[c.ChunkID] {
			continue
		}
		seen[c.ChunkID] = true
		out = append(out, Retrieved{ChunkID: c.ChunkID, DocID: c.DocID, Score: round(score[c.ChunkID]), Text: c.Text})
	}
	for _, h := range hits {
		if len(out) == k {
			break
		}
		if !seen[h.Chunk.ID] {
			out = append(out, Retrieved{ChunkID: h.Chunk.ID, DocID: h.Chunk.DocID, Score: round(h.Score), Text: h.Chunk.Text})
		}
	}
	return out
}

func round(f float64) float64 { return float64(int64(f*1e6+0.5)) / 1e6 }

// leadArticles is how many of the best-matching articles a when question
// also reads the lead of (see withLeads).
const leadArticles = 2

// withLeads adds to pool, for a when question, the first chunk of each of
// the first leadArticles articles in it that pool lacks: a news article's
// lead dates the event its title names ("… breaking diplomatic ties after
// embassy raid" over "police broke into the Mexican Embassy late
// Friday"), though later paragraphs name the event more often.
func (e *Engine) withLeads(pool []retrieval.Hit) []retrieval.Hit {
	have := map[string]bool{}
	for _, h := range pool {
		have[h.Chunk.ID] = true
	}
	var docs []*corpus.Document
	seen := map[string]bool{}
	for _, h := range pool {
		if !seen[h.Doc.ID] && len(docs) < leadArticles {
			seen[h.Doc.ID] = true
			docs = append(docs, h.Doc)
		}
	}
	for _, d := range docs {
		id := corpus.ChunkID(d.ID, 0)
		if ch := e.corpus.Chunk(id); ch != nil && !have[id] {
			pool = append(pool, retrieval.Hit{Chunk: ch, Doc: d})
		}
	}
	return pool
}

// firstN returns the first n of hits (all when fewer), as a slice that
// appending to does not write into hits.
func firstN(hits []retrieval.Hit, n int) []retrieval.Hit {
	return hits[:min(n, len(hits)):min(n, len(hits))]
}

// candidates scores every sentence of the chunks given: the search's best
// (see firstN, withLeads).
func (e *Engine) candidates(q *question, hits []retrieval.Hit) []*candidate {
	var out []*candidate
	var docs []*corpus.Document
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.Doc.ID] {
			seen[h.Doc.ID] = true
			docs = append(docs, h.Doc)
		}
	}
	q.proper, q.surnames, q.bodies, q.places = q.reading().names(docs)
	if ac, ok := e.corpus.(initialed); ok {
		q.acronym = ac.Acronym
	}
	q.views = nil // the per-language views copy the names (see forLang)
	for r, h := range hits {
		l := h.Chunk.Language
		cr := q.reading().chunk(h.Chunk)
		terms, stems, all := cr.terms, cr.stems, cr.all
		n := len(terms)
		title := withHeadings(q.reading().title(h.Doc), h.Chunk)
		chunkCands := make([]*candidate, n)
		for i := range n {
			sur := surround{chunk: all, title: title}
			if i > 0 {
				sur.prev = stems[i-1]
				sur.prevAsks = asks(h.Chunk.Sentence(i - 1))
			} else if s, ok := e.lastAsked(h.Chunk); ok {
				// an interviewer's question that closed the chunk before
				_, sur.prev = sentenceStems(l, s, q.surnames)
				sur.prevAsks = true
			}
			if i+1 < n {
				sur.next = stems[i+1]
			}
			c := &candidate{chunk: h.Chunk, doc: h.Doc, sent: i, terms: terms[i], rank: r}
			c.scoreAgainst(q, terms[i], stems[i], sur)
			chunkCands[i] = c
			out = append(out, c)
		}
		namedNext(q, chunkCands, terms, func(q *question) bool { return e.nextNames(q, h.Chunk) })
		namedBefore(q, chunkCands, terms, func() bool { return e.prevNames(q, h.Chunk) })
		spokeBefore(q, chunkCands, terms)
	}
	preferOwnLanguage(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// withHeadings returns the stems of an article's title and of the chunk's
// own headings ("Quilmo port strike at a glance" over "Workers on strike:
// about 2,400"): both say what the chunk's sentences are about. (A chunk
// opens at a heading, so the headings over its text are its own.)
func withHeadings(title map[string]bool, ch *corpus.Chunk) map[string]bool {
	if len(ch.Headings) == 0 {
		return title
	}
	out := make(map[string]bool, len(title))
	for s := range title {
		out[s] = true
	}
	for _, sp := range ch.Headings {
		_, stems := sentenceStems(ch.Language, ch.Text[sp.Start:sp.End], nil)
		for s := range stems {
			out[s] = true
		}
	}
	return out
}

// namedNext marks, for a who question, a sentence that speaks of an
// unnamed person ("A spokesman for the Secretary-General said…") followed
// by one that names a person ("…, Stephane Dujarric told reporters."): the
// pair answers it, and the answer quotes both.
// nextNamed says whether the sentence after the chunk's last (the next
// chunk's first) names a person for the question it is given; it is called
// only when that matters.
func namedNext(q *question, cands []*candidate, terms [][]lang.Term, nextNamed func(*question) bool) {
	if q.typ != typePerson {
		return
	}
	for i, c := range cands {
		if c.typed || !unnamedPerson(terms[i]) {
			continue
		}
		// the person named next must be another than this sentence's
		// own: "Chile's transport minister, Ignacio Valdés, resigned after
		// lawmakers…" is not answered by "Ignacio Valdés leaves the palace"
		known := q.withNames(terms[i])
		var named bool
		if i+1 < len(cands) {
			next := cands[i+1]
			named = next.typed && fills(known.forLang(next.chunk.Language), next.text(), terms[i+1])
		} else {
			named = nextNamed(known) // read the next chunk only when needed
		}
		if named {
			c.typed, c.lends = true, true
			c.score = c.weigh(defaultWeights)
		}
	}
}

// namedBefore marks, for a who question, a sentence whose subject is a
// personal pronoun ("She spoke after Spain joined…") after one that names
// a person ("…, said Foreign Minister Alicia Bárcena."): the pronoun is
// that person, and the answer quotes both (the candidate borrows the
// name). prevNamed says whether the sentence before the chunk's first (the
// previous chunk's last) names a person; it is called only when that
// matters.
func namedBefore(q *question, cands []*candidate, terms [][]lang.Term, prevNamed func() bool) {
	if q.typ != typePerson {
		return
	}
	for i, c := range cands {
		if c.typed || !personalSubject(c.text(), terms[i]) {
			continue
		}
		var named bool
		if i > 0 {
			named = fills(q.forLang(cands[i-1].chunk.Language), cands[i-1].text(), terms[i-1])
		} else {
			named = prevNamed()
		}
		if named {
			c.typed, c.borrows = true, true
			c.score = c.weigh(defaultWeights)
		}
	}
}

// personalSubject reports whether a sentence opens with a personal
// pronoun that stands for a person: "he", "she", "ella", "él" (unfolded,
// since folded it is the article "el").
func personalSubject(text string, terms []lang.Term) bool {
	if len(terms) == 0 {
		return false
	}
	switch terms[0].Text {
	case "he", "she", "ella":
		return true
	case "el":
		r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(strings.TrimLeft(text, " «“\"¿¡"), "Él"))
		return strings.HasPrefix(strings.TrimLeft(text, " «“\"¿¡"), "Él") && !unicode.IsLetter(r)
	}
	return false
}

// prevNames reports, for a who question, whether the last sentence of the
// chunk before ch names a person.
func (e *Engine) prevNames(q *question, ch *corpus.Chunk) bool {
	return ch.Ordinal > 0 && e.neighbourNames(q, ch, -1)
}

// neighbourNames reports, for a who question, whether the sentence next to
// ch in the chunk step away (-1: its last; +1: its first) names a person.
func (e *Engine) neighbourNames(q *question, ch *corpus.Chunk, step int) bool {
	if q.typ != typePerson {
		return false
	}
	nb, s, ok := e.neighbourSentence(ch, step)
	return ok && fills(q.forLang(nb.Language), s, lang.Terms(nb.Language, s))
}

// neighbourSentence returns the chunk step away from ch (-1 or +1) and its
// sentence next to ch: its last before ch, its first after; ok is false
// when there is none.
func (e *Engine) neighbourSentence(ch *corpus.Chunk, step int) (nb *corpus.Chunk, s string, ok bool) {
	if ch.Ordinal+step < 0 {
		return nil, "", false
	}
	nb = e.corpus.Chunk(corpus.ChunkID(ch.DocID, ch.Ordinal+step))
	if nb == nil || len(nb.Sentences) == 0 {
		return nil, "", false
	}
	i := 0
	if step < 0 {
		i = len(nb.Sentences) - 1
	}
	return nb, nb.Sentence(i), true
}

// lastAsked returns the last sentence of the chunk before ch when it is a
// question (see asks): an interview's question and its reply may fall in
// two chunks.
func (e *Engine) lastAsked(ch *corpus.Chunk) (string, bool) {
	_, s, ok := e.neighbourSentence(ch, -1)
	return s, ok && asks(s)
}

// nextNames reports, for a who question, whether the first sentence of
// the chunk after ch names a person.
func (e *Engine) nextNames(q *question, ch *corpus.Chunk) bool {
	return e.neighbourNames(q, ch, +1)
}

// Coverage bars of decide: a sentence that covers at least answerCov of the
// question's weighted terms answers it; one that covers at least partialCov
// is shown as the best passage, flagged as possibly not answering fully.
const (
	answerCov  = 0.55
	partialCov = 0.3
	// unknownShare: two or more topic words the corpus never uses that
	// carry this share of the question's weight refuse it.
	unknownShare = 0.35
)

// decide says whether the corpus answers the question, with which sentence,
// and whether that answer may be partial. The corpus does not answer when
// the question names something it never mentions (a name or number it
// lacks), when the question asks for a kind of thing (a person, a date, a
// number of what it counts) that no matching sentence holds, or when no
// sentence covers enough of the question.
func decide(q *question, cands []*candidate) (best *candidate, partial, ok bool) {
	if len(q.terms) == 0 || len(cands) == 0 {
		return nil, false, false
	}
	if offTopic(q, cands) {
		return nil, false, false
	}
	// "How many X" where no article mentions X cannot be counted, unless
	// X is an everyday word the number's own noun may stand for: "4
	// fallecidos" counts the "personas" of "¿Cuántas personas murieron?"
	if q.counted != nil && !q.counted.known && !q.counted.general {
		return nil, false, false
	}
	if q.anchor != nil {
		// the thing whose date or cause is asked must be named by the
		// answering sentence itself
		cands = anchored(q.anchor, cands)
		if len(cands) == 0 {
			return nil, false, false
		}
	}
	// a figure or date of the question must be in the answer's context: a
	// passage about another day or amount does not answer it
	cands = withFigures(cands)
	if len(cands) == 0 {
		return nil, false, false
	}
	best = cands[0]
	if q.typ != typeAny {
		var typed *candidate
		for _, c := range cands {
			if c.typed && c.coverage >= partialCov {
				typed = c
				break
			}
		}
		if typed == nil {
			return nil, false, false
		}
		best = typed
		switch q.typ {
		case typeReason:
			best = statedCause(q, best, cands)
		case typeQuantity:
			best = exactFigure(q, best, cands)
		case typeTime:
			best = dayDate(q, clockTime(q, best, cands), cands)
		case typePerson:
			best = spokenBy(q, best, cands)
		}
		best = withPredicate(q, best, cands)
	}
	switch {
	case q.latest:
		best = currentHolder(q, newest(q, best, cands), cands)
	case q.earliest:
		best = oldest(q, best, cands)
	}
	switch {
	case best.coverage >= answerCov:
		return best, false, true
	case best.coverage >= partialCov:
		return best, true, true
	}
	return nil, false, false
}

// statedCause returns, for a why question, a sentence nearly as good as
// best that says outright why ("because…") when best does not ("after…",
// "amid…").
func statedCause(q *question, best *candidate, cands []*candidate) *candidate {
	says := func(c *candidate) bool { return statesCause(q, c.terms) }
	return nearlyAsGood(best, cands, says)
}

// clockTime returns, for a question about the time of day, the best
// sentence of the kind asked that gives the clock ("at about 23:40 … a
// steel pipeline … burst") when best gives only the day ("burst overnight
// on Monday"), however much better best scores: the asker wants the hour.
func clockTime(q *question, best *candidate, cands []*candidate) *candidate {
	if !q.clock {
		return best
	}
	says := func(c *candidate) bool {
		text := c.text()
		for i := range c.terms {
			if clockAt(text, c.terms, i) {
				return true
			}
		}
		return false
	}
	return firstThat(best, cands, says)
}

// firstThat returns best when has holds for it, or else the first
// candidate of the kind asked, covering the question at least partly, for
// which it holds, however much better best scores (the asker said what
// the answer must give); else best. See nearlyAsGood for the milder rule.
func firstThat(best *candidate, cands []*candidate, has func(*candidate) bool) *candidate {
	if has(best) {
		return best
	}
	for _, c := range cands {
		if c.typed && c.coverage >= partialCov && has(c) {
			return c
		}
	}
	return best
}

// dayDate returns, for a question about a date, the best sentence of the
// kind asked that gives the day of the month ("del 14 de noviembre de
// 2024") when best gives no day ("realizada en noviembre de 2024"),
// however much better best scores: the asker wants the day. A weekday or
// "yesterday" is a day.
func dayDate(q *question, best *candidate, cands []*candidate) *candidate {
	if !q.day {
		return best
	}
	says := func(c *candidate) bool {
		for i, t := range c.terms {
			if t.Number && len(t.Text) <= 2 && isDate(c.terms, i) && !q.words[t.Text] {
				return true
			}
			if weekday(t.Text) && timeWord(c.terms, i) || relativeDays[t.Text] {
				return true // "began an indefinite strike on Monday": a day too
			}
		}
		return false
	}
	return firstThat(best, cands, says)
}

// relativeDays name a day by today's.
var relativeDays = set(`today yesterday tomorrow hoy ayer anteayer`)

// spokenBy returns, for a question about who said something, a sentence
// nearly as good as best that says someone said it ("…," ONEM director
// Álvaro Pinzón told reporters) when best reports no speech.
func spokenBy(q *question, best *candidate, cands []*candidate) *candidate {
	if !q.saidBy {
		return best
	}
	return nearlyAsGood(best, cands, func(c *candidate) bool {
		for _, t := range c.terms {
			if speechVerbs[t.Text] {
				return true
			}
		}
		return false
	})
}

// exactFigure returns, for a how-many question, a sentence nearly as good
// as best that gives the figure in digits or words ("37 remain missing")
// when best gives only a vague amount ("dozens of people still missing").
func exactFigure(q *question, best *candidate, cands []*candidate) *candidate {
	if q.measure != nil || q.money {
		return best
	}
	exact := func(c *candidate) bool {
		for i, t := range c.terms {
			if (t.Number && !isDate(c.terms, i) || numberWords[t.Text] && !vagueAmounts[t.Text] && !articleNumbers[t.Text]) && !q.words[t.Text] {
				return true
			}
		}
		return false
	}
	return nearlyAsGood(best, cands, exact)
}

// articleNumbers are number words that more often are articles or
// fractions than a figure ("una presa", "half").
var articleNumbers = set(`one un uno una once half medio media mitad hundred`)

// vagueAmounts give an amount without a figure.
var vagueAmounts = set(`dozens hundreds thousands millions several many scores decenas centenares cientos miles
	millones varios varias muchos muchas`)

// nearlyAsGood returns best when it has what has asks for, or else the
// first candidate that has it, holds the kind of answer asked for, covers
// the question at least partly and scores at least 0.8 of best; else best.
func nearlyAsGood(best *candidate, cands []*candidate, has func(*candidate) bool) *candidate {
	if has(best) {
		return best
	}
	for _, c := range cands {
		if c.score < 0.8*best.score {
			break
		}
		if c.typed && c.coverage >= partialCov && has(c) {
			return c
		}
	}
	return best
}

// withPredicate returns, for a question that says what its answer did
// ("Which country abstained…"), a sentence nearly as good as best that
// has that word when best does not: best names an instance of what was
// asked doing something else.
func withPredicate(q *question, best *candidate, cands []*candidate) *candidate {
	if q.predicate == nil {
		return best
	}
	return nearlyAsGood(best, cands, func(c *candidate) bool { return c.matched[q.predicate.stem] })
}

// latestShare is how much of the best sentence's coverage a sentence of a
// newer article needs to answer a question about the latest state instead:
// as much as having every question word in its chunk gives, since a later
// report often names its subject once and then says "the former vice
// president".
const latestShare = chunkWeight

// newest returns, for a question about the latest state ("Where is he held
// now?"), the sentence of the newest article among those that answer it at
// least latestShare as well as best: older articles tell what was true
// then.
func newest(q *question, best *candidate, cands []*candidate) *candidate {
	return byDate(q, best, cands, func(c, than *candidate) bool { return c.doc.Date > than.doc.Date })
}

// currentHolder returns, for a question about who holds a post now, a
// sentence of the kind asked, no older than best, that does not say its
// person left ("Health Minister X resigned on 16 May…"), when best says so
// and names no successor: who left is not who holds it now.
func currentHolder(q *question, best *candidate, cands []*candidate) *candidate {
	if q.typ != typePerson || !leftPost(best.terms) {
		return best
	}
	// one that names who took the post ("She was replaced the following
	// day by…"), else any that does not say its person left
	for _, took := range []bool{true, false} {
		for _, c := range cands {
			if c.typed && c.coverage >= partialCov && !olderThan(c, best) && !leftPost(c.terms) && (!took || tookPost(c.terms)) {
				return c
			}
		}
	}
	return best
}

// tookPost reports whether a sentence says someone took a post.
func tookPost(terms []lang.Term) bool {
	for _, t := range terms {
		if successionWords[t.Text] {
			return true
		}
	}
	return false
}

// leftPost reports whether a sentence says someone left a post ("resigned",
// "dimitió", "former") and names no one who took it ("was replaced by",
// "sworn in", "nombrada").
func leftPost(terms []lang.Term) bool {
	if tookPost(terms) {
		return false
	}
	for _, t := range terms {
		if departureWords[t.Text] {
			return true
		}
	}
	return false
}

// departureWords say someone left a post; successionWords that someone
// took one.
var (
	departureWords = set(`resigned resign resigns resignation quit quits stepped former ousted dismissed fired sacked
		dimitio dimite dimision renuncio renuncia destituido destituida cesado cesada exministro exministra expresidente expresidenta`)
	successionWords = set(`replaced succeeded successor sworn appointed named elected acting interim
		reemplazado reemplazada reemplazo sustituido sustituida sustituto sustituta sucesor sucesora nombrado nombrada
		elegido elegida asumio interino interina`)
)

// olderThan reports whether c's article is dated before than's.
func olderThan(c, than *candidate) bool {
	return c.doc.Date != "" && than.doc.Date != "" && c.doc.Date < than.doc.Date
}

// byDate returns, of best and the candidates that answer the question at
// least latestShare as well as best, at least partly, and with the kind of
// answer asked for, the one that comes first by before (newer, or older).
func byDate(q *question, best *candidate, cands []*candidate, before func(c, than *candidate) bool) *candidate {
	out := best
	for _, c := range cands {
		if !before(c, out) || c.coverage < latestShare*best.coverage || c.coverage < partialCov {
			continue
		}
		if q.typ != typeAny && !c.typed {
			continue
		}
		out = c
	}
	return out
}

// oldest returns, for a question about the first state of things, the
// sentence of the oldest article among those that answer it at least
// latestShare as well as best: later articles tell what became of it.
func oldest(q *question, best *candidate, cands []*candidate) *candidate {
	return byDate(q, best, cands, func(c, than *candidate) bool {
		return c.doc.Date != "" && (than.doc.Date == "" || c.doc.Date < than.doc.Date)
	})
}

// unknownName reports whether the question names, in two or more
// capitalised words, something no passage retrieved names: no two of the
// words stand together in any ("the State Department" where the articles
// only say "member states" and "department"). A title and a name
// ("President Noboa") are no fixed phrase. Passages in the other language
// may name it in translation, so the check is made only when all the
// passages answers are drawn from are in the question's language.
func unknownName(q *question, hits []retrieval.Hit) bool {
	toks := lang.Tokenize(q.text)
	var pairs [][2]string
	for i := 1; i < len(toks); i++ {
		a, b := toks[i-1], toks[i]
		if !a.Upper || !b.Upper || a.Number || b.Number || afterSentenceStart(q.text, a.Start) || b.Start-a.End > 1 ||
			titleWords[a.Text] || titleWords[b.Text] || lexicon.KindOf(a.Text+" "+b.Text) == lexicon.KindDemonym {
			continue // "Central American" describes; it names nothing
		}
		pairs = append(pairs, [2]string{a.Text, b.Text})
	}
	if len(pairs) == 0 {
		return false
	}
	for r, h := range hits {
		if r < candidateChunks && h.Chunk.Language != q.lang {
			return false
		}
	}
	for r, h := range hits {
		if r == candidateChunks {
			break
		}
		for _, text := range []string{h.Chunk.Text, h.Doc.Title} {
			ct := lang.Tokenize(text)
			for i := 1; i < len(ct); i++ {
				for _, p := range pairs {
					if ct[i-1].Text == p[0] && ct[i].Text == p[1] {
						return false
					}
				}
			}
		}
	}
	return len(hits) > 0
}

// offTopic reports whether the question's words say the articles are about
// something else: a name or number they never use, no word they use, or
// two or more topic words they never use that carry much of the question
// (unless one sentence holds the asked-for type and every known word, which
// makes the unknown words the asker's paraphrase).
func offTopic(q *question, cands []*candidate) bool {
	known, unknown := 0, 0
	var total, unknownWeight float64
	for _, t := range q.terms {
		total += t.weight
		switch {
		case t.entity && !t.known:
			return true
		case t.known:
			known++
		case !t.general && !t.category:
			unknown++
			unknownWeight += t.weight
		}
	}
	return known == 0 || unknown >= 2 && unknownWeight >= unknownShare*total && !fullyTyped(q, cands)
}

// withFigures returns the candidates whose context has every figure, day
// and year of the question.
func withFigures(cands []*candidate) []*candidate {
	var out []*candidate
	for _, c := range cands {
		if !c.lacksFigure {
			out = append(out, c)
		}
	}
	return out
}

// dateWords spells an article's date as words of its language ("5 April
// 2024", "5 abril 2024"), so a question's day, month or year can match it.
func dateWords(d *corpus.Document) string {
	t, ok := docDate(d)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d %s %d", t.Day(), lang.MonthName(d.Language, t.Month()), t.Year())
}

// fullyTyped reports whether, for a question that asks for a kind of
// thing, one sentence holds it and every question word the corpus knows:
// then the words it does not know are the asker's paraphrase ("How much
// coffee farmland was hurt by the ash?" for "ash had damaged about 6,000
// hectares of coffee"), not a topic the articles lack.
func fullyTyped(q *question, cands []*candidate) bool {
	if q.typ == typeAny || q.typ == typeSpeech {
		return false // what X said of Y: the unknown words may be Y
	}
	for _, c := range cands {
		if c.typed && c.sentKnownCov >= 0.999 {
			return true
		}
	}
	return false
}

// anchored returns the candidates whose sentence has the anchor term.
func anchored(anchor *qterm, cands []*candidate) []*candidate {
	var out []*candidate
	for _, c := range cands {
		if c.matched[anchor.stem] {
			out = append(out, c)
		}
	}
	return out
}

// point is one sentence run of an answer, cited to one chunk.
type point struct {
	chunk      *corpus.Chunk
	doc        *corpus.Document
	first, end int // sentence indexes [first, end) in chunk
	// dateline keeps a dateline that opens the quote: for a
	// where-question the place the story was filed from may be the answer
	// ("WASHINGTON — The Permanent Council approved…").
	dateline bool
}

func (e *Engine) compose(a *Answer, q *question, best *candidate, cands []*candidate) {
	// a where-question's answer may be the place a story was filed from
	quote := func(points []point) {
		for i := range points {
			points[i].dateline = q.typ == typePlace
		}
		cite(a, points)
	}
	points := e.withContext(q, best)
	// Two articles that give different figures for the same thing are both
	// cited, and the answer says they differ; unless the question asks for
	// the latest or the first figure, which then changed over time, or asks
	// for no figure: "who replaced the minister?" is not answered by two
	// death tolls.
	if other := conflict(q, best, cands); other != nil && !q.latest && !q.earliest && (q.typ == typeQuantity || q.typ == typeAny) {
		points = append(points, e.withContext(q, other)...)
		quote(points)
		a.Note = differNote(q.lang, best, other)
		return
	}
	// A second sentence: the best one that holds the kind of answer asked
	// for when the first does not ("who" answered without a name), or else
	// one nearly as good that covers a question term the first lacks: in
	// itself, for a partial answer; in itself and around it (a word of
	// the article's title is shown with the citation), for a full one.
	covered := best.matched
	if best.coverage >= answerCov {
		covered = best.near
	}
	if q.typ != typeAny && !best.typed {
		for _, c := range cands[1:] {
			if c.score < 0.7*best.score {
				break
			}
			if c.typed && c.knownCov >= 0.5 && !overlaps(points, c) {
				points = append(points, e.withContext(q, c)...)
				quote(points)
				return
			}
		}
	}
	if best.typed {
		// it holds what was asked: a second sentence would only add a
		// citation to check (when it covers the question only in part,
		// the answer says so)
		quote(points)
		return
	}
	for _, c := range cands[1:] {
		if c.score < 0.8*best.score || c.knownCov < 0.5 {
			break
		}
		if overlaps(points, c) || q.latest && olderThan(c, best) {
			continue // the latest answer is not completed by older news
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
		points = append(points, e.withContext(q, c)...)
		break
	}
	quote(points)
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
// that sentence. A sentence before it in another passage is a citation of
// its own, so it is quoted only when the answer depends on it: the
// candidate borrows question words from it, or the question asks who (and
// "she" is not a name).
func (e *Engine) withContext(q *question, c *candidate) []point {
	p := point{chunk: c.chunk, doc: c.doc, first: c.sent, end: c.sent + 1}
	var after []point
	if c.lends {
		if p.end < len(c.chunk.Sentences) {
			p.end++
		} else if next := e.corpus.Chunk(corpus.ChunkID(c.chunk.DocID, c.chunk.Ordinal+1)); next != nil && len(next.Sentences) > 0 {
			after = []point{{chunk: next, doc: c.doc, first: 0, end: 1}}
		}
	}
	if !c.borrows && !leansBack(c.text()) {
		return append([]point{p}, after...)
	}
	if c.sent > 0 {
		p.first--
		return append([]point{p}, after...)
	}
	// the sentence before is the last of the previous chunk
	if c.chunk.Ordinal > 0 && (c.borrows || q.typ == typePerson) {
		prev := e.corpus.Chunk(corpus.ChunkID(c.chunk.DocID, c.chunk.Ordinal-1))
		if prev != nil && len(prev.Sentences) > 0 {
			n := len(prev.Sentences)
			return append([]point{{chunk: prev, doc: c.doc, first: n - 1, end: n}, p}, after...)
		}
	}
	return append([]point{p}, after...)
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
		s, e := p.span()
		parts = append(parts, fmt.Sprintf("%s [%d]", p.chunk.Text[s:e], n))
	}
	a.Answer = strings.Join(parts, " ")
}

// span returns the offsets in the chunk's text of what the point quotes:
// its sentences, less a dateline that opens them ("QUITO, Ecuador —"), which
// says where the story was filed, not what happened; the citation still
// shows the whole passage.
func (p point) span() (start, end int) {
	start, end = p.chunk.Sentences[p.first].Start, p.chunk.Sentences[p.end-1].End
	if p.chunk.Ordinal != 0 || p.first != 0 || p.dateline {
		return start, end // only an article's first sentence opens with a dateline
	}
	first := p.chunk.Text[start:p.chunk.Sentences[p.first].End]
	if d := datelineEnd(first); d > 0 {
		rest := strings.TrimLeft(first[d:], " \u00a0")
		if len(rest) >= minQuoteAfterDateline {
			start += len(first) - len(rest)
		}
	}
	return start, end
}

// minQuoteAfterDateline is the shortest sentence a dateline is cut from.
const minQuoteAfterDateline = 20

func citationOf(n int, p point) Citation {
	s, e := p.span()
	return Citation{
		N: n, DocID: p.doc.ID, Title: p.doc.Title, Source: p.doc.Source, URL: p.doc.URL, Date: p.doc.Date,
		ChunkID: p.chunk.ID, Text: p.chunk.Text, Quote: p.chunk.Text[s:e],
		Start: p.chunk.Start + s, End: p.chunk.Start + e,
	}
}

// widen makes a citation's quote cover another point of the same chunk.
func widen(c *Citation, p point) {
	s, e := p.span()
	s, e = p.chunk.Start+s, p.chunk.Start+e
	c.Start, c.End = min(c.Start, s), max(c.End, e)
	c.Quote = p.chunk.Text[c.Start-p.chunk.Start : c.End-p.chunk.Start]
}

// partialNote says an answer is the best passage found and may not answer
// the question fully.
var partialNote = map[lang.Lang]string{
	lang.English: "This is the closest passage; it may not answer the question fully.",
	lang.Spanish: "Es el pasaje más cercano; puede que no responda del todo a la pregunta.",
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

// initialed is what a corpus may also tell: the name each acronym the
// articles use stands for.
type initialed interface {
	Acronym(word string) (name string, ok bool)
}
