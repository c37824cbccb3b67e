package answer

import (
	"strings"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// candidate is a sentence of a retrieved chunk, scored against a question.
type candidate struct {
	chunk    *corpus.Chunk
	doc      *corpus.Document
	sent     int // index into chunk.Sentences
	rank     int // the chunk's rank in the search
	coverage float64
	knownCov float64
	typed    bool
	score    float64
	matched  map[string]bool // stems of question terms the sentence has
	// borrows is true when the sentence refers back ("he said") and the
	// previous sentence supplies question terms it lacks; the answer then
	// quotes both.
	borrows bool
}

func (c *candidate) text() string { return c.chunk.Sentence(c.sent) }

// sentenceStems returns the stems of a sentence's content words.
func sentenceStems(l lang.Lang, s string) ([]lang.Term, map[string]bool) {
	terms := lang.Terms(l, s)
	stems := make(map[string]bool, len(terms))
	for _, t := range terms {
		if !t.Stop {
			stems[t.Stem] = true
			stems[t.Text] = true
		}
	}
	return terms, stems
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

// hasAny reports whether a sentence has one of the stems.
func hasAny(stems map[string]bool, alts []string) bool {
	for _, a := range alts {
		if stems[a] {
			return true
		}
	}
	return false
}

// borrowWeight is how much a question term found only in the previous
// sentence counts, for a sentence that refers back to it.
const borrowWeight = 0.6

// scoreAgainst fills a candidate's coverage of the question's terms, its
// evidence of the kind of answer the question wants, and its score.
func (c *candidate) scoreAgainst(q *question) {
	terms, stems := sentenceStems(c.chunk.Language, c.text())
	var prevStems map[string]bool
	if c.sent > 0 && refersBack(terms) {
		_, prevStems = sentenceStems(c.chunk.Language, c.chunk.Sentence(c.sent-1))
	}
	var total, got, knownTotal, knownGot float64
	c.matched = map[string]bool{}
	for _, t := range q.terms {
		total += t.weight
		if t.known {
			knownTotal += t.weight
		}
		w := 0.0
		switch {
		case hasStem(stems, t.stem, t.word) || hasAll(stems, t.expansion) || hasAny(stems, t.alts):
			w = t.weight
		case prevStems != nil && hasStem(prevStems, t.stem, t.word):
			w = borrowWeight * t.weight
			c.borrows = true
		}
		if w == 0 {
			continue
		}
		got += w
		c.matched[t.stem] = true
		if t.known {
			knownGot += w
		}
	}
	if total > 0 {
		c.coverage = got / total
	}
	if knownTotal > 0 {
		c.knownCov = knownGot / knownTotal
	}
	c.typed = hasType(q, terms)
	c.score = 0.6*c.knownCov + 0.4*c.coverage + 0.08/float64(1+c.rank) + 0.1*pairBonus(q, terms)
	if c.typed {
		c.score += 0.15
	}
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

var months = map[string]bool{}

func init() {
	for _, m := range strings.Fields(`january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
		yesterday today tonight tomorrow weekend week month year decade century
		enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
		lunes martes miercoles jueves viernes sabado domingo ayer hoy manana semana mes ano decada siglo`) {
		months[m] = true
	}
}

var numberWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty
		hundred hundreds thousand thousands million millions billion dozen dozens half several
		uno una dos tres cuatro cinco seis siete ocho nueve diez once doce quince veinte treinta cuarenta cincuenta
		cien ciento cientos mil miles millon millones docena docenas medio mitad varios`) {
		numberWords[w] = true
	}
}

var reasonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`because after since due following amid over so result response reason caused cause prompted
		porque tras despues debido causa motivo razon respuesta luego`) {
		reasonWords[w] = true
	}
}

// hasType reports whether a sentence holds the kind of thing the question
// asks for (a name for "who", a date for "when", a number for "how many", a
// cause for "why"), other than words of the question itself.
func hasType(q *question, terms []lang.Term) bool {
	for i, t := range terms {
		if q.words[t.Text] {
			continue
		}
		switch q.typ {
		case typePerson:
			// a name: two capitalised words side by side
			if i+1 < len(terms) && t.Upper && terms[i+1].Upper && !t.Stop && !months[t.Text] &&
				!q.words[terms[i+1].Text] && terms[i+1].Start-t.End == 1 {
				return true
			}
		case typeTime:
			if months[t.Text] || t.Number && len(t.Text) == 4 && (t.Text[:2] == "19" || t.Text[:2] == "20") {
				return true
			}
		case typePlace:
			if t.Upper && i > 0 && !t.Stop && !months[t.Text] {
				switch terms[i-1].Text {
				case "in", "at", "to", "from", "near", "en", "a", "desde", "hacia", "cerca":
					return true
				}
			}
		case typeQuantity:
			if (t.Number || numberWords[t.Text]) && !isDate(terms, i) {
				return true
			}
		case typeReason:
			if reasonWords[t.Text] {
				return true
			}
		}
	}
	return false
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
	t := terms[i].Text
	if len(t) == 4 && (t[:2] == "19" || t[:2] == "20") {
		return true
	}
	near := func(j int) bool { return j >= 0 && j < len(terms) && months[terms[j].Text] }
	return near(i-1) || near(i+1) || near(i+2) && terms[i+1].Text == "de"
}
