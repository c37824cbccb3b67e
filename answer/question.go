package answer

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
	"github.com/footnote-bot/footnote/retrieval"
)

// MaxQuestionRunes is the longest question accepted.
const MaxQuestionRunes = 1000

// ErrEmptyQuestion is returned for a question with no words.
var ErrEmptyQuestion = errors.New("the question is empty")

// CleanQuestion trims a question, replaces control characters with spaces and
// checks its length. It returns a one-line error a user can act on.
func CleanQuestion(q string) (string, error) {
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, " ")
	}
	q = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, q)
	q = strings.Join(strings.Fields(lang.Normalize(q)), " ")
	if q == "" {
		return "", ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestionRunes {
		return "", fmt.Errorf("the question is %d characters long; ask in at most %d", n, MaxQuestionRunes)
	}
	if len(lang.Tokenize(q)) == 0 {
		return "", ErrEmptyQuestion
	}
	return q, nil
}

// answerType is the kind of thing a question asks for.
type answerType int

const (
	typeAny answerType = iota
	typePerson
	typeTime
	typePlace
	typeQuantity
	typeReason
	// typeInstance is "which country", "qué país": a named instance.
	typeInstance
	// typeSpeech is "What did X say (about Y)?": what X said.
	typeSpeech
)

// unknownWeight is the weight of a question word the corpus never uses, as
// a share of the rarest word's: it may name what the articles lack, or be
// the asker's paraphrase of what they say.
const unknownWeight = 0.6

// weightPow flattens IDF weights: a rare word of the question counts more
// than a common one, but not so much that missing it outweighs the rest.
const weightPow = 0.5

// qterm is a content word of a question.
type qterm struct {
	word   string // folded
	stem   string // as the corpus spells it
	weight float64
	known  bool
	entity bool // a name or number: the corpus must know it
	number bool // a figure or a day or year: the answer's context must have it
	// category is the noun right after "which"/"what" ("which treaty"):
	// the answer names an instance of it and seldom repeats it.
	category bool
	// general words ("happen", "pasar") carry grammar more than topic.
	general bool
	// expansion holds the stems of the name an acronym stands for; a
	// sentence that has them all matches the acronym.
	expansion []string
	// alts are the word's other forms the corpus uses: related words and
	// the other language's, each counting for less than the word itself.
	alts []retrieval.Alt
}

// question is a question analysed against a corpus.
type question struct {
	text  string
	lang  lang.Lang
	typ   answerType
	terms []qterm
	words map[string]bool    // folded words of the question, for type checks
	stems map[string]bool    // stems of the question's content words
	pairs map[[2]string]bool // consecutive content stems of the question
	// counted is what a "how many" question counts ("people"), if named;
	// countsPersons is true when that is a kind of person ("protesters",
	// "rescuers"; see personNoun).
	counted       *qterm
	countsPersons bool
	// category is what a "which X" question wants an instance of.
	category *qterm
	// money is true for "how much" questions about an amount of money.
	money bool
	// future is true for a question about what is to come ("When will
	// the court rule?", "¿Cuándo decidirá…?"): a date in the past does not
	// answer it.
	future bool
	// past is true for an English question about what was ("How many
	// flights did it have before?"): a sentence only about what will be
	// does not answer it.
	past bool
	// measure holds, for "how high", "how long", "how old", the units the
	// number must come with (metres for a height, not days).
	measure map[string]bool
	// elapsed is true for a "how long" question about how long something
	// has gone on (see elapsedWords).
	elapsed bool
	// surnames are the last words of the full names the retrieved
	// articles give (see surnames).
	surnames map[string]bool
	// proper holds the words the retrieved passages capitalise inside
	// sentences: a sentence may open with such a name.
	proper map[string]bool
	// bodies holds the names the retrieved articles give initials in
	// brackets (see reading.names): an organisation's, not a person's.
	bodies map[string]bool
	// places holds the names the retrieved articles write where only a
	// place stands (see placeCue): "en Caleta Brava" is no person.
	places map[string]bool
	// acronym gives the name an acronym of the articles stands for
	// ("dnpc" → "Dirección Nacional de Protección Civil"), when the corpus
	// knows them (see initialed).
	acronym func(word string) (string, bool)
	// anchor is the term a "date of X" / "cause of X" question asks about:
	// the answer's own sentence must name it.
	anchor *qterm
	// role holds the terms naming the role a "who is X's minister"
	// question asks the holder of; the name must stand by one of them.
	role []*qterm
	// body holds the indexes in terms of the words for the body a "who
	// leads" question asks about, bodyHead its head noun's (see
	// leaderBody, nearBody).
	body     []int
	bodyHead int
	// roleKinds are the stems of the kinds of person the role's head word
	// covers ("ambassador", "consul" for "diplomat"; see kindsOfRole).
	roleKinds map[string]bool
	// possessor is the place whose role a who question asks about
	// ("Ecuador's president", "the president of Ecuador"): a name that
	// another place's word stands right before ("Mexico's President…")
	// holds another's role.
	possessor *qterm
	// earliest is true for a question about the first state of things
	// ("How many shelters were evacuees first sent to?"): the oldest
	// article that answers it does.
	earliest bool
	// latest is true for a question about the latest state of things
	// (see asksLatest), read once.
	latest bool
	// owner is whose role a who question asks, named with "'s" and no
	// place's ("Who was FENA's lawyer?"): the answer's name must stand by
	// it, as another party's lawyer is not FENA's.
	owner *qterm
	// saidBy is true for a who question about a speaker ("Who said…?",
	// "Who told people not to…?", "¿Quién dijo…?"): the answer is where a
	// name says it.
	saidBy bool
	// leads is true for a who question about whoever leads something ("Who
	// runs the emergency office?", "¿Quién dirige el instituto?"): the
	// answer names a person by a leader's title or the verb.
	leads bool
	// clock is true for a question about the time of day ("What time did
	// the pipe burst?", "¿A qué hora…?"): a sentence that gives the clock
	// answers it, a date alone only in part.
	clock bool
	// day is true for a question about a date ("What date…?", "¿En qué
	// fecha…?", "what day…?"): a sentence that gives the day of the month
	// answers it better than one with the month alone.
	day bool
	// speaker holds the terms naming who a "what did X say" question
	// asks about (see speechQuestion).
	speaker []*qterm
	// predicate is what a "which X" or "who" question says its answer
	// did ("Which country abstained…", "Who convened…"): the sentence
	// that has it tells of that act.
	predicate *qterm
	// views caches forLang's questions.
	views map[lang.Lang]*question
	// read is what the answer has read of its passages (see reading).
	read *reading
}

