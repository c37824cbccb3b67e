package answer

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
)

// fuEntity is a named thing a conversation mentions: a person, place,
// organisation or date, under the longest form the texts give it.
type fuEntity struct {
	text  string     // the longest form seen, as written
	short string     // the shortest form seen, as written ("Glas")
	forms [][]string // folded words of every form seen
	// initials of the capitalised words of the long forms ("oas" for
	// Organization of American States), to meet their acronyms
	initials []string
	// det is the article the texts put before it, by language ("the",
	// "la"), used when the name replaces a pronoun
	det      map[lang.Lang]string
	score    [5]float64 // evidence for each kind
	mentions int
	// gender is the evidence for a person's gender: [0] male, [1] female
	gender [2]float64
	// said: a verb of saying followed the name somewhere. It hints at a
	// person, once: countries and ministries "say" too, often.
	said bool
}

// fitsGender reports whether a person may be who a pronoun of gender g
// (fuMale, fuFemale, 0 for any) is: the texts do not say otherwise.
func (e *fuEntity) fitsGender(g int) bool {
	switch g {
	case fuMale:
		return e.gender[1] <= e.gender[0]
	case fuFemale:
		return e.gender[0] <= e.gender[1]
	}
	return true
}

func (e *fuEntity) kind() fuKind {
	score := e.score
	if e.said {
		score[fuKindPerson] += 0.75
	}
	best, k := 0.0, fuKindUnknown
	for i := fuKindPerson; i <= fuKindDate; i++ {
		if score[i] > best {
			best, k = score[i], i
		}
	}
	return k
}

// strongKind is the entity's kind when the evidence is more than a hint
// (a title, a place preposition, an organisation's word), else unknown.
func (e *fuEntity) strongKind() fuKind {
	k := e.kind()
	if e.score[k] < 1.5 {
		return fuKindUnknown
	}
	return k
}

// fuEntityBook gathers the entities of a conversation and the evidence of
// their kinds across every text read.
type fuEntityBook struct {
	ents  []*fuEntity
	lower map[string]bool // folded words seen written in lower case
	// found memoises the names and dates of each text: a conversation
	// reads its turns several times
	found map[string][]fuSpan
}

func fuNewEntityBook() *fuEntityBook {
	return &fuEntityBook{lower: map[string]bool{}, found: map[string][]fuSpan{}}
}

// fuMention is an entity found at a place in a text.
type fuMention struct {
	ent        *fuEntity
	start, end int  // byte offsets of the name in the text
	owner      bool // a possessive: "Ecuador's agency" is about the agency
}

// read records the entities of text and the evidence of their kinds.
func (b *fuEntityBook) read(text string) {
	b.noteCase(text)
	for _, s := range b.spans(text) {
		e, _ := b.entity(s)
		b.merge(e, s)
	}
}

// entity returns the entity span s names, recording a new one if no known
// entity fits; isNew says it was recorded now.
func (b *fuEntityBook) entity(s fuSpan) (e *fuEntity, isNew bool) {
	if e := b.find(s.words, s.initials); e != nil {
		return e, false
	}
	e = &fuEntity{text: s.text, det: map[lang.Lang]string{}}
	b.ents = append(b.ents, e)
	return e, true
}

// noteCase records the words text writes in lower case: a capitalised word
// opening a sentence is a name only if the texts never write it lower case.
// Every text of a conversation is noted before any is read.
func (b *fuEntityBook) noteCase(text string) {
	for _, t := range lang.Tokenize(text) {
		if !t.Upper {
			b.lower[t.Text] = true
		}
	}
}

// mentions returns the entities of text in order of appearance, once each,
// recording any new ones.
func (b *fuEntityBook) mentions(text string) []*fuEntity {
	var out []*fuEntity
	seen := map[*fuEntity]bool{}
	for _, m := range b.locate(text) {
		if !seen[m.ent] {
			seen[m.ent] = true
			out = append(out, m.ent)
		}
	}
	return out
}

