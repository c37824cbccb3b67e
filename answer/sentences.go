package answer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
	"github.com/footnote-bot/footnote/retrieval"
)

// candidate is a sentence of a retrieved chunk, scored against a question.
type candidate struct {
	chunk *corpus.Chunk
	doc   *corpus.Document
	sent  int         // index into chunk.Sentences
	terms []lang.Term // the sentence's, as candidates read them
	rank  int         // the chunk's rank in the search
	// sentCov is the weighted share of the question's terms the sentence
	// has; coverage counts those around it too, for less (see surround);
	// knownCov is coverage of the terms the corpus knows.
	sentCov  float64
	coverage float64
	knownCov float64
	// sentKnownCov is the sentence's own coverage of the known terms.
	sentKnownCov float64
	typed        bool
	// ownLang is true when the sentence is in the question's language
	// (see preferOwnLanguage).
	ownLang bool
	// lacksFigure is true when a figure, day or year of the question is
	// nowhere in the sentence's context.
	lacksFigure bool
	pair        float64 // see pairBonus
	order       float64 // see orderAgreement
	novelty     float64 // see novelty
	score       float64
	matched     map[string]bool // stems of question terms the sentence has
	// near holds the stems of question terms the sentence or its context
	// (its neighbours, chunk, headings, title) has.
	near map[string]bool
	// borrows is true when the sentence refers back ("he said") and the
	// previous sentence supplies question terms it lacks; the answer then
	// quotes both.
	borrows bool
	// lends is true when the sentence speaks of an unnamed person and the
	// next one names who it was (see namedNext); the answer quotes both.
	lends bool
}

func (c *candidate) text() string { return c.chunk.Sentence(c.sent) }

// sentenceStems returns the stems of a sentence's content words.
func sentenceStems(l lang.Lang, s string, surnames map[string]bool) ([]lang.Term, map[string]bool) {
	terms := lang.Terms(l, s)
	stems := make(map[string]bool, len(terms))
	for i, t := range terms {
		if t.Stop {
			continue
		}
		stems[t.Text] = true
		if !surnames[t.Text] || !nameWord(terms, i) {
			stems[t.Stem] = true
		}
	}
	return terms, stems
}

// nameWord reports whether terms[i] is a word of a name inside the
// sentence, two capitalised words running, its second or later. When it
// is a surname of the articles' people, its stem is not the sentence's
// (the word itself is): "Salvatierra Mora" is no form of "morir", nor
// "Ana Paz" of "paz".
func nameWord(terms []lang.Term, i int) bool {
	return i > 0 && terms[i].Upper && !terms[i].Number && terms[i-1].Upper && !terms[i-1].Number && !terms[i-1].Stop
}

// hasStem reports whether a sentence's stems include one that matches stem.
func hasStem(stems map[string]bool, stem, word string) bool {
	if stems[stem] || stems[word] {
		return true
	}
	for s := range stems {
		if lang.StemsMatch(s, stem) {
			return true
		}
	}
	return false
}

// hasAll reports whether a sentence has every stem of an acronym's name.
func hasAll(stems map[string]bool, want []string) bool {
	if len(want) == 0 {
		return false
	}
	for _, w := range want {
		if !hasStem(stems, w, w) {
			return false
		}
	}
	return true
}

// inName reports whether the sentence has the question term t only as a
// word of the name another question term abbreviates: the question asks
// of the "OAS" and of "states", and the sentence's one "States" is in
// "Organization of American States".
func inName(q *question, t *qterm, terms []lang.Term, stems map[string]bool) bool {
	for i := range q.terms {
		a := &q.terms[i]
		if a == t || !slices.Contains(a.expansion, t.stem) || !hasAll(stems, a.expansion) {
			continue
		}
		n := 0
		for _, w := range terms {
			if !w.Stop && (w.Stem == t.stem || w.Text == t.word) {
				n++
			}
		}
		return n <= 1
	}
	return false
}

// altIn returns the weight of the best of a term's other forms that a
// sentence has, or 0.
func altIn(stems map[string]bool, alts []retrieval.Alt, l lang.Lang) float64 {
	w := 0.0
	for _, a := range alts {
		if stems[a.Stem] && (a.Lang == "" || a.Lang == l) {
			w = max(w, a.Weight)
		}
	}
	return w
}

// borrowWeight is how much a question term found only in the previous
// sentence counts, for a sentence that refers back to it.
const borrowWeight = 0.6

