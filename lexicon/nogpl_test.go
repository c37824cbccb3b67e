//go:build !lexicon_gpl

package lexicon_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

const withGPL = false

// TestNoGPL: in the default build translations are nil, synonyms work, and
// no link the GPL dictionaries alone make is there: the plain tables are
// drawn from WordNet and the thesaurus only.
func TestNoGPL(t *testing.T) {
	if got := lexicon.Translations(lang.English, "embassi"); got != nil {
		t.Errorf("Translations = %v in the default build, want nil", got)
	}
	if got := lexicon.Synonyms(lang.English, "shout"); got == nil {
		t.Error("Synonyms = nil in the default build")
	}
	for _, tt := range gplOnly {
		if w, ok := contains(lexicon.Synonyms(tt.l, stem(tt.l, tt.word)), stem(tt.l, tt.rel)); ok {
			t.Errorf("Synonyms(%s, %q) has %q (%.2f) in the default build: a link only the GPL dictionaries make", tt.l, tt.word, tt.rel, w)
		}
	}
}
