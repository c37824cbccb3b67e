package answer

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/footnote-bot/footnote/lang"
)

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

var (
	// fuWhatVerbRe matches "What did X approve?"; the verb is the first
	// lower-case content word after the auxiliary
	fuWhatVerbRe = regexp.MustCompile(`(?i)^[¿\s]*what\s+(?:did|does|do|has|have|had|will|would|could|can)\s+(.+)$`)
	// fuQueVerbRe matches "¿Qué aprobó X?": the verb follows "qué"
	fuQueVerbRe   = regexp.MustCompile(`(?i)^[¿\s]*(?:y\s+)?qu[eé]\s+(\pL+)\s`)
	fuObjectPreps = fuSet("for", "para", "por")
	fuArticles    = fuSet("a", "an", "the", "un", "una", "unos", "unas", "el", "la", "los", "las")
)

// fuThingAnswered finds what a "What did X approve?" question was answered
// with: the noun after the question's verb in the answer ("approved a
// resolution condemning…" → "the resolution"). nil when the question is no
// such question or the answer does not say it that way.
func fuThingAnswered(question, answer string) *fuEntity {
	var verb string
	if m := fuWhatVerbRe.FindStringSubmatch(question); m != nil {
		rest := m[1]
		for _, t := range lang.Tokenize(rest) {
			if !t.Upper && !t.Number && !lang.IsStop(lang.English, t.Text) {
				verb = rest[t.Start:t.End]
				break
			}
		}
		if verb == "" {
			return nil
		}
	} else if m := fuQueVerbRe.FindStringSubmatch(question); m != nil {
		verb = m[1]
	} else {
		return nil
	}
	qLang := lang.Detect(question, lang.English)
	aLang := lang.Detect(answer, qLang)
	want := lang.Stem(qLang, verb)
	toks := lang.Tokenize(answer)
	for i, t := range toks {
		if !lang.StemsMatch(lang.Stem(aLang, t.Text), want) {
			continue
		}
		// the object: past articles, dates and "for" ("aprobó el miércoles
		// una resolución", "asked for provisional measures"), up to two
		// lower-case content words, not a gerund ("a resolution condemning")
		var words []string
		var head string
		first, last := -1, -1
		for k := i + 1; k < len(toks) && k <= i+6 && len(words) < 2; k++ {
			w := toks[k]
			if strings.ContainsAny(answer[toks[k-1].End:w.Start], ",.;:!?") {
				break
			}
			if len(words) == 0 && (fuArticles[w.Text] || fuDateWords[w.Text] || fuObjectPreps[w.Text]) {
				continue
			}
			if w.Upper || w.Number || lang.IsStop(aLang, w.Text) || strings.HasSuffix(w.Text, "ing") {
				break
			}
			if first < 0 {
				first, head = w.Start, answer[w.Start:w.End]
			}
			last = w.End
			words = append(words, w.Text)
		}
		if len(words) == 0 {
			return nil
		}
		np := answer[first:last]
		text := "the " + np
		if qLang == lang.Spanish {
			text = fuSpanishArticle(head, strings.HasSuffix(head, "s")) + " " + np
		}
		return &fuEntity{text: text, det: map[lang.Lang]string{}}
	}
	return nil
}