// locate returns the mentions of text with their offsets. Names not met
// before are recorded, but names already known gain no evidence or count.
func (b *fuEntityBook) locate(text string) []fuMention {
	var out []fuMention
	for _, s := range b.spans(text) {
		e, isNew := b.entity(s)
		if isNew {
			b.merge(e, s)
		}
		out = append(out, fuMention{ent: e, start: s.start, end: s.end, owner: s.owner})
	}
	return out
}

func (b *fuEntityBook) merge(e *fuEntity, s fuSpan) {
	e.mentions++
	if len(s.words) > len(fuLongest(e.forms)) && s.kindHint != fuKindDate {
		e.text = s.text
	}
	if e.short == "" || len(s.words) < len(fuShortest(e.forms)) {
		e.short = s.text
	}
	if !fuHasForm(e.forms, s.words) {
		e.forms = append(e.forms, s.words)
	}
	if s.initials != "" && len(s.words) > 1 {
		e.initials = append(e.initials, s.initials)
	}
	for k, v := range s.score {
		e.score[k] += v
	}
	e.said = e.said || s.said
	e.gender[0] += s.gender[0]
	e.gender[1] += s.gender[1]
	if s.det != "" {
		l := lang.English
		if s.det != "the" {
			l = lang.Spanish
		}
		if _, ok := e.det[l]; !ok {
			e.det[l] = s.det
		}
	}
}

func fuLongest(forms [][]string) []string {
	var out []string
	for _, f := range forms {
		if len(f) > len(out) {
			out = f
		}
	}
	return out
}

func fuShortest(forms [][]string) []string {
	var out []string
	for _, f := range forms {
		if out == nil || len(f) < len(out) {
			out = f
		}
	}
	return out
}

// name is how the entity is written in place of a reference: a person by
// surname (news reports call people by their surname after the first
// mention, so "Glas" finds what "Jorge Glas" misses): the shortest name
// the texts use, or else the last word of a two-word name (both when the
// first is a Spanish patronymic in -ez: "López Obrador") and the last two
// of a longer one (Spanish names have two surnames);
// anything else by its fullest name.
func (e *fuEntity) name() string {
	if e.kind() != fuKindPerson || e.short == "" {
		return e.text
	}
	if len(fuShortest(e.forms)) < len(fuLongest(e.forms)) {
		return e.short // the texts' own short form: "López Obrador"
	}

	words := strings.Fields(e.short)
	for _, w := range words {
		if fuConnectors[strings.ToLower(w)] {
			return e.short // "Luiz Inácio Lula da Silva": no guessing
		}
	}
	switch {
	case len(words) == 2 && strings.HasSuffix(strings.ToLower(words[0]), "ez"):
		return e.short
	case len(words) == 2:
		return words[1]
	case len(words) > 2:
		return strings.Join(words[len(words)-2:], " ")
	}
	return e.short
}

func fuHasForm(forms [][]string, w []string) bool {
	for _, f := range forms {
		if strings.Join(f, " ") == strings.Join(w, " ") {
			return true
		}
	}
	return false
}

// find returns the entity a name refers to: the same words, a shorter or
// longer form ending the same way ("Glas", "Jorge Glas"), or an acronym of
// it ("OAS").
func (b *fuEntityBook) find(words []string, initials string) *fuEntity {
	for _, e := range b.ents {
		for _, f := range e.forms {
			if fuSameName(f, words) {
				return e
			}
		}
		if len(words) == 1 {
			for _, in := range e.initials {
				if in == words[0] {
					return e
				}
			}
		}
		if initials != "" && len(words) > 1 {
			for _, f := range e.forms {
				if len(f) == 1 && f[0] == initials {
					return e
				}
			}
		}
	}
	return nil
}

// fuSameName reports whether two folded names are one: equal, or one ends the
// other (a surname) when the longer has no inner "of"/"de".
func fuSameName(a, b []string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return false
	}
	for _, w := range b {
		if fuConnectors[w] {
			return len(a) == len(b) && strings.Join(a, " ") == strings.Join(b, " ")
		}
	}
	off := len(b) - len(a)
	for i := range a {
		if a[i] != b[off+i] {
			return false
		}
	}
	return true
}

