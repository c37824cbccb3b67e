package answer

import (
	"strings"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

// minTranslationWeight is the least lexicon weight at which a translation
// stands in for a word. Same-language synonyms are not used: on the scripted
// set they let more invented sentences through the word check than they
// saved paraphrases.
const minTranslationWeight = 0.8

func init() {
	relatedStems = func(from, to lang.Lang, stem string) []string {
		if from == to {
			return nil
		}
		var out []string
		for _, r := range lexicon.Translations(from, stem) {
			if r.Weight >= minTranslationWeight && !strings.Contains(r.Stem, " ") {
				out = append(out, r.Stem)
			}
		}
		return out
	}
}