// forLang returns the question as read against text in language l: each
// term keeps only its related forms of l (or of either language), so a
// translation never matches a word of the question's own language that is
// spelled the same ("mayor", Spanish for "older", is no English "mayor").
// The view shares the question's maps; ask for it once candidates has set
// them.
func (q *question) forLang(l lang.Lang) *question {
	if v := q.views[l]; v != nil {
		return v
	}
	v := *q
	v.views = nil
	v.terms = make([]qterm, len(q.terms))
	for i, t := range q.terms {
		var alts []retrieval.Alt
		for _, a := range t.alts {
			if a.Lang == "" || a.Lang == l {
				alts = append(alts, a)
			}
		}
		t.alts = alts
		v.terms[i] = t
	}
	same := func(p *qterm) *qterm {
		for i := range q.terms {
			if p == &q.terms[i] {
				return &v.terms[i]
			}
		}
		return p
	}
	sameAll := func(ps []*qterm) []*qterm {
		out := make([]*qterm, len(ps))
		for i, p := range ps {
			out[i] = same(p)
		}
		return out
	}
	v.counted, v.category, v.anchor, v.possessor, v.predicate = same(q.counted), same(q.category), same(q.anchor), same(q.possessor), same(q.predicate)
	v.owner = same(q.owner)
	v.role, v.speaker = sameAll(q.role), sameAll(q.speaker)
	if q.views == nil {
		q.views = map[lang.Lang]*question{}
	}
	q.views[l] = &v
	return &v
}

// withNames returns a view of q that counts the capitalised words of a
// sentence as its own, so that a person the sentence names is not a new
// one (see namedNext).
func (q *question) withNames(terms []lang.Term) *question {
	v := *q
	v.views = nil
	v.words = maps.Clone(q.words)
	for _, t := range terms {
		if t.Upper && !t.Number {
			v.words[t.Text] = true
		}
	}
	return &v
}

// measures reads the measure a question asks, if any (see
// measureQuestion): it is then no money question ("what percentage of
// sales is the fine?"), and may ask how long something has gone on.
func (qs *question) measures(toks []lang.Term) {
	qs.measure = measureQuestion(toks)
	if qs.measure == nil {
		return
	}
	qs.money = false
	for _, t := range toks {
		qs.elapsed = qs.elapsed || qs.measure["years"] && elapsedWords[t.Text]
	}
}

// roleCountry returns the term of the demonym or possessive before a
// "which X" role at toks[cat] ("which Honduran leader"), or nil; not a
// region's ("which Central American president", "which European leader"),
// which holds many peoples.
func roleCountry(qs *question, toks []lang.Term, cat int) *qterm {
	p := cat - 1
	if p <= 0 || p > 1 && toks[p-1].Upper || regionalDemonyms[toks[p].Text] || !countryWord(qs, toks[p]) {
		return nil
	}
	return qs.entityTerm(toks[p])
}

// countryWord reports whether t names whose a role is: a possessive
// ("Ecuador's president") or a demonym ("the Mexican ambassador").
func countryWord(qs *question, t lang.Term) bool {
	return t.Upper && (possessive(qs.text, t) || lexicon.KindOf(t.Text) == lexicon.KindDemonym)
}

// elapsedWords make a "how long" question ask how long something has
// gone on ("How long had he been living there?", "¿Cuánto tiempo lleva
// preso?"), which "since December" answers; "How long was the sentence?"
// asks a length of time instead.
var elapsedWords = set(`has have had been lleva llevan llevaba llevaban`)

// regionalDemonyms name the peoples of a region, not of one country.
var regionalDemonyms = set(`european african asian american latin arab caribbean andean nordic scandinavian balkan
	europeo europea africano africana asiatico asiatica americano americana latino latina arabe caribeño caribeña andino andina`)

// excluded reports whether toks[i] is a name the question sets aside
// ("Which country besides Mexico broke off relations?", "además de
// México"): the answer names another, so a sentence about it is no better
// for naming it. It stays among the question's words, so it is never
// taken for the answer either.
func excluded(toks []lang.Term, i int) bool {
	if !toks[i].Upper {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		t := toks[j].Text
		if exclusionWords[t] || (t == "than" || t == "from" || t == "de") && j > 0 && exclusionWords[toks[j-1].Text+" "+t] {
			return true
		}
		if !toks[j].Upper && !toks[j].Stop {
			return false
		}
	}
	return false
}

// hedgeWords are the adverbs a chat question leans on ("when did the hack
// actually start", "where exactly did it sink", "how many was it even
// allowed to carry"): they say nothing of the topic, and "actually" stems
// as the Spanish "actual" (current).
var hedgeWords = set(`actually exactly really even just basically literally anyway precisely truly ever
	realmente exactamente verdaderamente acaso`)

// exclusionWords set aside the name after them; setAside are their words,
// which say nothing of the topic.
var (
	exclusionWords = set(`besides except excepto salvo`)
	setAside       = set(`besides except excepto salvo apart aside ademas aparte`)
)

func init() {
	for _, w := range []string{"other than", "apart from", "aside from", "aparte de", "ademas de"} {
		exclusionWords[w] = true
	}
}

// rightNow reports whether toks[i] is the "right" of "right now", which
// asks for the latest state as "now" does: no topic of the question.
func rightNow(toks []lang.Term, i int) bool {
	return toks[i].Text == "right" && i+1 < len(toks) && toks[i+1].Text == "now"
}

// inTheEnd reports the noun of "in the end" or "al final" at toks[i]: the
// phrase asks how things ended up, as "now" asks how they stand; "the
// final count" is another matter.
func inTheEnd(toks []lang.Term, i int) bool {
	switch toks[i].Text {
	case "final":
		return i > 0 && toks[i-1].Text == "al"
	case "end":
		return i > 1 && toks[i-1].Text == "the" && (toks[i-2].Text == "in" || toks[i-2].Text == "by")
	}
	return false
}