// fuSpan is a name or date found in a text, with the evidence of its kind
// that its context gives.
type fuSpan struct {
	start, end int
	text       string
	words      []string // folded
	initials   string
	det        string
	score      [5]float64
	kindHint   fuKind
	gender     [2]float64
	said       bool // a verb of saying follows the name
	owner      bool // "’s" follows the name
}

// Words that tell an entity's kind. They are the language of news reports,
// not names of any event.
var (
	fuConnectors = fuSet("of", "on", "for", "de", "del", "la", "las", "los", "the")
	fuTitles     = fuSet("president", "presidente", "presidenta", "former", "vice", "minister", "ministro", "ministra",
		"secretary", "secretario", "secretaria", "ambassador", "embajador", "embajadora", "mr", "mrs", "ms", "dr",
		"sr", "sra", "srta", "don", "doña", "judge", "juez", "jueza", "professor", "profesor", "profesora",
		"expresidente", "exvicepresidente", "vicepresidente", "canciller", "senator", "senador", "senadora",
		"general", "prime", "chancellor", "governor", "gobernador", "mayor", "alcalde", "king", "queen", "pope",
		"sir", "lady", "lord", "prosecutor", "fiscal", "attorney", "lawyer", "abogado", "abogada", "ex")
	fuRoles = fuSet("head", "secretary", "president", "minister", "fellow", "professor", "spokesman", "spokeswoman",
		"spokesperson", "director", "leader", "founder", "ambassador", "lawyer", "judge", "who", "quien", "whose",
		"former", "presidente", "presidenta", "ministra", "ministro", "jefe", "jefa", "director", "directora",
		"portavoz", "vocero", "vocera", "embajador", "embajadora", "abogado", "abogada", "fundador", "líder")
	fuSayVerbs = fuSet("said", "says", "say", "told", "tells", "announced", "added", "posted", "wrote", "stated", "tweeted",
		"argued", "insisted", "warned", "thanked", "denied", "dijo", "dice", "afirmó", "señaló", "declaró", "aseguró",
		"sostuvo", "indicó", "anunció", "explicó", "agregó", "añadió", "advirtió", "escribió", "lamentó", "insistió")
	fuPlacePreps = fuSet("in", "at", "to", "from", "into", "near", "inside", "outside", "toward", "towards", "en", "desde",
		"hacia", "hasta")
	fuPlaceWords = fuSet("embassy", "embajada", "city", "ciudad", "prison", "cárcel", "carcel", "jail", "hospital",
		"street", "avenue", "calle", "avenida", "square", "plaza", "palace", "palacio", "airport", "aeropuerto",
		"port", "puerto", "province", "provincia", "island", "isla", "river", "río", "mountains", "hall", "compound",
		"facility", "base", "republic", "república", "kingdom", "reino")
	fuOrgWords = fuSet("court", "council", "organization", "organisation", "ministry", "office", "agency", "assembly",
		"nations", "union", "commission", "committee", "party", "government", "department", "service", "community",
		"institute", "university", "bank", "fund", "police", "army", "navy", "press", "corte", "consejo",
		"organización", "ministerio", "servicio", "comunidad", "tribunal", "movimiento", "asamblea", "naciones",
		"unión", "comisión", "comité", "gobierno", "agencia", "partido", "universidad", "fiscalía", "policía",
		"secretaría", "cancillería", "oficina", "instituto", "banco", "fondo", "ejército", "revolución", "movement",
		"group", "grupo", "association", "asociación", "foundation", "fundación", "federation", "federación")
	fuOrgNouns     = fuSet("movement", "movimiento", "organization", "organisation", "organización", "party", "partido", "group", "grupo", "agency", "agencia", "body", "organismo")
	fuPlaceNouns   = fuSet("embassy", "embajada", "city", "ciudad", "capital", "country", "país", "prison", "cárcel", "town", "port", "puerto", "village", "province", "provincia", "pabellón")
	fuFemaleTitles = fuSet("mrs", "ms", "miss", "sra", "srta", "doña", "presidenta", "ministra", "secretaria", "embajadora",
		"jueza", "profesora", "abogada", "senadora", "gobernadora", "alcaldesa", "diputada", "lady", "queen", "reina", "madame")
	fuMaleTitles = fuSet("mr", "sr", "don", "ministro", "secretario", "embajador", "senador", "gobernador", "alcalde",
		"diputado", "king", "rey", "lord", "sir", "abogado", "profesor")
	fuTitleAbbr = fuSet("mr", "mrs", "ms", "dr", "sr", "sra", "srta", "st", "gen", "sen", "gov")
	// words that open a question or sentence with a capital but are no name
	fuOpeners = fuSet("who", "what", "where", "when", "why", "how", "which", "whom", "whose", "did", "does", "do", "is",
		"are", "was", "were", "has", "have", "had", "can", "could", "will", "would", "should", "may", "and", "but",
		"also", "so", "then", "tell", "give", "list", "name", "explain", "describe", "quién", "quien", "qué", "que",
		"dónde", "donde", "cuándo", "cuando", "cómo", "como", "cuál", "cual", "cuáles", "cuántos", "cuántas", "por",
		"y", "pero", "también", "dime", "explica", "según", "after", "before", "on", "in", "at", "since", "until", "as",
		"yes", "no", "sí", "he", "she", "it", "they", "his", "her", "its", "their", "él", "ella", "ellos", "ellas")
)

func fuSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words)*2)
	for _, w := range words {
		m[w] = true
		m[lang.Fold(w)] = true
	}
	return m
}

var (
	fuMonthsEN  = lang.MonthPattern(lang.English, false)
	fuMonthsES  = lang.MonthPattern(lang.Spanish, false)
	fuDaysEN    = lang.WeekdayPattern(lang.English)
	fuDaysES    = lang.WeekdayPattern(lang.Spanish)
	fuDateRe    = regexp.MustCompile(`(?i)\b(?:(?:late|early)\s+(?:on\s+)?)?(?:` + fuDaysEN + `)(?:,?\s+\d{1,2}\s+(?:` + fuMonthsEN + `))?(?:\s+(?:morning|afternoon|evening|night))?\b|\b\d{1,2}\s+(?:` + fuMonthsEN + `)(?:,?\s+\d{4})?\b|\b(?:` + fuMonthsEN + `)\s+\d{1,2}(?:,\s+\d{4})?\b|\b(?:` + fuMonthsEN + `)(?:\s+\d{4})?\b|\b(?:` + fuDaysES + `)(?:\s+\d{1,2}\s+de\s+(?:` + fuMonthsES + `))?\b|\b\d{1,2}\s+de\s+(?:` + fuMonthsES + `)(?:\s+de\s+\d{4})?\b|\b(?:` + fuMonthsES + `)(?:\s+de\s+\d{4})?\b|\b(?:19|20)\d{2}\b`)
	fuDateWords = fuSet(strings.Split(fuMonthsEN+"|"+fuMonthsES+"|"+fuDaysEN+"|"+fuDaysES, "|")...)
	fuDayOrDate = regexp.MustCompile(`(?i)^(?:(?:late|early)\s+)?(?:` + fuDaysEN + `|` + fuDaysES + `|\d)`)
)

// spans finds the names, acronyms and dates of a text.
func (b *fuEntityBook) spans(text string) []fuSpan {
	if s, ok := b.found[text]; ok {
		return s
	}
	s := b.scan(text)
	b.found[text] = s
	return s
}

// scan finds the dates of a text, then the names outside them, and
// returns them in the order they start. It does not memoise: spans does.
func (b *fuEntityBook) scan(text string) []fuSpan {
	s := &fuScanner{book: b, text: text, toks: lang.Tokenize(text)}
	s.findDates()
	out := s.dateSpans()
	for i := 0; i < len(s.toks); i++ {
		if !s.opensName(i) {
			continue
		}
		last := s.runEnd(i)
		if sp, ok := s.name(i, last); ok {
			out = append(out, sp)
		}
		i = last
	}
	fuSortSpans(out)
	return out
}

// fuScanner holds one text being scanned for names and dates: its tokens
// and the byte ranges of the dates found in it. It lives for one scan.
type fuScanner struct {
	book  *fuEntityBook
	text  string
	toks  []lang.Token
	dates [][]int // [start, end) byte ranges, in text order
}

