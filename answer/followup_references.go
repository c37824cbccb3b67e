package answer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
)

// fuReference is a word of a question that points back: a pronoun, "there",
// "then", or a demonstrative with a noun of a kind ("that court").
type fuReference struct {
	start, end int    // bytes of q to replace
	word       string // the pronoun as written, lower case
	want       fuKind
	plural     bool
	possessive bool
	there      bool
	then       bool
	noun       string // the folded noun of "that court"
	// object pronouns (him, them) never point to a name of their own
	// clause: "What did Noboa say about him?" is not about Noboa
	object bool
	gender int // fuMale or fuFemale for he, she, él, ella; 0 otherwise
	// suNoun is the noun after Spanish "su"/"sus": "su defensa" becomes
	// "la defensa de Glas"
	suNoun   string
	suPlural bool
}

// genders of persons, as the texts' pronouns and titles tell them.
const (
	fuMale = iota + 1
	fuFemale
)

var (
	// exact forms: "él" folds to the article "el"
	fuAfterObject = fuSet("for", "to", "in", "on", "at", "with", "about", "after", "before", "then", "later", "now", "again", "first")
	fuPersonPron  = map[string]bool{"he": true, "him": true, "she": true, "él": true, "ella": true}
	fuPronGender  = map[string]int{"he": fuMale, "him": fuMale, "his": fuMale, "él": fuMale, "she": fuFemale, "her": fuFemale, "ella": fuFemale}
	fuKindNouns   = map[string]fuKind{}
)

func init() {
	for _, w := range []string{"man", "woman", "person", "official", "minister", "president", "diplomat", "politician", "lawyer", "judge", "ambassador", "hombre", "mujer", "persona", "funcionario", "funcionaria", "ministro", "ministra", "presidente", "presidenta", "diplomático", "diplomática", "político", "abogado", "embajador", "exvicepresidente", "expresidente"} {
		fuKindNouns[lang.Fold(w)] = fuKindPerson
	}
	for _, w := range []string{"city", "country", "place", "prison", "capital", "town", "jail", "ciudad", "país", "lugar", "cárcel", "prisión", "capital", "hospital"} {
		fuKindNouns[lang.Fold(w)] = fuKindPlace
	}
	for _, w := range []string{"court", "organization", "organisation", "body", "council", "ministry", "government", "agency", "movement", "party", "tribunal", "corte", "organismo", "consejo", "ministerio", "gobierno", "agencia", "movimiento", "partido", "organización"} {
		fuKindNouns[lang.Fold(w)] = fuKindOrg
	}
	for _, w := range []string{"day", "date", "month", "year", "día", "fecha", "mes", "año"} {
		fuKindNouns[lang.Fold(w)] = fuKindDate
	}
}

var (
	fuDemonstratives = fuSet("that", "this", "ese", "esa", "este", "esta", "dicho", "dicha", "aquel", "aquella")
	fuExpletiveNext  = fuSet("true", "possible", "likely", "clear", "known", "necessary", "important", "legal", "illegal", "cierto", "posible")
	fuExistential    = fuSet("is", "are", "was", "were", "be", "been", "has", "have", "s")
	fuThenPreps      = fuSet("since", "until", "till", "by", "before", "after", "from", "desde", "hasta", "antes", "después", "despues")
	fuTherePreps     = fuSet("from", "in", "at", "to", "near", "into", "inside", "of", "de", "desde", "hasta", "por", "hacia", "a", "en")
	fuMotionVerbs    = fuSet("taken", "take", "took", "flown", "fly", "flew", "sent", "send", "moved", "move", "go", "went", "gone", "travel", "traveled", "travelled", "arrive", "arrived", "brought", "bring", "transferred", "transfer", "return", "returned", "get", "got", "come", "came", "fled", "flee", "driven",
		"llegó", "llego", "llegar", "llegaron", "fue", "fueron", "ir", "trasladado", "trasladada", "trasladaron", "trasladó", "llevado", "llevada", "llevaron", "llevó", "viajó", "viajar", "enviado", "enviaron", "regresó", "volvió", "huyó", "entró")
)

