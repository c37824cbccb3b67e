package retrieval

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

// A phrasal verb brings the phrase's related words, not the bare verb's:
// "step down" reaches "resigned", which "step" alone does not.
func TestPhrasalVerbReachesItsSynonym(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"en.md": `---
title: Port minister resigns
language: en
---

The port minister resigned on Tuesday after the spill.

The union took a step towards a deal at the gate.
`})
	resign := lang.Stem(lang.English, "resigned")
	if !reaches(ix, "why did the port minister step down", resign) {
		t.Errorf("'step down' does not reach %q", resign)
	}
	if reaches(ix, "why did the port minister step forward", resign) {
		t.Errorf("'step' alone reaches %q", resign)
	}
}

// A light verb that is a stop word ("get", "went") heads a phrasal verb
// too: "get into" reaches "entered"; "get" alone reaches nothing.
func TestLightPhrasalVerbReachesItsSynonym(t *testing.T) {
	ix := relatedIndex(t, map[string]string{"en.md": "---\ntitle: Depot theft\nlanguage: en\n---\n\nThe thieves entered the depot through a broken gate.\n\nThey got the keys from a guard.\n"})
	enter := lang.Stem(lang.English, "entered")
	if !reaches(ix, "how did the thieves get into the depot", enter) {
		t.Errorf("'get into' does not reach %q", enter)
	}
	if reaches(ix, "did the thieves get the keys", enter) {
		t.Errorf("'get' alone reaches %q", enter)
	}
}

// reaches reports whether a word of question q has stem among its related
// forms.
func reaches(ix *Index, q, stem string) bool {
	for _, w := range ix.Analyse(q).Words {
		for _, a := range w.Related {
			if a.Stem == stem {
				return true
			}
		}
	}
	return false
}