// happenWords only say that something took place ("When did the raid
// happen?", "¿Qué ocurrió…?"): the question's other words say what.
var happenWords = set(`happen happens happened happening occur occurs occurred occurring
	ocurrir ocurre ocurrio ocurrieron suceder sucede sucedio sucedieron pasar pasara`)

// analyse reads what a question asks from the index's reading of it.
func analyse(rq *retrieval.Query) *question {
	toks := make([]lang.Term, len(rq.Words))
	for i, w := range rq.Words {
		toks[i] = w.Term
	}
	qs := &question{text: rq.Text, lang: rq.Lang, words: map[string]bool{}, stems: map[string]bool{}, pairs: map[[2]string]bool{}}
	qs.typ = questionType(toks)
	cat := categoryIndex(toks)
	first := earliestAt(rq.Text, toks)
	qs.earliest = first >= 0
	if qs.typ == typeReason && cat >= 0 && !reasonNouns[toks[cat].Text] {
		cat = -1 // "on what legal grounds": "legal" is no category
	}
	seen := map[string]bool{}
	prev := ""
	for i, t := range toks {
		qs.words[t.Text] = true
		// "now", "currently", "in the end" ask for the latest state
		// (asksLatest), "first" and "initially" for the earliest, "happen"
		// only that something took place; they are not the topic a
		// sentence must mention
		if t.Stop || len(t.Text) < 2 || typeWord(t.Text) || recencyWords[t.Text] || rightNow(toks, i) || inTheEnd(toks, i) || leaderPhrase(toks, i) || happenWords[t.Text] || i == first || excluded(toks, i) || setAside[t.Text] || hedgeWords[t.Text] {
			continue
		}
		qt, ok := termOf(rq, qs, i, seen)
		if !ok {
			continue
		}
		if prev != "" {
			qs.pairs[[2]string{prev, qt.stem}] = true
		}
		prev = qt.stem
		if i == cat {
			// "which treaty": the answer names one and seldom repeats
			// the word
			qt.category, qt.entity = true, false
			qt.weight *= 0.3
		}
		qs.stems[qt.stem] = true
		qs.stems[t.Stem] = true
		if moneyWord(t.Text, t.Stem) {
			qs.money = true
		}
		qs.terms = append(qs.terms, qt)
	}
	qs.latest = asksLatest(qs)
	qs.shape(toks, cat)
	return qs
}

// termOf analyses the question word toks[i] against the corpus: its stem
// as the corpus spells it, its weight, whether the corpus knows it (as
// written, as the name an acronym stands for, or by a related form), and
// those forms. ok is false for a word whose stem the question already had.
func termOf(rq *retrieval.Query, qs *question, i int, seen map[string]bool) (qterm, bool) {
	w := &rq.Words[i]
	t, info := w.Term, w.Info
	if seen[info.Stem] {
		return qterm{}, false
	}
	seen[info.Stem] = true
	var expansion []string
	if w.Acronym != "" && len(t.Text) <= 6 {
		expansion = w.AcronymStems
		if !info.Known {
			info.Known = true
			info.IDF = max(info.IDF, w.AcronymIDF)
		}
	}
	alts := w.Related
	if !info.Known && len(alts) > 0 {
		info.Known = true
		for _, a := range alts {
			info.IDF = max(info.IDF, a.IDF)
		}
	}
	general := lang.IsGeneral(qs.lang, t.Text)
	return qterm{
		word:      t.Text,
		stem:      info.Stem,
		weight:    termWeight(info, general, rq.MaxIDF),
		known:     info.Known,
		entity:    t.Number || t.Upper && i > 0 && !afterSentenceStart(qs.text, t.Start),
		number:    t.Number,
		general:   general && !t.Upper,
		expansion: expansion,
		alts:      alts,
	}, true
}

// termWeight is a question term's weight: its IDF (a share of the rarest
// word's for a word the corpus never uses), less for an everyday word,
// flattened by weightPow.
func termWeight(info retrieval.TermInfo, general bool, maxIDF float64) float64 {
	w := info.IDF
	if !info.Known {
		w = unknownWeight * maxIDF
	}
	if general {
		w *= 0.35
	}
	return math.Pow(max(w, 0.2), weightPow)
}

// shape reads what the question's answer must hold once its terms are
// known: what it counts, the instance or role it asks for, the thing whose
// date it asks, and whether it wants an amount or a measure.
func (qs *question) shape(toks []lang.Term, cat int) {
	qs.measures(toks)
	for i := range qs.terms {
		if qs.terms[i].category {
			qs.category = &qs.terms[i]
			if qs.typ == typeQuantity && qs.measure == nil && !moneyWord(qs.terms[i].word, qs.terms[i].stem) {
				// "what percentage", "cuánto tiempo" ask a measure and
				// "how much money" an amount, counting nothing
				qs.counted = &qs.terms[i]
			}
		}
	}
	if qs.typ == typePerson && definitionQuestion(qs.text, toks) {
		// "Who is Roberto Canseco?" asks what the articles say of him
		qs.typ = typeAny
	}
	if qs.typ == typePerson {
		qs.role = roleTerms(qs, toks)
	}
	qs.anchor = anchorTerm(qs, toks)
	qs.future = asksFuture(toks)
	qs.past = !qs.future && asksPast(toks)
	if named := namedThing(qs, toks); qs.typ == typeAny && named != nil {
		// "What was the name of the TV station…?" asks for a name, by
		// the word "station" where a sentence speaks of "a TV station"
		qs.typ, qs.category = typeInstance, named
		if qs.categoryIsPerson() {
			// "the name of the police commander who…": a person's, by
			// the word "commander"
			qs.typ, qs.role = typePerson, []*qterm{named}
		}
	}
	if qs.typ == typeAny && cat >= 0 && instanceQuestion(toks) {
		qs.typ = typeInstance
		if qs.category != nil && qs.categoryKind() == lexicon.KindPerson {
			// "which judge…" asks who: a name by the word "judge"
			qs.typ = typePerson
			qs.role = []*qterm{qs.category}
			qs.possessor = roleCountry(qs, toks, cat)
		}
	}
	qs.predicate = predicateTerm(qs, toks, cat)
	qs.wants(toks)
	if qs.typ == typeAny {
		if sp := speechQuestion(qs, toks); len(sp) > 0 {
			qs.typ, qs.speaker = typeSpeech, sp
		}
	}
}