// fuFindReferences lists the words of q that point back, in order.
func fuFindReferences(q string) []fuReference {
	toks := lang.Tokenize(q)
	var refs []fuReference
	for i, t := range toks {
		w := strings.ToLower(q[t.Start:t.End])
		next := func(n int) string {
			if i+n < len(toks) {
				return toks[i+n].Text
			}
			return ""
		}
		prev := ""
		if i > 0 {
			prev = toks[i-1].Text
		}
		r := fuReference{start: t.Start, end: t.End, word: w, want: fuKindUnknown}
		switch {
		case fuPersonPron[w]:
			r.want, r.gender, r.object = fuKindPerson, fuPronGender[w], w == "him"
		case w == "his":
			r.want, r.possessive, r.gender = fuKindPerson, true, fuMale
		case w == "her":
			r.want, r.gender = fuKindPerson, fuFemale
			r.possessive = i+1 < len(toks) && !lang.IsStop(lang.English, next(1)) && strings.TrimSpace(q[t.End:toks[i+1].Start]) == ""
			r.object = !r.possessive
		case (w == "su" || w == "sus") && i+1 < len(toks) && !lang.IsStop(lang.Spanish, next(1)):
			r.want, r.suNoun, r.suPlural, r.end = fuKindPerson, q[toks[i+1].Start:toks[i+1].End], w == "sus", toks[i+1].End
		case w == "it":
			if fuExpletiveNext[next(1)] || fuExpletiveNext[next(2)] {
				continue
			}
			// "voted for it?", "about it later": an object, often the thing
			// the last answer was about rather than a name
			r.object = i > 0 && (i+1 == len(toks) || fuAfterObject[next(1)] || fuPassive(prev, next(1)))
		case w == "its":
			r.possessive = true
		case w == "they" || w == "them" || w == "ellos" || w == "ellas":
			r.plural, r.object = true, w == "them"
		case w == "their":
			r.plural, r.possessive = true, true
		case w == "there":
			if fuExistential[next(1)] || i <= 1 && fuExistential[prev] {
				continue
			}
			r.want, r.there = fuKindPlace, true
		case w == "allí" || w == "allá" || w == "ahí" || w == "alli" || w == "alla" || w == "ahi":
			r.want, r.there = fuKindPlace, true
		case w == "then" || w == "entonces":
			if i == 0 || next(1) == "what" || prev == "and" || prev == "y" {
				continue
			}
			r.want, r.then = fuKindDate, true
		case fuDemonstratives[t.Text] && i+1 < len(toks):
			k, ok := fuKindNouns[next(1)]
			if !ok {
				continue
			}
			r.want, r.noun, r.end = k, next(1), toks[i+1].End
		default:
			continue
		}
		refs = append(refs, r)
	}
	return refs
}

// references replaces the references of q by the entities they point to.
// A reference whose antecedent q itself names earlier is left alone.
func (c *fuConversation) references(q string) string {
	refs := fuFindReferences(q)
	if len(refs) == 0 {
		return q
	}
	own := c.book.locate(q)
	qLang := lang.Detect(q, lang.English)
	used := map[*fuEntity]bool{}
	listed := map[*fuEntity]bool{}
	var b strings.Builder
	at := 0
	for _, r := range refs {
		if fuAntecedentInQuestion(own, r) {
			continue
		}
		e := c.antecedent(r, own, listed)
		if e == nil {
			continue
		}
		if r.plural {
			// the members of a list "they" stands for are not "it"
			for _, m := range c.book.locate(e.text) {
				listed[m.ent] = true
			}
		}
		if used[e] {
			continue // a second pronoun for the same entity reads fine as it is
		}
		used[e] = true
		b.WriteString(q[at:r.start])
		b.WriteString(c.surface(q, r, e, qLang))
		at = r.end
	}
	if at == 0 {
		return q
	}
	b.WriteString(q[at:])
	return b.String()
}

