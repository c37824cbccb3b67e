package answer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
)

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
	fuBareWhRe = regexp.MustCompile(`(?i)^(?:and|but|y|pero)?\s*(why not|por qué no|por que no|since when|until when|by whom|with whom|for how long|from where|desde cuándo|desde cuando|hasta cuándo|hasta cuando|por quién|por quien|con quién|con quien|de dónde|de donde|para qué|how many|how much|how long|what time|why|where|when|who|how|por qué|por que|dónde|donde|cuándo|cuando|quién|quien|cómo|como|cuántos|cuántas|cuantos|cuantas|a qué hora)$`)
	// fuLeadWhRe is the question word a question opens with.
	fuLeadWhRe = regexp.MustCompile(`(?i)^(¿?)(since when|until when|by whom|with whom|for how long|from where|desde cuándo|desde cuando|hasta cuándo|hasta cuando|por quién|por quien|con quién|con quien|de dónde|de donde|para qué|how many|how much|how long|what time|why|where|when|who|whom|what|which|how|por qué|por que|dónde|donde|cuándo|cuando|quién|quien|qué|que|cuál|cual|cómo|como|cuántos|cuántas|cuantos|cuantas|a qué hora)(?:[\s?¿!,.;:]|$)`)
	// fuDeterminerWh ask about a noun ("how many years"): another question
	// word cannot take their place alone
	fuDeterminerWh = map[string]bool{"how many": true, "how much": true, "which": true, "cuántos": true, "cuántas": true, "cuantos": true, "cuantas": true}
	fuAuxRe        = regexp.MustCompile(`(?i)^(¿?)(did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b`)
	fuAboutRe      = regexp.MustCompile(`(?i)\b(about|regarding|on|sobre|acerca de|respecto a|respecto de)\s+([^?]+)(\?*)$`)
	fuLeadWords    = fuSet("the", "a", "an", "in", "on", "at", "from", "to", "of", "during", "el", "la", "los", "las", "en", "desde", "de", "del", "al", "durante", "hasta")
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
	p := prev.question
	xm := c.book.locate(x)
	var xe *fuEntity
	if len(xm) > 0 {
		xe = xm[0].ent
	}
	if xe != nil {
		if old := c.replaceable(p, xe); old != nil {
			// "¿Y en Guayaquil?" after "¿Qué pasó en Quito?", "And on
			// Friday?" after "What happened on Thursday?": the old name's
			// article or preposition stays, the new one's goes
			if before, _ := fuWordsBefore(p, old.start); fuLeadWords[before] {
				if toks := lang.Tokenize(x); len(toks) > 1 && fuLeadWords[toks[0].Text] {
					x = strings.TrimSpace(x[toks[1].Start:])
				}
			}
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
	if lw := strings.ToLower(wh); strings.HasSuffix(lw, " not") || strings.HasSuffix(lw, " no") {
		return fuBothQuestions(p, wh) // "Why not?" negates no verb of its own
	}
	if m := fuLeadWhRe.FindStringSubmatchIndex(p); m != nil && !fuDeterminerWh[strings.ToLower(p[m[4]:m[5]])] && !fuAsksNoun(p, m[5]) && !fuNeedsDo(p, m[5], wh) {
		return p[:m[3]] + fuUpperFirst(wh) + p[m[5]:]
	}
	if m := fuAuxRe.FindStringSubmatchIndex(p); m != nil {
		r, n := utf8.DecodeRuneInString(p[m[4]:])
		return p[:m[3]] + fuUpperFirst(wh) + " " + string(unicode.ToLower(r)) + p[m[4]+n:]
	}
	return fuBothQuestions(p, wh)
}

// fuBothQuestions asks the bare question word before the previous question:
// "Why? Who refused to move Glas?".
func fuBothQuestions(p, wh string) string {
	open := ""
	if strings.HasPrefix(p, "¿") {
		open = "¿"
	}
	return open + fuUpperFirst(wh) + "? " + p
}

// fuAsksNoun reports whether the question word before offset after asks
// for a noun ("¿Qué país…?", "What court…?"): it cannot be swapped alone.
func fuAsksNoun(p string, after int) bool {
	toks := lang.Tokenize(p[after:])
	if len(toks) == 0 {
		return false
	}
	w := strings.TrimSuffix(toks[0].Text, "s")
	_, ok := fuKindNouns[w]
	_, okPlural := fuKindNouns[toks[0].Text]
	return ok || okPlural || w == "countrie" || w == "paise"
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
