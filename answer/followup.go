package answer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
)

// ResolveFollowUp rewrites a follow-up question of a conversation as a
// standalone one, without a model, and returns q unchanged when it needs
// nothing from the past:
//
//   - a pronoun or reference (he, she, it, they, him, his, her, its, their,
//     there, then, "that court"; él, ella, ellos, allí, entonces, "ese
//     tribunal") is replaced by the entity of earlier turns it most likely
//     points to: one of its type (person, place, organisation, date), the
//     most recent exchange first, within an exchange the question's entities
//     before the answer's, and never one the question itself names;
//   - an ellipsis ("And Colombia?", "What about Nicaragua?", "¿Y Honduras?",
//     "Where?") is the previous question with the new entity (or question
//     word) in place of the old one;
//   - a question that names its own subject stands alone: it is returned as
//     it is, not glued to the past.
//
// Entities are read off the text of earlier questions and answers (names in
// capitals, acronyms and dates) and typed by how the text uses them: titles
// and verbs of saying make a person, place prepositions a place, words like
// Court or Ministry an organisation. Earlier questions are themselves resolved
// first, so a chain of follow-ups keeps its subject. The function is pure.
func ResolveFollowUp(q string, history []Turn) string {
	q = strings.TrimSpace(q)
	if q == "" || len(history) == 0 {
		return q
	}
	c := fuNewConversation(history)
	return c.resolve(q)
}

// fuExchange is one question of the conversation, resolved, with the answer
// given to it.
type fuExchange struct {
	question string
	answer   string
	qEnts    []*fuEntity
	aEnts    []*fuEntity
}

// fuConversation holds what earlier turns said, for resolving the next one.
type fuConversation struct {
	book      *fuEntityBook
	exchanges []fuExchange // oldest first
}

func fuNewConversation(history []Turn) *fuConversation {
	c := &fuConversation{book: fuNewEntityBook()}
	// every text is read once so that evidence of an entity's type from one
	// turn (a title in an answer) serves the others
	texts := make([]string, len(history))
	for i, t := range history {
		texts[i] = fuCleanTurnText(t.Text)
		c.book.noteCase(texts[i])
	}
	for _, text := range texts {
		c.book.read(text)
	}
	for i, t := range history {
		text := texts[i]
		if text == "" {
			continue
		}
		if t.Role == "assistant" {
			if n := len(c.exchanges); n > 0 && c.exchanges[n-1].answer == "" {
				c.exchanges[n-1].aEnts = c.answerEntities(text, c.exchanges[n-1].qEnts)
				c.exchanges[n-1].answer = text
			}
			continue
		}
		resolved := c.resolve(text)
		c.exchanges = append(c.exchanges, fuExchange{question: resolved, qEnts: c.book.mentions(resolved)})
	}
	return c
}

// answerEntities lists the entities of an answer, those of its sentences
// that name something the question named first: in "Where was Glas
// flown?", the Guayaquil of the sentence about Glas before the Mexico of a
// sentence about something else.
func (c *fuConversation) answerEntities(text string, qEnts []*fuEntity) []*fuEntity {
	// a shared name marks the sentence; a shared date only when the
	// question names nothing else ("Saturday" is in many sentences)
	asked := map[*fuEntity]bool{}
	for _, e := range qEnts {
		if e.kind() != fuKindDate {
			asked[e] = true
		}
	}
	if len(asked) == 0 {
		for _, e := range qEnts {
			asked[e] = true
		}
	}
	ms := c.book.locate(text)
	var first, rest []*fuEntity
	seen := map[*fuEntity]bool{}
	for _, sp := range lang.Sentences(text) {
		var in, owners []*fuEntity
		relevant := false
		for _, m := range ms {
			if m.start >= sp.Start && m.start < sp.End {
				if m.owner {
					owners = append(owners, m.ent)
				} else {
					in = append(in, m.ent)
				}
				relevant = relevant || asked[m.ent]
			}
		}
		in = append(in, owners...) // "Ecuador's agency … in Guayaquil": Guayaquil first
		for _, e := range in {
			switch {
			case seen[e]:
			case relevant:
				first = append(first, e)
				seen[e] = true
			}
		}
		if !relevant {
			rest = append(rest, in...)
		}
	}
	for _, e := range rest {
		if !seen[e] {
			first = append(first, e)
			seen[e] = true
		}
	}
	return first
}

var (
	fuMarkerText = regexp.MustCompile(`\s*\[\d+\]`)
	fuAsOfText   = regexp.MustCompile(`^As of \d{4}-\d{2}-\d{2}:\s*`)
)