// fuAntecedentInQuestion reports whether q names, before the reference, an
// entity of the kind it wants ("Did Glas say he was ill?").
func fuAntecedentInQuestion(own []fuMention, r fuReference) bool {
	if r.plural || r.then || r.there || r.noun != "" || r.object || r.suNoun != "" {
		return false
	}
	for _, m := range own {
		if m.start < r.start && fuFits(m.ent.kind(), r) {
			return true
		}
	}
	return false
}

func fuFits(k fuKind, r fuReference) bool {
	switch r.want {
	case fuKindPerson, fuKindDate:
		return k == r.want
	case fuKindPlace:
		return k == fuKindPlace
	case fuKindOrg:
		return k == fuKindOrg
	}
	return k != fuKindPerson && k != fuKindDate
}

// antecedent picks the entity a reference points to: the newest exchange
// first; in it, by kind preference, the question's entities before the
// answer's; never an entity q names itself.
func (c *fuConversation) antecedent(r fuReference, own []fuMention, exclude map[*fuEntity]bool) *fuEntity {
	named := map[*fuEntity]bool{}
	for e := range exclude {
		named[e] = true
	}
	for _, m := range own {
		named[m.ent] = true
	}
	prefs := []fuKind{r.want}
	if r.suNoun != "" {
		prefs = []fuKind{fuKindPerson, fuKindOrg, fuKindPlace}
	} else if r.plural {
		prefs = []fuKind{fuKindOrg} // without a list, "they" is a body
	} else if r.want == fuKindUnknown {
		prefs = []fuKind{fuKindOrg, fuKindPlace, fuKindUnknown}
	}
	if r.object && r.want == fuKindUnknown && !r.plural && !r.possessive {
		// "How many countries voted for it?": the resolution. An object
		// "it" is seldom a name; without such a thing it stays as it is.
		if len(c.exchanges) > 0 {
			if th := c.exchanges[len(c.exchanges)-1].thing; th != nil {
				return th
			}
		}
		return nil
	}
	if e := c.antecedentOf(r, prefs, named); e != nil || r.want != fuKindPerson {
		return e
	}
	// Spanish "ella" and "él" are things too: "votaron por ella", the
	// resolution
	if len(c.exchanges) > 0 {
		if th := c.exchanges[len(c.exchanges)-1].thing; th != nil {
			w := r.word
			fem := strings.HasPrefix(th.text, "la ") || strings.HasPrefix(th.text, "las ")
			masc := strings.HasPrefix(th.text, "el ") || strings.HasPrefix(th.text, "los ")
			if w == "ella" && fem || w == "él" && masc {
				return th
			}
		}
	}
	// a name a question gave without a clue to its kind ("Where was Glas
	// flown?") can still be who "he" is
	for i := len(c.exchanges) - 1; i >= 0; i-- {
		for _, e := range c.exchanges[i].qEnts {
			if !named[e] && e.kind() == fuKindUnknown {
				return e
			}
		}
	}
	return nil
}

func (c *fuConversation) antecedentOf(r fuReference, prefs []fuKind, named map[*fuEntity]bool) *fuEntity {
	for i := len(c.exchanges) - 1; i >= 0; i-- {
		x := c.exchanges[i]
		if r.plural {
			if g := c.listIn(x); g != nil {
				return g
			}
		}
		for _, k := range prefs {
			var best *fuEntity
			for _, list := range fuByFocus(x, k) {
				for _, e := range list {
					if named[e] || e.kind() != k || !e.fitsGender(r.gender) {
						continue
					}
					if r.noun != "" && best == nil && fuContainsWord(e.forms, r.noun) {
						return e // "that court": the International Court of Justice
					}
					if best == nil {
						best = e
					}
				}
				if best != nil && r.noun == "" {
					return best
				}
			}
			if best != nil {
				return best
			}
		}
	}
	return nil
}