// findDates fills s.dates. The date pattern is costly: it runs only
// around the words a date has (a month, a weekday, a number), on the few
// words either side, and never twice over the same text.
func (s *fuScanner) findDates() {
	covered := 0
	for i, t := range s.toks {
		if !(t.Number || fuDateWords[t.Text]) || t.Start < covered {
			continue
		}
		from, to := s.toks[max(i-2, 0)].Start, s.toks[min(i+4, len(s.toks)-1)].End
		if from < covered {
			from = covered
		}
		for _, m := range fuDateRe.FindAllStringIndex(s.text[from:to], -1) {
			s.dates = append(s.dates, []int{m[0] + from, m[1] + from})
			covered = m[1] + from
		}
	}
}

// inDate reports whether the byte offset start falls inside a date.
func (s *fuScanner) inDate(start int) bool {
	for _, d := range s.dates {
		if start >= d[0] && start < d[1] {
			return true
		}
	}
	return false
}

// dateSpans returns a span for each date found, except a lone "May" or
// "mayo" with no digit near it: it is a month and a verb.
func (s *fuScanner) dateSpans() []fuSpan {
	var out []fuSpan
	for _, d := range s.dates {
		t := s.text[d[0]:d[1]]
		if f := lang.Fold(t); (f == "may" || f == "mayo") && !strings.ContainsAny(s.text[max(0, d[0]-4):min(len(s.text), d[1]+4)], "0123456789") {
			continue
		}
		sp := fuSpan{start: d[0], end: d[1], text: t, words: fuFoldWords(t), kindHint: fuKindDate}
		sp.score[fuKindDate] = 3
		out = append(out, sp)
	}
	return out
}

// gap returns the text between token i-1 and token i (before the first
// token when i is 0).
func (s *fuScanner) gap(i int) string {
	if i == 0 {
		return s.text[:s.toks[0].Start]
	}
	return s.text[s.toks[i-1].End:s.toks[i].Start]
}

// raw returns token i as written.
func (s *fuScanner) raw(i int) string { return s.text[s.toks[i].Start:s.toks[i].End] }

// plainGap reports whether only white space separates token i from the
// one before.
func (s *fuScanner) plainGap(i int) bool { return strings.TrimSpace(s.gap(i)) == "" }

// sentenceStart reports whether token i opens a sentence, a quote or a
// clause, where a capital letter says nothing of a name. A full stop
// after a title's abbreviation ("Mr.") opens nothing.
func (s *fuScanner) sentenceStart(i int) bool {
	if i == 0 {
		return true
	}
	g := s.gap(i)
	if strings.ContainsAny(g, "!?¿¡:;\n“\"—(") {
		return true
	}
	return strings.Contains(g, ".") && !fuTitleAbbr[s.toks[i-1].Text]
}

// opensName reports whether token i can open a name: a capitalised word
// of two letters or more, outside a date, and, at a sentence's start, not
// an opener, a stop word or a word seen in lower case (acronyms aside).
func (s *fuScanner) opensName(i int) bool {
	t := s.toks[i]
	if !t.Upper || t.Number || s.inDate(t.Start) {
		return false
	}
	if utf8.RuneCountInString(s.raw(i)) < 2 {
		return false
	}
	if !s.sentenceStart(i) {
		return true
	}
	common := fuOpeners[t.Text] || lang.IsStop(lang.English, t.Text) || lang.IsStop(lang.Spanish, t.Text)
	return !common && !(s.book.lower[t.Text] && !isAcronym(s.raw(i)))
}

// runEnd returns the last token of the name opened at token i: the run
// extends over capitalised words joined by white space, and over up to
// three inner connectors ("of", "de la") followed by a capitalised word;
// an apostrophe or a date ends it.
func (s *fuScanner) runEnd(i int) int {
	j, last := i+1, i
	for j < len(s.toks) {
		if !s.plainGap(j) || strings.ContainsAny(s.gap(j), "'’") || s.inDate(s.toks[j].Start) {
			break
		}
		if s.toks[j].Upper && !s.toks[j].Number {
			last = j
			j++
			continue
		}
		k, ok := s.acrossConnectors(j)
		if !ok {
			break
		}
		j = k
	}
	return last
}