// surround is what stands around a candidate sentence: the stems of the
// sentences before and after it, of its whole chunk and of its article's
// title. A question often names in its context what the answering sentence
// leaves to the sentences around it.
type surround struct {
	prev, next, chunk, title map[string]bool
	// prevAsks is true when the sentence before is a question: this one
	// answers it, as in an interview, and leans on its words.
	prevAsks bool
}

// otherActorFactor is what is left of the score of a sentence whose
// subject is another place than the question's (see otherActor).
const otherActorFactor = 0.5

// otherActor reports whether a sentence lacks a place the question names
// and opens with another place as its subject: it tells what that other
// country or city did.
func otherActor(q *question, text string, terms []lang.Term, matched map[string]bool) bool {
	missing := false
	for i := range q.terms {
		t := &q.terms[i]
		if t.entity && !t.number && !matched[t.stem] && lexicon.KindOf(t.word) == lexicon.KindPlace {
			missing = true
		}
	}
	if !missing {
		return false
	}
	terms = afterDateline(text, terms)
	var words []string
	for _, t := range terms {
		if !t.Upper || t.Number {
			break
		}
		if q.words[t.Text] {
			return false
		}
		words = append(words, t.Text)
	}
	return places(words, false)
}

// asks reports whether a sentence is a question ("How many beds does the
// city have?"): it states nothing, so it answers nothing.
func asks(s string) bool {
	// a question in quotation marks is what someone asked: "Senator Ruiz
	// asked the agency: “Who will pay for the damage?”" states that
	return strings.HasSuffix(strings.TrimRight(s, " *_"), "?")
}

// How much a question term found only around a sentence counts towards its
// coverage in context.
const (
	adjacentWeight = 0.7
	chunkWeight    = 0.5
	titleWeight    = 0.5
)

// in returns how well stems of text in language l hold the question term:
// 1 for the word itself or the name its acronym stands for, less for
// another of its forms in l, 0 for none.
func (t *qterm) in(stems map[string]bool, l lang.Lang) float64 {
	if stems == nil {
		return 0
	}
	if hasStem(stems, t.stem, t.word) || hasAll(stems, t.expansion) {
		return 1
	}
	return altIn(stems, t.alts, l)
}

// scoreAgainst fills a candidate's coverage of the question's terms, in the
// sentence alone and in its context, its evidence of the kind of answer
// the question wants, and its score.
func (c *candidate) scoreAgainst(q *question, terms []lang.Term, stems map[string]bool, sur surround) {
	leans := c.sent > 0 && (refersBack(terms) || sur.prevAsks)
	l := c.chunk.Language
	var total, sent, ctx, knownTotal, knownCtx, knownSent float64
	c.matched, c.near = map[string]bool{}, map[string]bool{}
	for i := range q.terms {
		t := &q.terms[i]
		if t.general && !t.known {
			continue // "happen" in "When did the raid happen?": grammar the articles never use
		}
		total += t.weight
		if t.known {
			knownTotal += t.weight
		}
		var s, x float64 // weight in the sentence, in context
		if inName(q, t, terms, stems) {
			// "states" only inside "Organization of American States",
			// which the question names as "OAS": the name's word, not
			// the question's
			x = chunkWeight * t.in(sur.chunk, l)
		} else if m := t.in(stems, l); m > 0 {
			s, x = m, m
		} else if m := t.in(sur.prev, l); m > 0 && leans {
			s, x = borrowWeight*m, adjacentWeight*m
			c.borrows = true
		} else {
			x = max(adjacentWeight*max(m, t.in(sur.next, l)), chunkWeight*t.in(sur.chunk, l), titleWeight*t.in(sur.title, l))
		}
		if s > 0 {
			c.matched[t.stem] = true
		}
		if x > 0 {
			c.near[t.stem] = true
		}
		if x == 0 && t.number {
			// the question's figure or date is not around this sentence:
			// it speaks of another day or amount
			c.lacksFigure = true
		}
		sent += s * t.weight
		ctx += x * t.weight
		if t.known {
			knownCtx += x * t.weight
			knownSent += s * t.weight
		}
	}
	if total > 0 {
		c.sentCov = sent / total
		c.coverage = ctx / total
	}
	if knownTotal > 0 {
		c.knownCov = knownCtx / knownTotal
		c.sentKnownCov = knownSent / knownTotal
	}
	c.typed = fills(q.forLang(l), c.text(), terms) || datesTitle(q.forLang(l), c, terms, sur.title) ||
		peopleOfContext(q.forLang(l), c, terms)
	c.pair = pairBonus(q, terms)
	c.order = orderAgreement(q, terms)
	c.novelty = novelty(q, terms)
	c.ownLang = l == q.lang
	c.score = c.weigh(defaultWeights)
	if otherActor(q, c.text(), terms, c.matched) {
		// "Nicaragua also decided to cut all relations with Ecuador" for
		// "When did Mexico cut ties with Ecuador?": another's act
		c.typed, c.score = false, c.score*otherActorFactor
	}
	if asks(c.text()) {
		// its words are context for the reply after it, never an answer
		c.sentCov, c.coverage, c.knownCov, c.sentKnownCov, c.typed, c.score = 0, 0, 0, 0, false, 0
	}
}

