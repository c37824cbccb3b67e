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
	x := fuRefReader{q: q, toks: lang.Tokenize(q)}
	var refs []fuReference
	for x.i = range x.toks {
		if r, ok := x.read(); ok {
			refs = append(refs, r)
		}
	}
	return refs
}

// fuRefReader reads the tokens of a question, one at a time, for the
// words that point back.
type fuRefReader struct {
	q    string
	toks []lang.Token
	i    int // the token being read
}

// next returns the folded token n places after the one being read, or ""
// past the end.
func (x *fuRefReader) next(n int) string {
	if x.i+n < len(x.toks) {
		return x.toks[x.i+n].Text
	}
	return ""
}

// prev returns the folded token before the one being read, or "" at the
// start.
func (x *fuRefReader) prev() string {
	if x.i > 0 {
		return x.toks[x.i-1].Text
	}
	return ""
}

// read returns the token being read as a reference; ok is false when it
// is no word that points back, or one that points nowhere here ("it is
// true", "there was", "and then").
func (x *fuRefReader) read() (r fuReference, ok bool) {
	t := x.toks[x.i]
	w := strings.ToLower(x.q[t.Start:t.End])
	r = fuReference{start: t.Start, end: t.End, word: w, want: fuKindUnknown}
	switch w {
	case "he", "him", "she", "él", "ella", "his", "her", "su", "sus":
		ok = x.person(&r)
	case "it", "its", "they", "them", "ellos", "ellas", "their":
		ok = x.thing(&r)
	case "there", "allí", "allá", "ahí", "alli", "alla", "ahi":
		ok = x.there(&r)
	case "then", "entonces":
		ok = x.then(&r)
	default:
		ok = x.demonstrative(&r)
	}
	return r, ok
}

// person fills r for a personal pronoun or possessive (he, him, she, his,
// her, él, ella, su, sus); false for "su" or "sus" before a stop word.
func (x *fuRefReader) person(r *fuReference) bool {
	w := r.word
	switch {
	case fuPersonPron[w]:
		r.want, r.gender, r.object = fuKindPerson, fuPronGender[w], w == "him"
	case w == "his":
		r.want, r.possessive, r.gender = fuKindPerson, true, fuMale
	case w == "her":
		// "her" is possessive before a word that is no stop word
		r.want, r.gender = fuKindPerson, fuFemale
		r.possessive = x.i+1 < len(x.toks) && !lang.IsStop(lang.English, x.next(1)) && strings.TrimSpace(x.q[r.end:x.toks[x.i+1].Start]) == ""
		r.object = !r.possessive
	case x.i+1 < len(x.toks) && !lang.IsStop(lang.Spanish, x.next(1)): // su, sus
		n := x.toks[x.i+1]
		r.want, r.suNoun, r.suPlural, r.end = fuKindPerson, x.q[n.Start:n.End], w == "sus", n.End
	default:
		return false
	}
	return true
}

// thing fills r for a pronoun of a thing or a group (it, its, they,
// them, their, ellos, ellas); false for an expletive "it" ("is it true").
func (x *fuRefReader) thing(r *fuReference) bool {
	switch w := r.word; w {
	case "it":
		if fuExpletiveNext[x.next(1)] || fuExpletiveNext[x.next(2)] {
			return false
		}
		// "voted for it?", "about it later": an object, often the thing
		// the last answer was about rather than a name
		r.object = x.i > 0 && (x.i+1 == len(x.toks) || fuAfterObject[x.next(1)] || fuPassive(x.prev(), x.next(1)))
	case "its":
		r.possessive = true
	case "their":
		r.plural, r.possessive = true, true
	default: // they, them, ellos, ellas
		r.plural, r.object = true, w == "them"
	}
	return true
}

// there fills r for an adverb of place; false for an existential "there"
// ("there is", "Is there").
func (x *fuRefReader) there(r *fuReference) bool {
	if r.word == "there" && (fuExistential[x.next(1)] || x.i <= 1 && fuExistential[x.prev()]) {
		return false
	}
	r.want, r.there = fuKindPlace, true
	return true
}

// then fills r for "then" or "entonces"; false when it opens the
// question, precedes "what" or follows "and"/"y".
func (x *fuRefReader) then(r *fuReference) bool {
	if x.i == 0 || x.next(1) == "what" || x.prev() == "and" || x.prev() == "y" {
		return false
	}
	r.want, r.then = fuKindDate, true
	return true
}