// wants reads what the answer must give beyond its type, once the type and
// role are final: the clock, the day, a speaker, a leader, a count of
// persons.
func (qs *question) wants(toks []lang.Term) {
	qs.clock = qs.typ == typeTime && wordPair(toks, clockAskers, clockNouns) >= 0
	qs.day = qs.typ == typeTime && qs.category != nil && dayNouns[qs.category.word]
	qs.saidBy = qs.typ == typePerson && wordPair(toks, whoWords, askedSpeech) >= 0
	qs.leads = qs.typ == typePerson && len(qs.role) == 0 && asksLeader(toks)
	switch {
	case qs.leads:
		// "who runs the emergency office": the name must stand by the
		// body's words
		qs.body, qs.bodyHead = leaderBody(qs, toks)
	case qs.typ == typePerson && len(qs.role) == 1 && headRoles[qs.role[0].word]:
		// "who is the leader of marea negra": the same, the body named
		// after "of"
		qs.body, qs.bodyHead = headOfBody(qs, toks)
	}
	qs.countsPersons = qs.counted != nil && personNoun(qs.lang, qs.counted.word)
	qs.roleKinds = kindsOfRole(qs)
}

// predicateTerm returns the word a "which X" question says of X, or a
// "who" question of its person, when it is a lower-case content word
// ("Which country abstained…" → abstained; "Who was arrested…" →
// arrested), or nil. A who question that asks for a role's holder has
// none: its role says what to look for.
func predicateTerm(qs *question, toks []lang.Term, cat int) *qterm {
	from := -1
	switch {
	case qs.typ == typeInstance || qs.typ == typePerson && qs.category != nil:
		from = cat + 1
	case qs.typ == typePerson && len(qs.role) == 0:
		for i, t := range toks {
			if t.Text == "who" || t.Text == "quien" || t.Text == "quienes" {
				from = i + 1
				break
			}
		}
	}
	if from <= 0 {
		return nil
	}
	for _, t := range toks[from:] {
		if t.Stop || recencyWords[t.Text] || earliestWords[t.Text] || rankWords[t.Text] || len(t.Text) > 4 && strings.HasSuffix(t.Text, "ly") {
			continue // "who first reported", "who currently leads", "el primero en morir"
		}
		if t.Upper || t.Number {
			return nil
		}
		for j := range qs.terms {
			if tm := &qs.terms[j]; tm.word == t.Text && !tm.general && !tm.category {
				return tm
			}
		}
		return nil
	}
	return nil
}

// copulas and the words that end a role's noun phrase.
var (
	copulas     = set(`is was are were es era fue son eran fueron`)
	determiners = set(`the a an el la los las un una his her their its su sus`)
	roleEnds    = set(`in at of during when for on since after before from who that which whom en de del durante cuando para desde tras antes que quien quienes cual now today currently ahora actualmente hoy`)
)

// definitionQuestion reports "who is/was <name>" questions, which ask who
// someone named is rather than for a name.
func definitionQuestion(text string, toks []lang.Term) bool {
	for i, t := range toks {
		if t.Text != "who" && t.Text != "quien" && t.Text != "quienes" {
			continue
		}
		next := afterCopula(text, toks, i)
		if next < 0 || next >= len(toks) {
			return false
		}
		for _, u := range toks[next:] {
			if !u.Upper && !connectors[u.Text] {
				return false
			}
		}
		return true
	}
	return false
}

// roleTerms returns the question terms that name the role of a "who is
// [X's] role …" question ("Who was Mexico's ambassador in Quito" → the
// ambassador): the content words after the copula up to a preposition,
// names apart. A question of the form "who did …" has none.
func roleTerms(q *question, toks []lang.Term) []*qterm {
	start := -1
	for i, t := range toks {
		if t.Text != "who" && t.Text != "quien" && t.Text != "quienes" {
			continue
		}
		if next := afterCopula(q.text, toks, i); next > 0 && next < len(toks) &&
			(determiners[toks[next].Text] || toks[next].Upper || possessive(q.text, toks[next])) {
			// "who was the judge", "who is Chile's minister", "who's
			// the prosecutor"; not the passive "who was arrested"
			start = next
			break
		}
	}
	if start < 0 {
		return nil
	}
	var out []*qterm
	for j := start; j < len(toks); j++ {
		t := toks[j]
		if roleEnds[t.Text] {
			if (t.Text == "of" || t.Text == "de" || t.Text == "del") && j+1 < len(toks) {
				q.possessor = q.entityTerm(toks[j+1]) // "the president of Ecuador"
			}
			break
		}
		if rankWords[t.Text] {
			if rankedAct(toks, j) {
				break // "who was the first to die?" asks who died first: no post
			}
			continue // "the first president": the post is the president's
		}
		if countryWord(q, t) {
			q.possessor = q.entityTerm(t) // "Ecuador's president", "the Mexican ambassador"
			continue
		}
		if possessive(q.text, t) && !t.Stop {
			q.owner = q.termOf(t) // "FENA's lawyer": the lawyer of FENA, named by it
			continue
		}
		for i := range q.terms {
			if q.terms[i].word == t.Text && !q.terms[i].entity {
				out = append(out, &q.terms[i])
			}
		}
	}
	return out
}

// rankWords give a place in an order, not a post: "the first to die", "el
// último en salir". rankClauses open what the ranked one did.
var (
	rankWords   = set(`first last second third final primero primera ultimo ultima segundo segunda tercero tercera`)
	rankClauses = set(`to in en a who que`)
)

// rankedAct reports whether the rank word toks[j] is followed by what the
// ranked one did ("the first to die", "el último en salir").
func rankedAct(toks []lang.Term, j int) bool {
	return j+1 < len(toks) && rankClauses[toks[j+1].Text]
}

