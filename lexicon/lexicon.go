package lexicon

import (
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon/internal/table"
)

// Rel is a related word for matching: Stem is lang.Stem of the related lemma
// in its language (folded: lower case, no accents); a multi-word lemma is its
// words' stems joined by one space ("kick out" -> "kick out"). Weight in
// (0,1]: how safely it stands in for the query word (same synset, first
// senses ≈ 0.8–1; derivational/pertainym links such as mexican→mexico ≈ 0.7;
// hypernym one level ≈ 0.4; translations by sense rank).
type Rel struct {
	Stem   string
	Weight float32
}

// Synonyms returns words of the same language related to the word whose stem
// is stem (as lang.Terms gives it, or lang.Stem of the word as written, or a
// multi-word lemma's stems), best first, without stem itself, at most
// MaxRels. They are single words: a multi-word lemma is a key ("kick out"
// → "expel") but never a related word, since text is matched word by word,
// and phrases would take the places of words ("fly sheet" of "flight"). Nil for unknown stems, for a language other than
// English or Spanish, and when the data failed to load (see Load). Safe for
// concurrent use; the data loads on first use.
func Synonyms(l lang.Lang, stem string) []Rel {
	return lookup(l, l, stem)
}

// Translations returns stems in l.Other() for the word whose stem (in l) is
// stem, best first, at most MaxRels. Nil as for Synonyms, and always nil in
// the default build: the translations are GPL data, embedded only with the
// build tag lexicon_gpl.
func Translations(l lang.Lang, stem string) []Rel {
	if l != lang.English && l != lang.Spanish {
		return nil
	}
	return lookup(l, l.Other(), stem)
}

// MaxRels is the most related words a lookup returns.
const MaxRels = 24

func lookup(from, to lang.Lang, stem string) []Rel {
	d := load()
	if d == nil {
		return nil
	}
	es := d.lookup(from, to, stem)
	if len(es) == 0 {
		return nil
	}
	out := make([]Rel, len(es))
	for i, e := range es {
		out[i] = Rel{Stem: e.Target, Weight: float32(e.Weight) / table.MaxWeight}
	}
	return out
}
