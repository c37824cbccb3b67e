package answer

import (
	"regexp"
	"strings"
)

// shorthand spells out the abbreviations people type in chat ("how many ppl
// were hurt?", "¿xq cerraron la mina?") as the articles write them, so the
// words reach the corpus. Only forms that are no word of either language
// are listed.
var shorthand = map[string]string{
	"ppl": "people", "govt": "government", "gov't": "government", "dept": "department", "intl": "international",
	"natl": "national", "yrs": "years", "approx": "approximately", "xq": "por qué", "pq": "por qué",
	// contractions typed without their apostrophe
	"whats": "what is", "whos": "who is", "wheres": "where is", "hows": "how is", "whens": "when is",
	"didnt": "did not", "doesnt": "does not", "dont": "do not", "isnt": "is not", "wasnt": "was not",
	"werent": "were not", "arent": "are not", "hasnt": "has not", "havent": "have not", "hadnt": "had not",
	"couldnt": "could not", "wouldnt": "would not", "shouldnt": "should not",
}

// shorthandWord finds a chat abbreviation as a whole word.
var shorthandWord = regexp.MustCompile(`(?i)\b(ppl|govt|gov't|dept|intl|natl|yrs|approx|xq|pq|whats|whos|wheres|hows|whens|` +
	`didnt|doesnt|dont|isnt|wasnt|werent|arent|hasnt|havent|hadnt|couldnt|wouldnt|shouldnt)\b`)

// spelledOut returns q with its chat abbreviations spelled out (see
// shorthand) and a question word's "'d" as "did" ("why'd" → "why did"); the
// question shown stays as asked. A form in capitals is an acronym ("the PQ
// party"), not chat.
func spelledOut(q string) string {
	q = shorthandWord.ReplaceAllStringFunc(q, func(w string) string {
		if w == strings.ToUpper(w) {
			return w
		}
		return shorthand[strings.ToLower(w)]
	})
	return didContraction.ReplaceAllString(q, "$1 did")
}

// didContraction is a question word with "'d" for "did" ("why'd she
// quit?", "where'd they go?"), which would otherwise be one token that
// asks nothing. "Who'd" is left alone: it is as often "who would".
var didContraction = regexp.MustCompile(`(?i)\b(why|how|where|when|what)['’]d\b`)
