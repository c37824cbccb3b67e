package answer

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/footnote-bot/footnote/lang"
)

// recencyWords make a question about the latest state of things.
var recencyWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`latest now currently current today recent recently newest lately still
		ultimo ultima ultimos ultimas ahora actualmente hoy reciente recientemente todavia aun
		remain sigue siguen continua continuan`) {
		recencyWords[w] = true
	}
}

// asksLatest reports whether a question asks for the latest state ("What is
// the latest on…", "¿Qué pasa ahora…?").
func asksLatest(q *question) bool {
	for w := range q.words {
		if recencyWords[w] {
			return true
		}
	}
	text := " " + strings.Join(strings.FieldsFunc(lang.Fold(q.text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ") + " "
	for _, p := range recencyPhrases {
		if strings.Contains(text, " "+p+" ") {
			return true
		}
	}
	return false
}

// recencyPhrases ask for the latest state in more than one word ("How
// many have died so far?").
var recencyPhrases = []string{"so far", "to date", "as of now", "at present", "by now", "hasta la fecha", "hasta el momento",
	"in the end", "by the end", "al final"}

// earliestWords ask for the first state of things whatever stands around
// them ("Where were they initially taken?").
var earliestWords = set(`initially originally inicialmente originalmente`)

// auxiliaries stand before an adverb "first" ("were first sent").
var auxiliaries = set(`was were is are had has have did been be fue fueron`)

// earliestAt returns the index of the word of toks that makes a question
// ask for the first state of things, or -1: "initially", "originally",
// "al principio", or "first" said of the act ("were first sent", "who
// first reported"), not of a thing ("the first day", "the union's first
// demand"), a name ("First Quantum") or a rank ("first to condemn");
// "primero" said of the act, not as a pronoun ("el primero").
func earliestAt(text string, toks []lang.Term) int {
	for i, t := range toks {
		prev, next := "", ""
		if i > 0 {
			prev = toks[i-1].Text
		}
		if i+1 < len(toks) {
			next = toks[i+1].Text
		}
		switch {
		case earliestWords[t.Text]:
			return i
		case t.Text == "principio" && (prev == "al" || prev == "un"):
			return i
		case t.Text == "first" && !t.Upper && next != "to" && !determiners[prev] && !(i > 0 && possessive(text, toks[i-1])) &&
			(auxBefore(toks, i) || prev == "who" || len(next) > 4 && (strings.HasSuffix(next, "ed") || strings.HasSuffix(next, "en"))):
			return i
		case t.Text == "primero" && !determiners[prev]:
			return i
		}
	}
	return -1
}

// auxBefore reports whether an auxiliary stands among the three words
// before toks[i]: "were first", "were evacuees first", "was the union
// first".
func auxBefore(toks []lang.Term, i int) bool {
	for j := max(0, i-3); j < i; j++ {
		if auxiliaries[toks[j].Text] {
			return true
		}
	}
	return false
}

// asOf is how an answer about the latest news is dated.
var asOf = map[lang.Lang]string{lang.English: "As of %s: ", lang.Spanish: "A fecha de %s: "}

// quantities returns the numbers a sentence states that are not dates.
func quantities(terms []lang.Term) map[string]bool {
	out := map[string]bool{}
	for i, t := range terms {
		if isFigure(terms, i) {
			out[t.Text] = true
		}
	}
	return out
}

// isFigure reports whether terms[i] is a number, in digits or words, that
// is no date.
func isFigure(terms []lang.Term, i int) bool {
	return (terms[i].Number || numberWords[terms[i].Text]) && !isDate(terms, i)
}

// conflict finds, among the candidates, a sentence from another article
// that answers the same question with a different number: both cover most
// of the same question terms, neither shares a number with the other, and
// their figures stand by one same question word (see sameFigureTopic).
func conflict(q *question, best *candidate, cands []*candidate) *candidate {
	bq := quantities(best.terms)
	if len(bq) == 0 {
		return nil
	}
	bt := figureTopics(q, best)
	for _, c := range cands {
		if c == best || c.doc.ID == best.doc.ID || c.knownCov < 0.75*best.knownCov || !c.typed && best.typed {
			continue
		}
		shared := 0
		for s := range c.matched {
			if best.matched[s] {
				shared++
			}
		}
		if shared == 0 || float64(shared) < 0.6*float64(len(best.matched)) {
			continue
		}
		cq := quantities(c.terms)
		if len(cq) == 0 || !sharesTopic(bt, figureTopics(q, c)) {
			continue
		}
		same := false
		for n := range cq {
			same = same || bq[n]
		}
		if !same {
			return c
		}
	}
	return nil
}

// figureWindow is how near a figure a question word must stand to say
// what the figure is of.
const figureWindow = 5

// sharesTopic reports whether two sentences' figure topics (see
// figureTopics) meet: "Quiroga, a 49-year-old…" and "The council said
// Aranda, 61, … won against the opposition candidate Quiroga" give two
// people's ages, the second far from Quiroga, so they do not disagree. A
// figure that stands by the question's word for another reason
// ("45.2% for Quiroga") still counts.
func sharesTopic(a, b map[string]bool) bool {
	for s := range b {
		if a[s] {
			return true
		}
	}
	return false
}

// figureTopics returns the stems of the question's terms a candidate
// holds, in any form they match, within figureWindow words of one of its
// figures.
func figureTopics(q *question, c *candidate) map[string]bool {
	ql := q.forLang(c.chunk.Language)
	out := map[string]bool{}
	for i := range c.terms {
		if !isFigure(c.terms, i) {
			continue
		}
		for j := max(0, i-figureWindow); j < len(c.terms) && j <= i+figureWindow; j++ {
			if j == i || c.terms[j].Stop {
				continue
			}
			for k := range ql.terms {
				if ql.terms[k].matches(c.terms[j]) {
					out[ql.terms[k].stem] = true
				}
			}
		}
	}
	return out
}

// differNote says in the question's language that two sources disagree.
func differNote(l lang.Lang, a, b *candidate) string {
	name := func(c *candidate) string {
		s := c.doc.Source
		if s == "" {
			s = c.doc.Title
		}
		if c.doc.Date != "" {
			s += ", " + c.doc.Date
		}
		return s
	}
	if l == lang.Spanish {
		return fmt.Sprintf("Las fuentes no coinciden: %s y %s dan cifras distintas.", name(a), name(b))
	}
	return fmt.Sprintf("The sources differ: %s and %s give different figures.", name(a), name(b))
}