// acrossConnectors returns the index of the capitalised word that the
// connectors starting at token j lead to (at most three of them), and
// false when token j is no connector or they lead to no such word.
func (s *fuScanner) acrossConnectors(j int) (int, bool) {
	toks := s.toks
	if !fuConnectors[toks[j].Text] || j+1 >= len(toks) {
		return 0, false
	}
	k := j
	for k < len(toks) && k < j+3 && fuConnectors[toks[k].Text] && s.plainGap(k) {
		k++
	}
	if k < len(toks) && s.plainGap(k) && toks[k].Upper && !toks[k].Number && !s.inDate(toks[k].Start) {
		return k, true
	}
	return 0, false
}

// name returns the span of the capitalised run from token i to token
// last, titles dropped, with the evidence of its kind and gender; ok is
// false when the run names nothing: a demonym before a lower-case noun
// ("Ecuadorian police") or a title or a kind's word alone ("Police").
func (s *fuScanner) name(i, last int) (sp fuSpan, ok bool) {
	toks := s.toks
	first := i
	for k := i; k < last; k++ {
		if fuTitles[toks[k].Text] {
			first = k + 1 // a title marks a person and is not part of the name
		}
	}
	if fuIsDemonym(toks[last].Text) && last+1 < len(toks) && !toks[last+1].Upper && s.plainGap(last+1) {
		return fuSpan{}, false
	}
	if first == last && (fuTitles[toks[first].Text] || fuOrgWords[toks[first].Text] || fuPlaceWords[toks[first].Text]) {
		return fuSpan{}, false
	}
	sp = s.span(first, last)
	if first > i {
		sp.score[fuKindPerson] += 3
	}
	s.scoreShape(&sp, first, last)
	s.scoreBefore(&sp, first, last)
	s.scoreQuestion(&sp, first, last)
	s.scoreAfter(&sp, last)
	sp.gender = s.titleGender(i, first)
	if g := s.pronounAfter(last); g != 0 {
		sp.gender[g-1]++
	}
	sp.owner = last+1 < len(toks) && strings.ContainsAny(s.gap(last+1), "'’") || last+1 == len(toks) && strings.ContainsAny(s.text[toks[last].End:], "'’")
	return sp, true
}

// span returns the bare span of tokens first to last: its place, text,
// folded words and the initials of its capitalised words.
func (s *fuScanner) span(first, last int) fuSpan {
	words := make([]string, 0, last-first+1)
	var initials strings.Builder
	for k := first; k <= last; k++ {
		words = append(words, s.toks[k].Text)
		if s.toks[k].Upper && !fuConnectors[s.toks[k].Text] {
			r, _ := utf8.DecodeRuneInString(s.toks[k].Text)
			initials.WriteRune(r)
		}
	}
	sp := fuSpan{start: s.toks[first].Start, end: s.toks[last].End, words: words, initials: initials.String()}
	sp.text = s.text[sp.start:sp.end]
	return sp
}

// titleGender returns the gender evidence of the titles from the token
// before i up to (not including) first: a female or male title counts 2.
func (s *fuScanner) titleGender(i, first int) [2]float64 {
	var gender [2]float64
	for k := max(i-1, 0); k < first; k++ {
		switch {
		case fuFemaleTitles[s.toks[k].Text]:
			gender[1] += 2
		case fuMaleTitles[s.toks[k].Text]:
			gender[0] += 2
		}
	}
	return gender
}

// pronounAfter returns the gender (fuMale, fuFemale) of the first
// personal pronoun after token last, in its sentence or the next, within
// 30 tokens, which is most often the name's; 0 when there is none or
// another name comes first.
func (s *fuScanner) pronounAfter(last int) int {
	for k, sentences := last+1, 0; k < len(s.toks) && k <= last+30 && sentences < 2; k++ {
		if strings.ContainsAny(s.gap(k), ".!?") {
			sentences++
		}
		if k > last+1 && s.toks[k].Upper && !s.sentenceStart(k) {
			return 0
		}
		if g := fuPronGender[strings.ToLower(s.raw(k))]; g != 0 {
			return g
		}
	}
	return 0
}