// fuCleanTurnText drops what footnote adds to an answer (citation markers, an
// "As of" prefix, small-print lines) so only the articles' words remain.
func fuCleanTurnText(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "-# ") {
			continue
		}
		keep = append(keep, line)
	}
	s = strings.Join(keep, "\n")
	s = fuMarkerText.ReplaceAllString(s, "")
	s = fuAsOfText.ReplaceAllString(strings.TrimSpace(s), "")
	return strings.TrimSpace(s)
}

// resolve rewrites q against the exchanges so far.
func (c *fuConversation) resolve(q string) string {
	if len(c.exchanges) == 0 {
		return q
	}
	prev := c.exchanges[len(c.exchanges)-1]
	if out, ok := c.ellipsis(q, prev); ok {
		return out
	}
	out := c.references(q)
	if out == q {
		out = c.eventContext(q, prev)
	}
	if out == q {
		out = c.dropSubject(q, prev)
	}
	return out
}

var (
	fuEventPron = fuSet("that", "this", "eso", "esto", "ello", "aquello")
	fuEventVerb = fuSet("happen", "happened", "occur", "occurred", "mean", "means", "meant", "start", "started", "end", "ended", "change", "matter",
		"pasó", "paso", "ocurrió", "ocurrio", "sucedió", "sucedio", "significa", "significó", "pasa", "ocurre")
)

// eventContext reads "that" in "When did that happen?", which points to
// what the last exchange was about rather than to one name: the previous
// question's names are added in brackets, "When did that happen (Glas,
// April 2024)?", so the question finds the same passages.
func (c *fuConversation) eventContext(q string, prev fuExchange) string {
	toks := lang.Tokenize(q)
	event := false
	for i, t := range toks {
		if !fuEventPron[t.Text] {
			continue
		}
		if i+1 == len(toks) || fuEventVerb[toks[i+1].Text] || i+2 < len(toks) && fuEventVerb[toks[i+2].Text] {
			event = true
			break
		}
	}
	if !event {
		return q
	}
	var names []string
	for _, e := range prev.qEnts {
		if len(names) < 3 {
			names = append(names, e.name())
		}
	}
	if len(names) == 0 {
		return q
	}
	core := strings.TrimRightFunc(q, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("?!.", r) })
	return core + " (" + strings.Join(names, ", ") + ")" + q[len(core):]
}

// fuAsksSubject matches a Spanish question whose question word is its
// subject ("¿Y quién se abstuvo?", "¿Qué país votó en contra?"): it lacks
// nothing.
var fuAsksSubject = regexp.MustCompile(`(?i)^[¿¡\s]*(?:y\s+)?(?:qui[eé]n|qui[eé]nes|cu[aá]l|cu[aá]les|qu[eé]\s+(?:pa[ií]s|pa[ií]ses|persona|personas|organismo|gobierno|estado|estados))(?:[\s?¿!,.;:]|$)`)

// fuSubjectless caps the words of a Spanish follow-up read as having
// dropped its subject.
const fuSubjectless = 6

// dropSubject gives a short Spanish follow-up that names nothing ("¿Y
// cuándo lo decidió?", "¿A qué hospital fue trasladado?") the subject of
// the previous question, after the verb, as Spanish allows: "¿Y cuándo lo
// decidió la Corte Internacional de Justicia?". Spanish drops subjects
// where English says "it" or "he"; an English question is left alone.
func (c *fuConversation) dropSubject(q string, prev fuExchange) string {
	if lang.Detect(q, lang.English) != lang.Spanish || len(lang.Tokenize(q)) > fuSubjectless || fuAsksSubject.MatchString(q) {
		return q
	}
	for _, m := range c.book.locate(q) {
		if m.ent.kind() != fuKindDate {
			return q // it names its own subject
		}
	}
	var subject *fuEntity
	for _, list := range [][]*fuEntity{prev.qEnts, prev.aEnts} {
		for _, e := range list {
			if e.kind() != fuKindDate {
				subject = e
				break
			}
		}
		if subject != nil {
			break
		}
	}
	if subject == nil {
		return q
	}
	name := subject.name()
	if det, ok := subject.det[lang.Spanish]; ok && subject.kind() != fuKindPerson {
		name = det + " " + name
	}
	core := strings.TrimRightFunc(q, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("?!.", r) })
	return core + " " + name + q[len(core):]
}

