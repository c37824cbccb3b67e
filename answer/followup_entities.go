package answer

import (
	"regexp"
	"strings"
	"unicode"
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
		e := b.find(s.words, s.initials)
		if e == nil {
			e = &fuEntity{text: s.text, det: map[lang.Lang]string{}}
			b.ents = append(b.ents, e)
		}
		b.merge(e, s)
	}
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
		e := b.find(s.words, s.initials)
		if e == nil {
			e = &fuEntity{text: s.text, det: map[lang.Lang]string{}}
			b.ents = append(b.ents, e)
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
	fuMonthsEN  = `january|february|march|april|may|june|july|august|september|october|november|december`
	fuMonthsES  = `enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre`
	fuDaysEN    = `monday|tuesday|wednesday|thursday|friday|saturday|sunday`
	fuDaysES    = `lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo`
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

func (b *fuEntityBook) scan(text string) []fuSpan {
	var out []fuSpan
	toks := lang.Tokenize(text)
	// the date pattern is costly: it runs only around the words a date
	// has (a month, a weekday, a number), on the few words either side
	var dates [][]int
	covered := 0
	for i, t := range toks {
		if !(t.Number || fuDateWords[t.Text]) || t.Start < covered {
			continue
		}
		from, to := toks[max(i-2, 0)].Start, toks[min(i+4, len(toks)-1)].End
		if from < covered {
			from = covered
		}
		for _, m := range fuDateRe.FindAllStringIndex(text[from:to], -1) {
			dates = append(dates, []int{m[0] + from, m[1] + from})
			covered = m[1] + from
		}
	}
	inDate := func(start int) bool {
		for _, d := range dates {
			if start >= d[0] && start < d[1] {
				return true
			}
		}
		return false
	}
	for _, d := range dates {
		s := text[d[0]:d[1]]
		// "May" is a month and a verb: only with a number next to it
		if f := lang.Fold(s); (f == "may" || f == "mayo") && !strings.ContainsAny(text[max(0, d[0]-4):min(len(text), d[1]+4)], "0123456789") {
			continue
		}
		sp := fuSpan{start: d[0], end: d[1], text: s, words: fuFoldWords(s), kindHint: fuKindDate}
		sp.score[fuKindDate] = 3
		out = append(out, sp)
	}
	gap := func(i int) string { // the text between token i-1 and token i
		if i == 0 {
			return text[:toks[0].Start]
		}
		return text[toks[i-1].End:toks[i].Start]
	}
	raw := func(i int) string { return text[toks[i].Start:toks[i].End] }
	sentenceStart := func(i int) bool {
		if i == 0 {
			return true
		}
		g := gap(i)
		if strings.ContainsAny(g, "!?¿¡:;\n“\"—(") {
			return true
		}
		return strings.Contains(g, ".") && !fuTitleAbbr[toks[i-1].Text]
	}
	plainGap := func(i int) bool { return strings.TrimSpace(gap(i)) == "" }
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.Upper || t.Number || inDate(t.Start) {
			continue
		}
		if utf8.RuneCountInString(raw(i)) < 2 {
			continue
		}
		if sentenceStart(i) && (fuOpeners[t.Text] || lang.IsStop(lang.English, t.Text) || lang.IsStop(lang.Spanish, t.Text) || b.lower[t.Text] && !fuIsAcronym(raw(i))) {
			continue
		}
		// extend the run over capitalised words and inner connectors
		j := i + 1
		last := i
		for j < len(toks) {
			if !plainGap(j) || strings.ContainsAny(gap(j), "'’") || inDate(toks[j].Start) {
				break
			}
			if toks[j].Upper && !toks[j].Number {
				last = j
				j++
				continue
			}
			if fuConnectors[toks[j].Text] && j+1 < len(toks) {
				k := j
				for k < len(toks) && k < j+3 && fuConnectors[toks[k].Text] && plainGap(k) {
					k++
				}
				if k < len(toks) && plainGap(k) && toks[k].Upper && !toks[k].Number && !inDate(toks[k].Start) {
					j = k
					continue
				}
			}
			break
		}
		first := i
		// a title inside the run marks a person and is not part of the name
		var score [5]float64
		for k := i; k < last; k++ {
			if fuTitles[toks[k].Text] {
				first = k + 1
			}
		}
		if first > i {
			score[fuKindPerson] += 3
		}
		var gender [2]float64
		for k := max(i-1, 0); k < first; k++ {
			switch {
			case fuFemaleTitles[toks[k].Text]:
				gender[1] += 2
			case fuMaleTitles[toks[k].Text]:
				gender[0] += 2
			}
		}
		// the first personal pronoun after the name, in its sentence or
		// the next, is most often the name's
		for k, sentences := last+1, 0; k < len(toks) && k <= last+30 && sentences < 2; k++ {
			if strings.ContainsAny(gap(k), ".!?") {
				sentences++
			}
			if k > last+1 && toks[k].Upper && !sentenceStart(k) {
				break // another name comes first
			}
			if g := fuPronGender[strings.ToLower(raw(k))]; g != 0 {
				gender[g-1]++
				break
			}
		}
		// a demonym before a lower-case noun ("Ecuadorian police", "Latin
		// American studies") is no name
		if fuIsDemonym(toks[last].Text) && last+1 < len(toks) && !toks[last+1].Upper && plainGap(last+1) {
			i = last
			continue
		}
		if first == last && (fuTitles[toks[first].Text] || fuOrgWords[toks[first].Text] || fuPlaceWords[toks[first].Text]) {
			// a title or a kind's word alone ("Police", "Court") names nothing
			i = last
			continue
		}
		words := make([]string, 0, last-first+1)
		var initials strings.Builder
		for k := first; k <= last; k++ {
			words = append(words, toks[k].Text)
			if toks[k].Upper && !fuConnectors[toks[k].Text] {
				r, _ := utf8.DecodeRuneInString(toks[k].Text)
				initials.WriteRune(r)
			}
		}
		sp := fuSpan{start: toks[first].Start, end: toks[last].End, words: words, initials: initials.String()}
		sp.text = text[sp.start:sp.end]
		// evidence from the name itself
		acronym := first == last && fuIsAcronym(raw(first))
		hasConn := false
		for k := first; k <= last; k++ {
			w := toks[k].Text
			switch {
			case fuOrgWords[w]:
				score[fuKindOrg] += 3
			case fuPlaceWords[w]:
				score[fuKindPlace] += 3
			case fuConnectors[w]:
				hasConn = true
			}
		}
		if acronym {
			score[fuKindOrg] += 3
		}
		if last > first && !hasConn && score[fuKindOrg] == 0 && score[fuKindPlace] == 0 {
			score[fuKindPerson] += 0.5 // "Jorge Glas": a name's shape
		}
		// evidence from what comes before
		if first > 0 && plainGap(first) {
			p := toks[first-1].Text
			pp := ""
			if first > 1 && plainGap(first-1) {
				pp = toks[first-2].Text
			}
			owner := last+1 < len(toks) && strings.ContainsAny(gap(last+1), "'’")
			switch {
			case (fuPlacePreps[p] || (p == "the" || p == "la" || p == "el") && fuPlacePreps[pp]) && !owner:
				// "in London", but not "at Ecuador's embassy": the
				// preposition governs what the name owns
				score[fuKindPlace] += 1.5
			case p == "of" && fuPlaceNouns[pp] || p == "de" && fuPlaceNouns[pp] || fuPlaceNouns[p]:
				score[fuKindPlace] += 3
			case fuOrgNouns[p]:
				score[fuKindOrg] += 2
			}
			if p == "the" || p == "la" || p == "el" || p == "los" || p == "las" {
				if !sentenceStart(first-1) || p != "the" {
					sp.det = p
				} else {
					sp.det = "the"
				}
			}
		}
		if first > 1 && strings.TrimSpace(gap(first)) == "," && fuPlaceNouns[toks[first-1].Text] {
			score[fuKindPlace] += 3 // "the capital, Quito"
		}
		if first > 0 && first <= 2 && last == len(toks)-1 {
			// "Who is X", "¿Quién es X", "Where is X", "¿Dónde está X"
			q := toks[0].Text
			switch {
			case q == "who" || q == "quien":
				score[fuKindPerson] += 2
			case q == "where" || q == "donde":
				score[fuKindPlace] += 2
			}
		}
		// evidence from what comes after
		if last+1 < len(toks) {
			n := toks[last+1].Text
			g := strings.TrimSpace(gap(last + 1))
			switch {
			case g == "," && fuRoles[n]:
				score[fuKindPerson] += 2
			case g == "" && fuSayVerbs[n], g == "," && fuSayVerbs[n]:
				sp.said = true
			}
		}
		sp.score = score
		sp.gender = gender
		sp.owner = last+1 < len(toks) && strings.ContainsAny(gap(last+1), "'’") || last+1 == len(toks) && strings.ContainsAny(text[toks[last].End:], "'’")
		out = append(out, sp)
		i = last
	}
	fuSortSpans(out)
	return out
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

func fuIsAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 6
}

func fuIsDemonym(w string) bool {
	for _, suf := range []string{"ian", "ean", "can", "ran", "uan", "ese", "ish", "ench"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}