// afterCopula returns the index of the word after the copula that follows
// toks[i] ("who is", "quién es", or the "'s" of "who's", which the
// tokens drop), or -1.
func afterCopula(text string, toks []lang.Term, i int) int {
	switch {
	case possessive(text, toks[i]):
		return i + 1
	case i+1 < len(toks) && copulas[toks[i+1].Text]:
		return i + 2
	}
	return -1
}

// possessive reports whether the word t of text is written with "'s".
func possessive(text string, t lang.Term) bool {
	for _, s := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(text[t.Start:t.End], s) || strings.HasPrefix(text[t.End:], s) {
			return true
		}
	}
	return false
}

// termOf returns the question's term for the token, or nil.
func (q *question) termOf(t lang.Term) *qterm {
	if i := q.termIndex(t); i >= 0 {
		return &q.terms[i]
	}
	return nil
}

// termIndex returns the index in q.terms of the token's term, or -1.
func (q *question) termIndex(t lang.Term) int {
	for i := range q.terms {
		if q.terms[i].word == t.Text {
			return i
		}
	}
	return -1
}

// entityTerm returns the question's name term for the token, or nil.
func (q *question) entityTerm(t lang.Term) *qterm {
	if tm := q.termOf(t); tm != nil && tm.entity {
		return tm
	}
	return nil
}

// asksFuture reports a question in the future tense: "will" or "going to"
// in English, a verb in -rá or -rán in Spanish.
func asksFuture(toks []lang.Term) bool {
	for i, t := range toks {
		switch {
		case t.Text == "will" || t.Text == "shall",
			t.Text == "going" && i+1 < len(toks) && toks[i+1].Text == "to",
			spanishFuture(t):
			return true
		}
	}
	return false
}

// measureQuestion returns, for a "how high/far/long/old/big…" question,
// the units its answer may give, or nil.
func measureQuestion(toks []lang.Term) map[string]bool {
	for i := 0; i+1 < len(toks); i++ {
		switch t, next := toks[i].Text, toks[i+1].Text; {
		case t == "how" && measureUnits[next] != nil:
			return measureUnits[next]
		case t == "cuanto" && next == "tiempo":
			return timeUnits
		case (t == "cuanto" || t == "cuanta") && spanishMeasures[next] != nil:
			return spanishMeasures[next] // "¿cuánto mide el túnel?"
		case asksAge(toks, i):
			return ageUnits
		case (t == "what" || t == "cual") && measureNouns[attributeAfter(toks, i+1)] != nil:
			return measureNouns[attributeAfter(toks, i+1)] // "What is the height of the volcano?"
		case (t == "what" || t == "which" || t == "que" || t == "cual") && percentNouns[next]:
			return percentUnits
		case (t == "what" || t == "which" || t == "que" || t == "cual") && measureNouns[next] != nil:
			return measureNouns[next] // "what distance separates…", "¿a qué distancia…?
		}
	}
	return nil
}

// asksAge reports whether an age is asked at toks[i]: "what age", "¿qué
// edad?", and "¿cuántos años tiene X?", which asks X's age as "how old"
// does.
func asksAge(toks []lang.Term, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	t, next := toks[i].Text, toks[i+1].Text
	return (t == "que" || t == "cual" || t == "what") && (next == "edad" || next == "age") ||
		(t == "cuantos" || t == "cuanto") && next == "años" && i+2 < len(toks) && ageVerbs[toks[i+2].Text]
}

// ageVerbs follow "cuántos años" in a Spanish question of age.
var ageVerbs = set(`tiene tienen tenia tenian tendra cumple cumplen cumplio cumplira`)

// spanishMeasures are the verbs a Spanish "cuánto" question measures
// with, and the units of their answers.
var spanishMeasures = map[string]map[string]bool{
	"mide": union(lengthUnits, otherUnits), "miden": union(lengthUnits, otherUnits), "media": union(lengthUnits, otherUnits),
	"pesa": weightUnits, "pesan": weightUnits, "pesaba": weightUnits, "dura": timeUnits, "duro": timeUnits, "durara": timeUnits,
}

// measureNouns name a measure a "what is the X of" question asks, and
// the units of its answer.
var measureNouns = map[string]map[string]bool{
	"height": union(lengthUnits, otherUnits), "length": union(lengthUnits, timeUnits), "depth": lengthUnits,
	"width": lengthUnits, "weight": weightUnits, "altura": union(lengthUnits, otherUnits), "longitud": lengthUnits,
	"profundidad": lengthUnits, "ancho": lengthUnits, "peso": weightUnits, "duration": timeUnits, "duracion": timeUnits,
	"distance": lengthUnits, "distancia": lengthUnits, "magnitude": magnitudeWords, "magnitud": magnitudeWords,
}

// attributeAfter returns the noun of "is/was the X of" or "es/fue la X de"
// after toks[i:], or "".
func attributeAfter(toks []lang.Term, i int) string {
	for k := i; k < len(toks) && k < i+4; k++ {
		switch t := toks[k].Text; {
		case t == "is" || t == "was" || t == "the" || t == "es" || t == "fue" || t == "era" || t == "la" || t == "el":
		case k+1 < len(toks) && (toks[k+1].Text == "of" || toks[k+1].Text == "de" || toks[k+1].Text == "del"):
			return t
		default:
			return ""
		}
	}
	return ""
}

// countNouns head a phrase that asks for a count: "what's the death
// toll", "what is the number of dead", "¿cuál es la cifra de muertos?".
var countNouns = set(`toll tally number total count cifra numero balance recuento`)

// asksCount reports whether the words from toks[i] ("is the death toll",
// "es la cifra oficial de…") name a count: after a copula and an article, a
// count noun, perhaps after one word that qualifies it ("death"), that
// ends its phrase: the question ends, a stop word follows, or one word
// and "of"/"de" ("cifra oficial de heridos"). "The toll road" is a road.
func asksCount(toks []lang.Term, i int) bool {
	word := func(k int) lang.Term {
		if k < len(toks) {
			return toks[k]
		}
		return lang.Term{Stop: true}
	}
	for k := i; k < len(toks) && k < i+4; k++ {
		if w := toks[k].Text; copulas[w] || w == "the" || w == "el" || w == "la" || recencyWords[w] || w == "official" || w == "oficial" {
			continue // "is the latest death toll", "es la última cifra oficial"
		}
		if !countNouns[toks[k].Text] {
			if toks[k].Stop || !countNouns[word(k+1).Text] {
				return false
			}
			k++
		}
		next := word(k + 1)
		return next.Stop || recencyWords[next.Text] || ofWords[word(k+2).Text]
	}
	return false
}