// peopleOfContext reports, for "how many X" where X are people of some
// kind, whether the sentence counts "people" by a word of the question
// while the sentences around it speak of X: "The interior ministry says
// 11 people were detained", after "police dispersed a group of
// protesters", counts detained protesters. Without X around ("Two people
// died" for "how many soldiers died?") it counts anyone.
func peopleOfContext(q *question, c *candidate, terms []lang.Term) bool {
	if q.typ != typeQuantity || !q.countsPersons || q.measure != nil || q.money || !c.near[q.counted.stem] {
		return false
	}
	for i, t := range terms {
		if (t.Number || numberWords[t.Text]) && !isDate(terms, i) && i+1 < len(terms) && peopleWords[terms[i+1].Text] &&
			countsNear(q, terms, i) {
			return true
		}
	}
	return false
}

// datesTitle reports, for a when question, whether the candidate is its
// article's lead (the first sentence of its first chunk), holds a date,
// and the title holds a word of the question's event: the lead dates the
// event the title names.
func datesTitle(q *question, c *candidate, terms []lang.Term, title map[string]bool) bool {
	if q.typ != typeTime || c.chunk.Ordinal != 0 || c.sent != 0 || q.future && !speaksOfFuture(terms) {
		return false
	}
	event := false
	for i := range q.terms {
		if t := &q.terms[i]; !t.entity && !t.general && t.in(title, c.chunk.Language) > 0 {
			event = true
		}
	}
	if !event {
		return false
	}
	for i, t := range terms {
		if q.new(t) && !t.Stop && (timeWord(terms, i) || t.Number && isDate(terms, i)) {
			return true
		}
	}
	return false
}

// weights weigh a candidate's evidence into its score.
type weights struct {
	sent, ctx, rank, pair, typed, novelty, order float64
}

// defaultWeights are the weights of the extractive answerer.
var defaultWeights = weights{sent: 0.5, ctx: 0.5, rank: 0.08, pair: 0.1, typed: 0.15, novelty: 0.1, order: 0.05}

func (c *candidate) weigh(w weights) float64 {
	s := w.sent*c.sentCov + w.ctx*c.coverage + w.rank/float64(1+c.rank) + w.pair*c.pair + w.novelty*c.novelty + w.order*c.order
	if c.typed {
		s += w.typed
	}
	return s
}

// otherLanguageCost is what a sentence in the other language than the
// question's loses when the passages read hold sentences in the
// question's own (see preferOwnLanguage).
const otherLanguageCost = 0.05

// preferOwnLanguage lowers the score of the candidates in the other
// language than the question's, when some are in its own: of two passages
// that answer alike, the asker's own language is quoted ("¿dónde fue la
// reunión?" quotes "celebrará una sesión … en Taluma" over "held an
// emergency session in Taluma"). A corpus in one language is untouched.
func preferOwnLanguage(cands []*candidate) {
	own := false
	for _, c := range cands {
		own = own || c.ownLang
	}
	for _, c := range cands {
		if own && !c.ownLang {
			c.score -= otherLanguageCost
		}
	}
}