// demonstrative fills r for a demonstrative before a noun of a kind
// ("that court", "esa resolución"), r reaching to the noun's end; false
// for any other word.
func (x *fuRefReader) demonstrative(r *fuReference) bool {
	if !fuDemonstratives[x.toks[x.i].Text] || x.i+1 >= len(x.toks) {
		return false
	}
	k, ok := fuKindNouns[x.next(1)]
	if !ok {
		return false
	}
	r.want, r.noun, r.end = k, x.next(1), x.toks[x.i+1].End
	return true
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
// answer's; never an entity q names itself (own) nor one of exclude.
func (c *fuConversation) antecedent(r fuReference, own []fuMention, exclude map[*fuEntity]bool) *fuEntity {
	named := map[*fuEntity]bool{}
	for e := range exclude {
		named[e] = true
	}
	for _, m := range own {
		named[m.ent] = true
	}
	if r.object && r.want == fuKindUnknown && !r.plural && !r.possessive {
		// "How many countries voted for it?": the resolution. An object
		// "it" is seldom a name; without such a thing it stays as it is.
		return c.lastThing()
	}
	if e := c.antecedentOf(r, fuPreferences(r), named); e != nil || r.want != fuKindPerson {
		return e
	}
	return c.personFallback(r, named)
}

// fuPreferences returns the kinds a reference may point to, the most
// likely first.
func fuPreferences(r fuReference) []fuKind {
	switch {
	case r.suNoun != "":
		return []fuKind{fuKindPerson, fuKindOrg, fuKindPlace}
	case r.plural:
		return []fuKind{fuKindOrg} // without a list, "they" is a body
	case r.want == fuKindUnknown:
		return []fuKind{fuKindOrg, fuKindPlace, fuKindUnknown}
	}
	return []fuKind{r.want}
}

// lastThing returns the thing the newest exchange was about, or nil.
func (c *fuConversation) lastThing() *fuEntity {
	if len(c.exchanges) == 0 {
		return nil
	}
	return c.exchanges[len(c.exchanges)-1].thing
}

// personFallback finds what a personal pronoun points to when no person
// fits: the newest exchange's thing for Spanish "ella" and "él" of its
// gender ("votaron por ella", the resolution), else the newest name a
// question gave without a clue to its kind ("Where was Glas flown?"),
// never one of named; nil when there is none.
func (c *fuConversation) personFallback(r fuReference, named map[*fuEntity]bool) *fuEntity {
	if th := c.lastThing(); th != nil {
		fem := strings.HasPrefix(th.text, "la ") || strings.HasPrefix(th.text, "las ")
		masc := strings.HasPrefix(th.text, "el ") || strings.HasPrefix(th.text, "los ")
		if r.word == "ella" && fem || r.word == "él" && masc {
			return th
		}
	}
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

// surface is how an entity is written in place of a reference in q:
// its name with the article q's language gives it, turned into a
// possessive, a phrase of place or of time as the reference needs, and
// capitalised at a sentence's start.
func (c *fuConversation) surface(q string, r fuReference, e *fuEntity, qLang lang.Lang) string {
	name := fuNameWithArticle(e, qLang)
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
		out = fuPlacePhrase(name, prevWord, prevPrev, qLang)
	case r.then:
		out = fuTimePhrase(e.text, prevWord, qLang)
	}
	if fuAtSentenceStart(q, r.start) {
		out = fuUpperFirst(out)
	}
	return out
}

// fuNameWithArticle returns e's name with the article it was seen with in
// language l (not for persons and dates), or, in English, "the" before an
// organisation's name that is no acronym and lacks one.
func fuNameWithArticle(e *fuEntity, l lang.Lang) string {
	name := e.name()
	if det, ok := e.det[l]; ok && e.kind() != fuKindPerson && e.kind() != fuKindDate {
		return det + " " + name
	}
	if l == lang.English && e.kind() == fuKindOrg && !isAcronym(e.text) && !strings.HasPrefix(strings.ToLower(name), "the ") {
		return "the " + name
	}
	return name
}

// fuPlacePhrase writes a place's name in place of "there": bare after a
// preposition (prevWord), "to"/"a" after a verb of motion (prevWord or
// prevPrev), "in"/"en" otherwise.
func fuPlacePhrase(name, prevWord, prevPrev string, l lang.Lang) string {
	switch {
	case fuTherePreps[prevWord]:
		return name
	case fuMotionVerbs[prevWord] || fuMotionVerbs[prevPrev]:
		if l != lang.Spanish {
			return "to " + name
		}
		if strings.HasPrefix(name, "el ") {
			return "al " + name[3:]
		}
		return "a " + name
	case l == lang.Spanish:
		return "en " + name
	}
	return "in " + name
}

// fuTimePhrase writes a date in place of "then": bare after a preposition
// of time (prevWord) or when it reads "late…"/"early…", "on"/"el" before
// a day or a date, "in"/"en" before a month or a year.
func fuTimePhrase(date, prevWord string, l lang.Lang) string {
	switch {
	case fuThenPreps[prevWord]:
		return date
	case l == lang.Spanish:
		if fuDayOrDate.MatchString(date) {
			return "el " + date
		}
		return "en " + date
	case strings.HasPrefix(strings.ToLower(date), "late") || strings.HasPrefix(strings.ToLower(date), "early"):
		return date
	case fuDayOrDate.MatchString(date):
		return "on " + date
	}
	return "in " + date
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