// scoreShape adds the evidence of the name's own words from first to
// last: an organisation's or place's word, an acronym, or the shape of a
// person's name (several words, no connector, no other evidence).
func (s *fuScanner) scoreShape(sp *fuSpan, first, last int) {
	hasConn := false
	for k := first; k <= last; k++ {
		w := s.toks[k].Text
		switch {
		case fuOrgWords[w]:
			sp.score[fuKindOrg] += 3
		case fuPlaceWords[w]:
			sp.score[fuKindPlace] += 3
		case fuConnectors[w]:
			hasConn = true
		}
	}
	if first == last && isAcronym(s.raw(first)) {
		sp.score[fuKindOrg] += 3
	}
	if last > first && !hasConn && sp.score[fuKindOrg] == 0 && sp.score[fuKindPlace] == 0 {
		sp.score[fuKindPerson] += 0.5 // "Jorge Glas": a name's shape
	}
}

// scoreBefore adds the evidence of the words before the name (tokens
// first to last): a preposition of place, a place's or organisation's
// noun, an appositive ("the capital, Quito"); it also sets the name's
// determiner.
func (s *fuScanner) scoreBefore(sp *fuSpan, first, last int) {
	toks := s.toks
	if first > 0 && s.plainGap(first) {
		p := toks[first-1].Text
		pp := ""
		if first > 1 && s.plainGap(first-1) {
			pp = toks[first-2].Text
		}
		owner := last+1 < len(toks) && strings.ContainsAny(s.gap(last+1), "'’")
		switch {
		case (fuPlacePreps[p] || (p == "the" || p == "la" || p == "el") && fuPlacePreps[pp]) && !owner:
			// "in London", but not "at Ecuador's embassy": the
			// preposition governs what the name owns
			sp.score[fuKindPlace] += 1.5
		case p == "of" && fuPlaceNouns[pp] || p == "de" && fuPlaceNouns[pp] || fuPlaceNouns[p]:
			sp.score[fuKindPlace] += 3
		case fuOrgNouns[p]:
			sp.score[fuKindOrg] += 2
		}
		sp.det = s.determiner(first-1, sp.det)
	}
	if first > 1 && strings.TrimSpace(s.gap(first)) == "," && fuPlaceNouns[toks[first-1].Text] {
		sp.score[fuKindPlace] += 3 // "the capital, Quito"
	}
}

// scoreQuestion adds the evidence of a short question that ends on the
// name (tokens first to last): "Who is X" marks a person, "Where is X" a
// place.
func (s *fuScanner) scoreQuestion(sp *fuSpan, first, last int) {
	toks := s.toks
	if first > 0 && first <= 2 && last == len(toks)-1 {
		// "Who is X", "¿Quién es X", "Where is X", "¿Dónde está X"
		switch q := toks[0].Text; {
		case q == "who" || q == "quien":
			sp.score[fuKindPerson] += 2
		case q == "where" || q == "donde":
			sp.score[fuKindPlace] += 2
		}
	}
}

// determiner returns the article (folded: "The" is "the") at token k
// when it is one, and det otherwise.
func (s *fuScanner) determiner(k int, det string) string {
	switch p := s.toks[k].Text; p {
	case "the", "la", "el", "los", "las":
		return p
	}
	return det
}

// scoreAfter adds the evidence of the word after token last: a role
// after a comma ("Glas, a former vice president") marks a person, a verb
// of saying sets said.
func (s *fuScanner) scoreAfter(sp *fuSpan, last int) {
	if last+1 >= len(s.toks) {
		return
	}
	n := s.toks[last+1].Text
	g := strings.TrimSpace(s.gap(last + 1))
	switch {
	case g == "," && fuRoles[n]:
		sp.score[fuKindPerson] += 2
	case g == "" && fuSayVerbs[n], g == "," && fuSayVerbs[n]:
		sp.said = true
	}
}

func fuSortSpans(s []fuSpan) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].start < s[j-1].start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func fuFoldWords(s string) []string {
	var out []string
	for _, t := range lang.Tokenize(s) {
		out = append(out, t.Text)
	}
	return out
}

func fuIsDemonym(w string) bool {
	for _, suf := range []string{"ian", "ean", "can", "ran", "uan", "ese", "ish", "ench"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}
