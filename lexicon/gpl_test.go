//go:build lexicon_gpl

package lexicon_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lexicon"
)

// withGPL tells the tests whether this build carries the GPL file.
const withGPL = true

// TestGPLOverlay: with the GPL file, the links only the dictionaries make
// are laid over the plain synonym tables.
func TestGPLOverlay(t *testing.T) {
	for _, tt := range gplOnly {
		if _, ok := contains(lexicon.Synonyms(tt.l, stem(tt.l, tt.word)), stem(tt.l, tt.rel)); !ok {
			t.Errorf("Synonyms(%s, %q) lacks %q with the GPL file", tt.l, tt.word, tt.rel)
		}
	}
}