// fuByFocus orders an exchange's entities for a reference to kind k: the
// question's before the answer's, except when the question asked for that
// kind without naming one ("Who was arrested?", "In which city…?"): then
// the answer's new entities, which answer it, come first.
func fuByFocus(x fuExchange, k fuKind) [][]*fuEntity {
	if fuAsksFor(x.question) != k || k == fuKindUnknown {
		return [][]*fuEntity{x.qEnts, x.aEnts}
	}
	for _, e := range x.qEnts {
		if e.kind() == k {
			return [][]*fuEntity{x.qEnts, x.aEnts} // "Who is Ana Ruiz?" is about her
		}
	}
	fq := lang.Fold(x.question)
	var fresh, old []*fuEntity
	for _, e := range x.aEnts {
		if strings.Contains(fq, lang.Fold(e.text)) {
			old = append(old, e)
		} else {
			fresh = append(fresh, e)
		}
	}
	return [][]*fuEntity{fresh, x.qEnts, old}
}

var (
	fuAsksPerson = regexp.MustCompile(`(?i)^[¿¡\s]*(?:(?:and|y|a|de|con|para|por)\s+)?(?:who|whom|whose|qui[eé]n|qui[eé]nes)(?:[\s?¿!,.;:]|$)`)
	fuAsksPlace  = regexp.MustCompile(`(?i)^[¿¡\s]*(?:(?:and|y|a|de|en|desde|hacia|in|to|from)\s+)?(?:where|d[oó]nde|ad[oó]nde|(?:which|what|qu[eé]|cu[aá]l)\s+(?:city|country|place|town|prison|ciudad|pa[ií]s|lugar|c[aá]rcel))(?:[\s?¿!,.;:]|$)`)
	fuAsksDate   = regexp.MustCompile(`(?i)^[¿¡\s]*(?:(?:and|y|since|desde)\s+)?(?:when|cu[aá]ndo|(?:which|what|qu[eé])\s+(?:day|date|year|month|d[ií]a|fecha|a[nñ]o|mes))(?:[\s?¿!,.;:]|$)`)
)

// fuAsksFor is the kind of entity a question asks for, if it says.
func fuAsksFor(q string) fuKind {
	switch {
	case fuAsksPerson.MatchString(q):
		return fuKindPerson
	case fuAsksPlace.MatchString(q):
		return fuKindPlace
	case fuAsksDate.MatchString(q):
		return fuKindDate
	}
	return fuKindUnknown
}

func fuContainsWord(forms [][]string, w string) bool {
	for _, f := range forms {
		for _, x := range f {
			if x == w {
				return true
			}
		}
	}
	return false
}

// listIn returns a plural antecedent of an exchange: names of one kind
// listed together in its question or answer ("Argentina, Cuba and Brazil").
func (c *fuConversation) listIn(x fuExchange) *fuEntity {
	for _, text := range []string{x.question, x.answer} {
		ms := c.book.locate(text)
		for i := 0; i+1 < len(ms); i++ {
			j := i
			for j+1 < len(ms) && fuListable(ms[i].ent.strongKind(), ms[j+1].ent.strongKind()) {
				sep := fuListSep(text[ms[j].end:ms[j+1].start])
				if sep != "," && sep != "and" && sep != ", and" && sep != "y" && sep != "e" {
					break
				}
				j++
				if sep != "," {
					start := ms[i].start
					if d := ms[i].ent.det; d != nil {
						// "the United States, the European Union and Spain"
						for _, a := range []string{"the ", "The ", "la ", "La ", "el ", "El ", "los ", "Los ", "las ", "Las "} {
							if start >= len(a) && text[start-len(a):start] == a {
								start -= len(a)
								break
							}
						}
					}
					list := text[start:ms[j].end]
					if start < ms[i].start {
						list = strings.ToLower(list[:1]) + list[1:] // "The" opened a sentence
					}
					return &fuEntity{text: list, det: map[lang.Lang]string{}, score: [5]float64{fuKindUnknown: 1}}
				}
			}
		}
	}
	return nil
}

// fuListable reports whether names of kinds a and b can be listed
// together as one plural antecedent: persons with persons, and countries,
// places and bodies together.
func fuListable(a, b fuKind) bool {
	switch {
	case a == fuKindDate || b == fuKindDate:
		return false
	case a == fuKindPerson || b == fuKindPerson:
		return a == b
	}
	return true
}