// novelty is the share of a sentence's content words that are not the
// question's: an answer tells something the question does not, where a
// headline that restates it tells nothing.
func novelty(q *question, terms []lang.Term) float64 {
	n, fresh := 0, 0
	for _, t := range terms {
		if t.Stop || len(t.Text) < 2 {
			continue
		}
		n++
		if q.new(t) {
			fresh++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(fresh) / float64(n)
}

// orderAgreement is, for a question that names two or more things, the
// share of their pairs the sentence names in the question's order, minus
// the share it names the other way round: "Ecuador accusing Mexico" agrees
// with "Ecuador … against Mexico, accusing it", not with "Mexico … against
// Ecuador, accusing it". Zero when fewer than two are named in both.
func orderAgreement(q *question, terms []lang.Term) float64 {
	var pos []int
	for i := range q.terms {
		t := &q.terms[i]
		if !t.entity || t.number {
			continue
		}
		for j, w := range terms {
			if t.is(w) {
				pos = append(pos, j)
				break
			}
		}
	}
	agree, total := 0, 0
	for i := range pos {
		for j := i + 1; j < len(pos); j++ {
			if pos[i] == pos[j] {
				continue
			}
			total++
			if pos[i] < pos[j] {
				agree++
			} else {
				agree--
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(agree) / float64(total)
}

// pairBonus is the share of the question's consecutive content-word pairs
// that also stand next to each other, in order, in the sentence (stop words
// skipped): "secretary of foreign relations" beats "foreign relations
// secretary".
func pairBonus(q *question, terms []lang.Term) float64 {
	if len(q.pairs) == 0 {
		return 0
	}
	n := 0
	prev := ""
	seen := map[[2]string]bool{}
	for _, t := range terms {
		if t.Stop {
			continue
		}
		for p := range q.pairs {
			if !seen[p] && prev != "" && lang.StemsMatch(prev, p[0]) && lang.StemsMatch(t.Stem, p[1]) {
				seen[p] = true
				n++
			}
		}
		prev = t.Stem
	}
	return float64(n) / float64(len(q.pairs))
}

// refersBack reports whether a sentence has a third-person pronoun that
// likely points to someone named in the sentence before ("…,” he said").
func refersBack(terms []lang.Term) bool {
	for _, t := range terms {
		switch t.Text {
		case "he", "she", "they", "him", "her", "them", "his", "their", "it", "its",
			"el", "ella", "ellos", "ellas", "le", "les", "lo", "la", "su", "sus":
			if t.Text == "el" || t.Text == "la" || t.Text == "lo" {
				continue // Spanish articles, not pronouns, when unaccented
			}
			return true
		}
	}
	return false
}

// numberWords are the words for numbers of both languages: those the
// stemmer reads as digits (lang.CardinalWords), one, and the words for
// amounts ("hundreds", "docena", "half").
var numberWords = map[string]bool{}

func init() {
	for _, w := range lang.CardinalWords() {
		numberWords[w] = true
	}
	for _, w := range strings.Fields(`one hundred hundreds thousand thousands million millions billion dozen dozens half several
		uno una veintiuna cien ciento cientos mil miles millon millones docena docenas medio mitad varios`) {
		numberWords[w] = true
	}
}

// leansBack reports whether a sentence opens with a pronoun or connective
// that needs the previous sentence to make sense ("In response, …", "He …").
// A sentence that opens with a quotation does not: its words are the
// speaker's.
func leansBack(s string) bool {
	if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " ")); isQuoteMark(r) {
		return false
	}
	toks := lang.Tokenize(s)
	if len(toks) == 0 {
		return false
	}
	word := func(i int) string {
		if i < len(toks) {
			return toks[i].Text
		}
		return ""
	}
	switch first := word(0); first {
	case "in":
		return word(1) == "response" || word(1) == "turn" || word(1) == "addition"
	case "as":
		return word(1) == "a" && word(2) == "result"
	case "en":
		return word(1) == "respuesta"
	case "sin":
		return word(1) == "embargo"
	case "por":
		return word(1) == "ello" || word(1) == "eso"
	case "he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its", "there", "then",
		"but", "however", "meanwhile", "instead", "also", "still", "such",
		"ella", "ellos", "ellas", "esto", "eso", "esta", "este", "estos", "estas", "su", "sus", "alli", "entonces", "pero", "ademas", "tambien":
		return true
	}
	return false
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '«', '»', '‘', '\'', '„':
		return true
	}
	return false
}

// isDate reports whether the number at terms[i] is part of a date (a year,
// or a day next to a month name) rather than a quantity.
func isDate(terms []lang.Term, i int) bool {
	if isYear(terms[i]) {
		return true
	}
	// a month or a day names a date; "year", "week" after a number make
	// a span ("a five-year term")
	near := func(j int) bool {
		if j < 0 || j >= len(terms) {
			return false
		}
		_, month := lang.MonthOrAbbrev(terms[j].Text)
		_, day := lang.Weekday(terms[j].Text)
		return month || day
	}
	return near(i-1) || near(i+1) || near(i+2) && terms[i+1].Text == "de"
}
