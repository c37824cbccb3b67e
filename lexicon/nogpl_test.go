//go:build lexicon_nogpl

package lexicon_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

const withGPL = false

// TestNoGPL: without the GPL table, translations are nil and synonyms work.
func TestNoGPL(t *testing.T) {
	if got := lexicon.Translations(lang.English, "embassi"); got != nil {
		t.Errorf("Translations = %v in a lexicon_nogpl build, want nil", got)
	}
	if got := lexicon.Synonyms(lang.English, "shout"); got == nil {
		t.Error("Synonyms = nil in a lexicon_nogpl build")
	}
}