// fuListSep is the words between two names of a list, without articles:
// ", the" is ",", "and the" is "and".
func fuListSep(gap string) string {
	var keep []string
	for _, w := range strings.Fields(strings.ReplaceAll(gap, ",", " , ")) {
		switch strings.ToLower(w) {
		case "the", "la", "el", "los", "las":
			continue
		}
		keep = append(keep, w)
	}
	return strings.ReplaceAll(strings.Join(keep, " "), " ,", ",")
}

// surface is how an entity is written in place of a reference in q.
func (c *fuConversation) surface(q string, r fuReference, e *fuEntity, qLang lang.Lang) string {
	name := e.name()
	if det, ok := e.det[qLang]; ok && e.kind() != fuKindPerson && e.kind() != fuKindDate {
		name = det + " " + name
	} else if qLang == lang.English && e.kind() == fuKindOrg && !fuIsAcronym(e.text) && !strings.HasPrefix(strings.ToLower(name), "the ") {
		name = "the " + name
	}
	out := name
	prevWord, prevPrev := fuWordsBefore(q, r.start)
	switch {
	case r.suNoun != "":
		out = fuSpanishArticle(r.suNoun, r.suPlural) + " " + r.suNoun + " de " + name
	case r.possessive && qLang == lang.English:
		if strings.HasSuffix(name, "s") {
			out = name + "’"
		} else {
			out = name + "’s"
		}
	case r.there:
		switch {
		case fuTherePreps[prevWord]:
			out = name
		case fuMotionVerbs[prevWord] || fuMotionVerbs[prevPrev]:
			if qLang == lang.Spanish {
				out = "a " + name
				if strings.HasPrefix(name, "el ") {
					out = "al " + name[3:]
				}
			} else {
				out = "to " + name
			}
		case qLang == lang.Spanish:
			out = "en " + name
		default:
			out = "in " + name
		}
	case r.then:
		switch {
		case fuThenPreps[prevWord]:
			out = e.text
		case qLang == lang.Spanish:
			if fuDayOrDate.MatchString(e.text) {
				out = "el " + e.text
			} else {
				out = "en " + e.text
			}
		case strings.HasPrefix(strings.ToLower(e.text), "late") || strings.HasPrefix(strings.ToLower(e.text), "early"):
			out = e.text
		case fuDayOrDate.MatchString(e.text):
			out = "on " + e.text
		default:
			out = "in " + e.text
		}
	}
	if fuAtSentenceStart(q, r.start) {
		out = fuUpperFirst(out)
	}
	return out
}

// fuWordsBefore returns the two folded words before byte offset at.
func fuWordsBefore(q string, at int) (string, string) {
	var ws []string
	for _, t := range lang.Tokenize(q[:at]) {
		ws = append(ws, t.Text)
	}
	switch len(ws) {
	case 0:
		return "", ""
	case 1:
		return ws[0], ""
	}
	return ws[len(ws)-1], ws[len(ws)-2]
}

func fuAtSentenceStart(q string, at int) bool {
	return strings.TrimFunc(q[:at], func(r rune) bool { return unicode.IsSpace(r) || r == '¿' || r == '¡' }) == ""
}

func fuUpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// fuPassive reports whether "it" between be and a participle ("was it
// granted", "is it approved") is the subject of a passive: the thing acted
// on, like an object.
func fuPassive(before, after string) bool {
	switch before {
	case "was", "is", "were", "are", "be", "been":
	default:
		return false
	}
	return strings.HasSuffix(after, "ed") || after == "given" || after == "taken" || after == "held" || after == "made" || after == "chosen" || after == "seen"
}

// fuSpanishArticle guesses the definite article of a Spanish noun from its
// ending: "la defensa", "la detención", "el asilo", "los abogados".
func fuSpanishArticle(noun string, plural bool) string {
	n := strings.ToLower(noun)
	fem := false
	for _, suf := range []string{"a", "as", "ión", "iones", "dad", "dades", "tad", "ud", "umbre", "sis"} {
		if strings.HasSuffix(n, suf) {
			fem = true
			break
		}
	}
	switch {
	case plural && fem:
		return "las"
	case plural:
		return "los"
	case fem:
		return "la"
	}
	return "el"
}