// fuKind is the type of an entity.
type fuKind int

const (
	fuKindUnknown fuKind = iota
	fuKindPerson
	fuKindPlace
	fuKindOrg
	fuKindDate
)

func (k fuKind) String() string {
	return [...]string{"unknown", "person", "place", "organisation", "date"}[k]
}

// fuReference is a word of a question that points back: a pronoun, "there",
// "then", or a demonstrative with a noun of a kind ("that court").
type fuReference struct {
	start, end int // bytes of q to replace
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
	fuPersonPron = map[string]bool{"he": true, "him": true, "she": true, "él": true, "ella": true}
	fuPronGender = map[string]int{"he": fuMale, "him": fuMale, "his": fuMale, "él": fuMale, "she": fuFemale, "her": fuFemale, "ella": fuFemale}
	fuKindNouns  = map[string]fuKind{}
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
	fuThereP         = fuSet("in", "at", "from", "to", "en", "desde", "a", "de")
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
		r := fuReference{start: t.Start, end: t.End, want: fuKindUnknown}
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
	if e := c.antecedentOf(r, prefs, named); e != nil || r.want != fuKindPerson {
		return e
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

var (
	// fuEllipsisRe matches a follow-up that only names a new subject; the
	// group is the subject.
	fuEllipsisRe = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^(?:and|but|also|so)?\s*(?:what|how)\s+about\s+(.+)$`),
		regexp.MustCompile(`(?i)^(?:and|but)?\s*what\s+of\s+(.+)$`),
		regexp.MustCompile(`(?i)^(?:and|also)\s+(.+?)(?:\s+too)?$`),
		regexp.MustCompile(`(?i)^y\s+(?:qué|que)\s+(?:hay\s+|pasa\s+|pasó\s+)?(?:de|con|sobre)\s+(.+)$`),
		regexp.MustCompile(`(?i)^(?:y\s+)?(?:qué|que)\s+tal\s+(.+)$`),
		regexp.MustCompile(`(?i)^y\s+(?:sobre|acerca\s+de|en\s+cuanto\s+a)\s+(.+)$`),
		regexp.MustCompile(`(?i)^y\s+(.+)$`),
	}
	// fuBareWhRe matches a follow-up that is only a question word.
	fuBareWhRe = regexp.MustCompile(`(?i)^(?:and|but|y|pero)?\s*(how many|how much|how long|what time|why|where|when|who|how|por qué|por que|dónde|donde|cuándo|cuando|quién|quien|cómo|como|cuántos|cuántas|cuantos|cuantas|a qué hora)$`)
	// fuLeadWhRe is the question word a question opens with.
	fuLeadWhRe = regexp.MustCompile(`(?i)^(¿?)(how many|how much|how long|what time|why|where|when|who|whom|what|which|how|por qué|por que|dónde|donde|cuándo|cuando|quién|quien|qué|que|cuál|cual|cómo|como|cuántos|cuántas|cuantos|cuantas|a qué hora)(?:[\s?¿!,.;:]|$)`)
	// fuDeterminerWh ask about a noun ("how many years"): another question
	// word cannot take their place alone
	fuDeterminerWh = map[string]bool{"how many": true, "how much": true, "which": true, "cuántos": true, "cuántas": true, "cuantos": true, "cuantas": true}
	fuAuxRe        = regexp.MustCompile(`(?i)^(¿?)(did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b`)
	fuAboutRe      = regexp.MustCompile(`(?i)\b(about|regarding|on|sobre|acerca de|respecto a|respecto de)\s+([^?]+)(\?*)$`)
	fuWhWords      = fuSet("what", "who", "whom", "where", "when", "why", "how", "which", "whose", "qué", "quién", "quiénes", "dónde", "cuándo", "cómo", "cuál", "cuáles", "cuántos", "cuántas", "por", "did", "does", "do", "is", "was", "were", "are", "has", "have")
)

// ellipsis rewrites a follow-up that only names a new subject or a new
// question word as the previous question with it in place of the old one.
func (c *fuConversation) ellipsis(q string, prev fuExchange) (string, bool) {
	core := strings.TrimFunc(q, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("¿?¡!.,;:…", r)
	})
	if core == "" {
		return "", false
	}
	if m := fuBareWhRe.FindStringSubmatch(core); m != nil {
		return fuSwapQuestionWord(prev.question, m[1]), true
	}
	var x string
	for _, re := range fuEllipsisRe {
		if m := re.FindStringSubmatch(core); m != nil {
			x = strings.TrimSpace(m[1])
			break
		}
	}
	if x == "" || len(lang.Tokenize(x)) > 6 {
		return "", false
	}
	if toks := lang.Tokenize(x); len(toks) == 0 || fuWhWords[toks[0].Text] {
		return "", false // "¿Y qué pidió el movimiento?" asks its own question
	}
	// "¿Y en Guayaquil?": the place takes the old one's place, and the old
	// one's preposition stays
	if toks := lang.Tokenize(x); len(toks) > 1 && fuThereP[toks[0].Text] {
		x = strings.TrimSpace(x[toks[1].Start:])
	}
	p := prev.question
	xm := c.book.locate(x)
	var xe *fuEntity
	if len(xm) > 0 {
		xe = xm[0].ent
	}
	if xe != nil {
		if old := c.replaceable(p, xe); old != nil {
			return p[:old.start] + x + p[old.end:], true
		}
	}
	if m := fuAboutRe.FindStringSubmatchIndex(p); m != nil && xe == nil {
		return p[:m[4]] + x + p[m[5]:], true
	}
	// "¿Y su salud?" reads best as itself once its "su" is resolved
	if out := c.references(q); out != q {
		return out, true
	}
	return strings.TrimRight(p, "?") + ": " + x + "?", true
}

// replaceable picks the mention of p that a new entity x takes the place
// of: one of x's kind (places and organisations stand in for each other,
// unknown ones for either), the first, unless it is one every question of
// a longer conversation shares (the event's country) and another is not.
func (c *fuConversation) replaceable(p string, x *fuEntity) *fuMention {
	shared := func(e *fuEntity) int {
		if len(c.exchanges) < 2 {
			return 0
		}
		for _, x := range c.exchanges {
			found := false
			for _, qe := range x.qEnts {
				found = found || qe == e
			}
			if !found {
				return 0
			}
		}
		return 1
	}
	var best *fuMention
	bestRank := 99
	for _, m := range c.book.locate(p) {
		if m.ent == x {
			continue
		}
		d := fuKindDistance(x.strongKind(), m.ent.strongKind())
		if d >= 9 {
			continue
		}
		if rank := d*2 + shared(m.ent); rank < bestRank {
			mm := m
			best, bestRank = &mm, rank
		}
	}
	return best
}

// fuKindDistance is how well an entity of kind b can be replaced by one of
// kind a: 0 the same kind, higher worse, 9 never.
func fuKindDistance(a, b fuKind) int {
	switch {
	case a == b:
		return 0
	case a == fuKindDate || b == fuKindDate:
		return 9
	case (a == fuKindUnknown || b == fuKindUnknown) && a != fuKindPerson && b != fuKindPerson:
		return 0 // a country the texts gave no clue about stands in for one they did
	case a == fuKindUnknown || b == fuKindUnknown:
		return 1
	case a == fuKindPerson || b == fuKindPerson:
		return 9
	}
	return 1
}

// fuSwapQuestionWord puts wh in place of the question word p opens with
// ("When was the session held?" + "Where?" → "Where was the session held?").
func fuSwapQuestionWord(p, wh string) string {
	if m := fuLeadWhRe.FindStringSubmatchIndex(p); m != nil && !fuDeterminerWh[strings.ToLower(p[m[4]:m[5]])] && !fuNeedsDo(p, m[5], wh) {
		return p[:m[3]] + fuUpperFirst(wh) + p[m[5]:]
	}
	if m := fuAuxRe.FindStringSubmatchIndex(p); m != nil {
		r, n := utf8.DecodeRuneInString(p[m[4]:])
		return p[:m[3]] + fuUpperFirst(wh) + " " + string(unicode.ToLower(r)) + p[m[4]+n:]
	}
	open := ""
	if strings.HasPrefix(p, "¿") {
		open = "¿"
	}
	return open + fuUpperFirst(wh) + "? " + p
}

// fuNeedsDo reports whether an English question whose subject is its
// question word ("Who refused to move him?") would need "did" were another
// word put in its place ("Why?"): then the questions are kept apart.
func fuNeedsDo(p string, after int, wh string) bool {
	w := strings.ToLower(wh)
	if w == "who" || w == "what" || lang.Detect(p, lang.English) != lang.English {
		return false
	}
	toks := lang.Tokenize(p[after:])
	return len(toks) > 0 && !fuAuxWords[toks[0].Text]
}

var fuAuxWords = fuSet("did", "does", "do", "is", "are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "should", "may", "might", "must")

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