// percentNouns make a "what X" question ask for a percentage.
var percentNouns = set(`percentage percent proportion share porcentaje proporcion`)

// aspectNouns ask for one aspect of something named after them: "the date
// of his birth", "la causa de la muerte".
var aspectNouns = set(`date day year time cause reason number amount size name fecha dia año hora causa motivo razon numero cantidad nombre`)

// namedThing returns, for "what is the name of X" and "¿cómo se llama
// X?", the term of X's head noun: the last content word of the words
// after "name of", before a verb or a stop word ("the TV station attacked
// in January" → station). Nil for any other question.
func namedThing(q *question, toks []lang.Term) *qterm {
	for i := 0; i+2 < len(toks); i++ {
		from := i + 2
		switch {
		case (toks[i].Text == "name" || toks[i].Text == "nombre") && ofWords[toks[i+1].Text]:
		case toks[i].Text == "como" && toks[i+1].Text == "se" && calledWords[toks[i+2].Text]:
			from = i + 3 // "¿Cómo se llama el directivo…?"
		default:
			continue
		}
		var head *qterm
		for _, t := range toks[from:] {
			if t.Stop && head == nil || t.Number || numberWords[t.Text] {
				continue // "the", "la", "los dos empleados"
			}
			if t.Upper {
				continue // "the TV station", "Mexico's ambassador"
			}
			if t.Stop || verbForm(t) || head != nil && q.lang == lang.Spanish {
				break // Spanish puts the noun first: "los empleados administrativos"
			}
			for j := range q.terms {
				if q.terms[j].word == t.Text {
					head = &q.terms[j]
				}
			}
		}
		return head
	}
	return nil
}

// calledWords are the forms of "llamarse" that ask a name after "cómo se".
var calledWords = set(`llama llaman llamaba llamaban llamo`)

// aspectNoun reports a noun that names an aspect of something else: the
// listed ones, and in English what WordNet files as an attribute
// ("magnitude", "height", "level").
func aspectNoun(l lang.Lang, w string) bool {
	return aspectNouns[w] || l == lang.English && lexicon.KindOf(w) == lexicon.KindAttribute
}

// anchorTerm returns the term named after an aspect noun and "of"/"de"
// ("date of birth" → birth), or nil.
func anchorTerm(q *question, toks []lang.Term) *qterm {
	for i := 0; i+2 < len(toks); i++ {
		if !aspectNoun(q.lang, toks[i].Text) || toks[i+1].Text != "of" && toks[i+1].Text != "de" {
			continue
		}
		for _, t := range toks[i+2:] {
			if t.Stop {
				continue
			}
			for j := range q.terms {
				if q.terms[j].word == t.Text {
					return &q.terms[j]
				}
			}
			return nil
		}
	}
	return nil
}

// instanceQuestion reports "which X" and "qué/cuál X" questions, which want
// a named instance of X ("Which country…" → "Spain").
func instanceQuestion(toks []lang.Term) bool {
	for _, t := range toks {
		switch t.Text {
		case "which", "cual", "cuales":
			return true
		case "que":
			return true
		case "what":
			return false
		}
	}
	return false
}

// matches reports whether a sentence word is this question term, in its
// own form, a related one or the other language's.
func (t *qterm) matches(w lang.Term) bool {
	return t.matchesOnly(w, func(retrieval.Alt) bool { return true })
}

// matchesOnly is matches counting only the related forms keep accepts.
func (t *qterm) matchesOnly(w lang.Term, keep func(retrieval.Alt) bool) bool {
	if t.is(w) {
		return true
	}
	for _, a := range t.alts {
		if a.Stem == w.Stem && keep(a) {
			return true
		}
	}
	for _, e := range t.expansion {
		if lang.StemsMatch(e, w.Stem) {
			return true
		}
	}
	return false
}

// is reports whether a sentence word is the question word itself (in any
// inflection), not one of its related forms.
func (t *qterm) is(w lang.Term) bool {
	return lang.StemsMatch(w.Stem, t.stem) || w.Text == t.word
}

// categoryIndex returns the index of the noun a "which X"/"what X" question
// asks an instance of, or what a "how many X" counts, or -1. "What did …"
// and "what is …" have none.
func categoryIndex(toks []lang.Term) int {
	for i, t := range toks {
		switch t.Text {
		case "which", "what", "cual", "cuales", "que":
			if t.Text == "que" && i > 0 && toks[i-1].Text == "por" {
				return -1 // "por qué": why
			}
			if !interrogative(toks, i) {
				continue // "the company which runs it", "la empresa que opera"
			}
			// English puts an adjective before its noun, Spanish after
			return nounAfter(toks, i+1, t.Text == "which" || t.Text == "what")
		case "how":
			// "how many X": X is what is counted
			if i+2 < len(toks) && (toks[i+1].Text == "many" || toks[i+1].Text == "much") && !toks[i+2].Stop {
				j := i + 2
				if j+1 < len(toks) && toks[j+1].Start-toks[j].End == 1 && !toks[j+1].Stop && !toks[j+1].Upper &&
					strings.HasSuffix(toks[j+1].Text, "s") && !strings.HasSuffix(toks[j].Text, "s") {
					j++ // "how many port workers": the noun is the last
				}
				return j
			}
		case "cuantos", "cuantas", "cuanto", "cuanta":
			if i+1 < len(toks) && !toks[i+1].Stop && !spanishAux[toks[i+1].Text] {
				return i + 1 // not "¿cuánto va a costar…?": "va" counts nothing
			}
		}
	}
	return -1
}

