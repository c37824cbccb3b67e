package lexicon

import (
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// An English phrasal verb means something its verb alone does not: "step
// down" is resign, "call off" is cancel, "kick a country out" is expel.
// The lexicon keys such verbs by their stems ("kick out"); Phrasals finds
// them in a text, so that a question's verb is searched by the phrase's
// related words, not the bare verb's ("step" → "pace"), and a sentence's
// "stepping down" answers "why did she quit?".

// separable are the particles that may stand after the verb's object
// ("kick a country out", "turn the offer down"); the rest of particles
// only directly after the verb ("step in", "look into").
var separable = map[string]bool{
	"out": true, "up": true, "down": true, "off": true, "over": true, "away": true, "back": true,
}

var particles = map[string]bool{
	"out": true, "up": true, "down": true, "off": true, "over": true, "away": true, "back": true,
	"in": true, "on": true, "into": true, "through": true, "around": true, "aside": true,
}

// lightVerbs are stop words that head phrasal verbs ("get into", "went
// up", "take over"), with lightParticles only: "go on Monday" and "what
// did they do in the capital" hold no phrasal verb.
var (
	lightVerbs = map[string]bool{
		"get": true, "gets": true, "got": true, "gotten": true, "getting": true,
		"go": true, "goes": true, "went": true, "gone": true, "going": true,
		"come": true, "comes": true, "came": true, "coming": true,
		"take": true, "takes": true, "took": true, "taken": true, "taking": true,
		"give": true, "gives": true, "gave": true, "given": true, "giving": true,
		"put": true, "puts": true, "putting": true,
	}
	lightParticles = map[string]bool{
		"into": true, "out": true, "up": true, "down": true, "off": true, "back": true, "over": true, "away": true, "through": true,
	}
)

// maxObject is the most words between a verb and its separable particle.
const maxObject = 3

// Phrasal is a phrasal verb in a text: as written ("kicked out") and its
// lexicon key, its words' stems ("kick out"; see Synonyms).
type Phrasal struct {
	Written, Key string
}

// Phrasals returns, for each English term that is the verb of a phrasal
// verb the lexicon knows, that phrasal verb, by the term's index. A
// particle goes with the nearest content word before it that makes a
// known phrase with it, within maxObject words and with no punctuation
// between ("why did the strike that shut down the port": "shut down", not
// "strike down"). s is the text the terms were read from (lang.Terms).
// Nil for other languages, and when the data failed to load.
func Phrasals(l lang.Lang, s string, terms []lang.Term) map[int]Phrasal {
	if l != lang.English {
		return nil
	}
	var out map[int]Phrasal
	for j, p := range terms {
		if !particles[p.Text] {
			continue
		}
		reach := 1
		if separable[p.Text] {
			reach = maxObject + 1
		}
		for i := j - 1; i >= 0 && j-i <= reach; i-- {
			if !plainGap(s[terms[i].End:terms[i+1].Start]) {
				break
			}
			v := terms[i]
			if v.Stop && !(lightVerbs[v.Text] && lightParticles[p.Text]) || v.Number || particles[v.Text] || len(v.Text) < 2 {
				continue
			}
			key := v.Stem + " " + p.Text
			if len(Synonyms(l, key)) == 0 && len(Translations(l, key)) == 0 {
				continue
			}
			if out == nil {
				out = map[int]Phrasal{}
			}
			out[i] = Phrasal{Written: v.Word + " " + p.Text, Key: key}
			break
		}
	}
	return out
}

// plainGap reports whether the text between two words is only spaces or
// a possessive's "'s" (which the tokeniser leaves out) or apostrophe: no
// punctuation that ends a clause.
func plainGap(gap string) bool {
	gap = strings.TrimPrefix(strings.TrimPrefix(gap, "'s"), "’s")
	return strings.Trim(gap, " \t'’") == ""
}
