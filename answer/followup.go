package answer

import (
	"regexp"
	"strings"

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
//   - a short Spanish question that drops its subject ("¿Y cuándo lo
//     decidió?") gets the previous question's, and "When did that happen?"
//     the previous question's names in brackets;
//   - a question that names its own subject stands alone: it is returned as
//     it is, not glued to the past.
//
// Entities are read off the text of earlier questions and answers (names in
// capitals, acronyms and dates) and typed by how the text uses them: titles
// and verbs of saying make a person, place prepositions a place, words like
// Court or Ministry an organisation; pronouns after a name and gendered
// titles tell "he" from "she". A person is named by surname, as news
// reports do after the first mention. Earlier questions are themselves
// resolved first, so a chain of follow-ups keeps its subject. The function
// is pure and safe for concurrent use.
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
	// thing is what a "What did X approve?" was answered with ("a
	// resolution"), for an "it" that is no name
	thing *fuEntity
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
				c.exchanges[n-1].thing = fuThingAnswered(c.exchanges[n-1].question, text)
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
	fuAsOfText   = regexp.MustCompile(`^(?:As of|A fecha de) \d{4}-\d{2}-\d{2}:\s*`)
	fuGlossText  = regexp.MustCompile(`\]\s\([^()]* (?:was|fue el) [^()]*\d{4}\.\)`)
)

// fuCleanTurnText drops what footnote adds to an answer (citation markers, an
// "As of" prefix, a resolved date's gloss, small-print lines) so only the
// articles' words remain.
func fuCleanTurnText(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "-# ") {
			continue
		}
		keep = append(keep, line)
	}
	s = strings.Join(keep, "\n")
	s = fuGlossText.ReplaceAllString(s, "]") // the gloss follows a citation (see dateGloss)
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
	if out == q && len(fuFindReferences(q)) == 0 {
		out = c.dropSubject(q, prev)
	}
	return out
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