// interrogative reports whether the question word at toks[i] asks rather
// than relates: it is a Spanish one written with its accent ("¿y qué
// país…?"), or the question's first question word ("which hospital…", "in
// which hospital…", "According to the union, which country…"); a later
// one relates ("the company which runs it", "la empresa que opera").
func interrogative(toks []lang.Term, i int) bool {
	if toks[i].Word == "qué" || toks[i].Word == "cuál" || toks[i].Word == "cuáles" {
		return true
	}
	for _, t := range toks[:i] {
		if questionWords[t.Text] {
			return false
		}
	}
	return true
}

// questionWords are the words that ask a question, folded.
var questionWords = set(`what which who whom whose where when why how que cual cuales quien quienes donde cuando
	cuanto cuanta cuantos cuantas como`)

// otherWords and kindWords stand between a question word and its noun:
// "which other country", "what kind of treaty".
var (
	otherWords = set(`other otro otra otros otras`)
	kindWords  = set(`kind type sort tipo clase`)
)

// nounAfter returns the index of the noun at toks[j], past "other" and
// "kind of" (and, in an English question, a lower-case adjective: "which
// ostrenian diplomat"), or -1 when a stop word stands there ("what
// did…").
func nounAfter(toks []lang.Term, j int, english bool) int {
	for j < len(toks) && otherWords[toks[j].Text] {
		j++
	}
	if j+1 < len(toks) && kindWords[toks[j].Text] {
		j += 2
	}
	// "which European country", "which Central American president": the
	// noun after the capitalised adjectives
	for k := j; k < len(toks) && k < j+3 && toks[k].Upper; k++ {
		if k+1 < len(toks) && !toks[k+1].Stop && !toks[k+1].Upper {
			j = k + 1
			break
		}
	}
	// "which ostrenian diplomat", "which foreign minister": a word WordNet
	// knows no noun kind of before one it does is the noun's adjective
	if english && j+1 < len(toks) && !toks[j].Upper && !toks[j].Stop && !toks[j+1].Stop && !toks[j+1].Upper && toks[j+1].Start-toks[j].End == 1 &&
		adjectiveKind(nounKind(toks[j].Text)) && nounKind(toks[j+1].Text) != lexicon.KindNone && !adjectiveKind(nounKind(toks[j+1].Text)) {
		j++
	}
	if j < len(toks) && !toks[j].Stop && !toks[j].Upper && !verbForm(toks[j]) {
		return j
	}
	return -1
}

// adjectiveKind reports a kind a word before a noun has when it only
// qualifies it: none WordNet knows, or a people's ("mexican").
func adjectiveKind(k lexicon.Kind) bool {
	return k == lexicon.KindNone || k == lexicon.KindDemonym
}

// spanishAux are forms of "ir", "haber", "ser" and "estar" that open a
// verb phrase after "cuánto" ("¿cuánto va a costar?", "¿cuántos han
// muerto?"), where a counted noun would stand.
var spanishAux = set(`va van iba iban ha han habia habian hay fue fueron es son era eran esta estan estaba estaban`)

// verbForm reports a verb where a "what X" question would have its noun:
// English in -ed ("what ruled out…"), Spanish in -ó, -aron or -ieron ("¿a
// qué atribuyó…?"), or in the future or conditional ("¿qué pasará…?"). A
// name ("¿por qué Glas…?") is no noun either (see nounAfter).
func verbForm(t lang.Term) bool {
	w := t.Word
	if w == "" {
		w = t.Text
	}
	switch {
	case len(t.Text) > 4 && strings.HasSuffix(t.Text, "ed") && !strings.HasSuffix(t.Text, "eed"):
		return true
	case strings.HasSuffix(w, "ó"), len(w) > 6 && (strings.HasSuffix(w, "aron") || strings.HasSuffix(w, "ieron")):
		return true
	case spanishFuture(t), len(w) > 5 && (strings.HasSuffix(w, "ría") || strings.HasSuffix(w, "rían")):
		return true // "¿qué pasará…?", "¿qué haría…?"
	}
	return false
}

// afterSentenceStart reports whether only punctuation (¿ ¡ quotes) stands
// between the start of q and offset i: such a capital is no sign of a name.
func afterSentenceStart(q string, i int) bool {
	return strings.TrimLeft(q[:i], " ¿¡\"'“‘«(") == ""
}

// typeWord reports question words that only say what kind of answer is
// wanted ("how many", "how far", "cuántos").
func typeWord(w string) bool {
	return howQuantity[w] || cuantoWords[w]
}

// cuantoWords ask "how many" or "how much" in Spanish, folded.
var cuantoWords = set(`cuanto cuantos cuanta cuantas`)

// Kind names what a question asks for, as question sets label it: "who",
// "when", "where", "why", "how-many", or "fact" for anything else.
func Kind(q string) string {
	switch questionType(lang.Terms(lang.Detect(q, lang.English), q)) {
	case typePerson:
		return "who"
	case typeTime:
		return "when"
	case typePlace:
		return "where"
	case typeReason:
		return "why"
	case typeQuantity:
		return "how-many"
	}
	return "fact"
}

// chargeNouns after "por qué" ask for which one, not why: "¿Por qué
// delito fue condenado?", "¿Por qué casos…?"
var chargeNouns = set(`delito delitos caso casos crimen crimenes cargo cargos acusacion acusaciones condena condenas`)

// reasonNouns name a cause: "what X" asks why when X is one of them.
var reasonNouns = set(`reason reasons cause causes motive motives grounds justification justifications
	razon razones motivo motivos causa causas justificacion fundamento fundamentos`)

func questionType(toks []lang.Term) answerType {
	asked := false // a "what" or "which" came first: a later "who" relates
	for i, t := range toks {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Text
		}
		switch t.Text {
		case "who", "whom", "quien", "quienes", "when", "cuando", "where", "donde":
			if asked {
				// "the name of the commander who led…", "What did Glas say
				// when he was arrested?": the clause relates
				continue
			}
			return whType[t.Text]
		case "why":
			return typeReason
		case "por":
			if next == "que" && (i+2 >= len(toks) || !chargeNouns[toks[i+2].Text]) {
				return typeReason // not "¿Por qué delito…?", for which crime
			}
		case "how":
			if howQuantity[next] {
				return typeQuantity
			}
		case "cuanto", "cuantos", "cuanta", "cuantas":
			return typeQuantity
		case "what", "which", "que", "cual", "cuales":
			asked = asked || i == 0 || interrogative(toks, i)
			if typ := whatType(toks, i); typ != typeAny {
				return typ
			}
		case "date", "fecha":
			// "What is his date of birth?", "¿Cuál es la fecha…?"
			if i > 0 {
				return typeTime
			}
		}
	}
	return typeAny
}

// wordPair returns the index of the first word of firsts that the next
// word of seconds follows ("who said", "qué hora"), or -1.
func wordPair(toks []lang.Term, firsts, seconds map[string]bool) int {
	for i := 0; i+1 < len(toks); i++ {
		if firsts[toks[i].Text] && seconds[toks[i+1].Text] {
			return i
		}
	}
	return -1
}

// whoWords open a question about a person whose act the next word says:
// "who said", "¿quién dirige?".
var whoWords = set(`who quien`)

// clockAskers and clockNouns ask the time of day: "what time", "qué hora"
// (the folded "qué" is "que").
var (
	clockAskers = set(`what que`)
	clockNouns  = set(`time hora`)
)

// leadVerbs ask who leads something after "who" or "quién".
var leadVerbs = set(`runs ran heads headed leads led directs directed chairs chaired manages managed
	dirige dirigia dirigio encabeza encabezaba lidera lideraba preside presidia`)

// leaderWords name a leader, or lead, in the answering sentence: a
// leader's noun, a verb of leading (leadVerbs) or the title of one who
// leads what it holds (leaderTitles).
var leaderWords = union(set(`director directors head heads headed chief chiefs president chairman chairwoman chair chairs
	leader leaders manager managers executive ceo boss runs ran run running leads led lead leading directs directed
	directora directores jefe jefa presidente presidenta lider gerente titular dirige dirigia dirigio encabeza
	encabezaba lidera lideraba preside presidia`), leadVerbs, leaderTitles)

// asksLeader reports "who runs…", "who heads…", "¿quién dirige…?"; not
// "who managed to escape".
func asksLeader(toks []lang.Term) bool {
	if i := wordPair(toks, whoWords, leadVerbs); i >= 0 && (i+2 >= len(toks) || toks[i+2].Text != "to") {
		return true
	}
	for i := range toks {
		if leaderPhrase(toks, i) {
			return true
		}
	}
	return false
}

// leaderPhrase reports whether toks[i] is the noun of a phrase that says
// who heads a body: "al frente del INPA", "at the helm of the agency". It
// names no topic of the question. "In charge of" is not among them: one
// is in charge of an investigation or a rescue without heading anything.
func leaderPhrase(toks []lang.Term, i int) bool {
	if i == 0 || i+1 >= len(toks) {
		return false
	}
	prev, t, next := toks[i-1].Text, toks[i].Text, toks[i+1].Text
	return prev == "al" && t == "frente" && (next == "de" || next == "del") ||
		prev == "the" && t == "helm" && next == "of"
}

// dayNouns after "what"/"qué" ask for a date with its day.
var dayNouns = set(`date day fecha dia`)

// whType is the type the question words a relative clause may also open
// ask for.
var whType = map[string]answerType{"who": typePerson, "whom": typePerson, "quien": typePerson, "quienes": typePerson,
	"when": typeTime, "cuando": typeTime, "where": typePlace, "donde": typePlace}

// howQuantity are the words after "how" that ask for a number.
var howQuantity = set(`many much far long old often high tall big large deep wide heavy`)

// timeNouns after "what"/"which" ask when: "what year", "¿qué día?".
var timeNouns = set(`year date day month time hour año fecha dia mes hora`)

// whatType is what "what X"/"which X" at toks[i] asks for, or typeAny:
// a time ("what year"), a quantity ("what percentage", "¿qué edad?",
// "what is the height of"), or a cause ("what reasons", "on what legal
// grounds", "¿cuáles fueron los motivos…?").
func whatType(toks []lang.Term, i int) answerType {
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].Text
	}
	switch {
	case timeNouns[next]:
		return typeTime
	case percentNouns[next] || next == "age" || next == "edad" || measureNouns[next] != nil || measureNouns[attributeAfter(toks, i+1)] != nil:
		return typeQuantity
	case asksCount(toks, i+1):
		return typeQuantity
	}
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		if reasonNouns[toks[j].Text] {
			return typeReason
		}
	}
	return typeAny
}

// asksPast reports an English question in the past: "did", "was",
// "were" or "had" asks what was.
func asksPast(toks []lang.Term) bool {
	for _, t := range toks {
		switch t.Text {
		case "did", "was", "were", "had":
			return true
		}
	}
	return false
}

// headOfBody returns, for a who question about the head of a body
// named after "of"/"de" ("who's the leader of marea negra", "¿quién es
// el jefe de la brigada casperense?"), the indexes in q.terms of the
// body's words, up to a preposition that places or dates it ("the head of
// civil protection in aldanza"), and of their head noun: the first in
// Spanish, the last in English. Nil when the role has no "of" after it.
func headOfBody(qs *question, toks []lang.Term) (body []int, head int) {
	from := -1
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].Text == qs.role[0].word && ofWords[toks[i+1].Text] {
			from = i + 2
			break
		}
	}
	if from < 0 {
		return nil, -1
	}
	for i := from; i < len(toks) && !bodyEnds[toks[i].Text]; i++ {
		if k := qs.termIndex(toks[i]); k >= 0 && !qs.terms[k].general && !qs.terms[k].entity {
			body = append(body, k)
		}
	}
	if len(body) == 0 {
		return nil, -1
	}
	return body, nounOf(qs.lang, body)
}

// nounOf returns the head noun of a body's words in a question: the first
// in Spanish ("el consejo nacional electoral"), the last in English ("the
// national emergency office").
func nounOf(l lang.Lang, body []int) int {
	if l == lang.Spanish {
		return body[0]
	}
	return body[len(body)-1]
}

// bodyEnds end a body's name in a question: what places or dates it.
var bodyEnds = set(`in at on for since during en durante desde que who which that`)
