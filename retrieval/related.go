package retrieval

import (
	"sort"
	"strings"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

// Alt is another form of a question word that the corpus uses: a word of
// the same meaning, or the other language's word for it.
type Alt struct {
	// Stem is the form's stem as the index spells it.
	Stem string
	// Weight in (0, 1] is how much a match on it counts against a match on
	// the asker's own word.
	Weight float64
	// IDF is the stem's BM25 inverse document frequency.
	IDF float64
	// Lang is the language the form is a word of ("" for either, as
	// initials are): a translation matches only text in that language,
	// though the other may spell a word of its own the same way
	// ("agentes" and "agents" are both "agent").
	Lang lang.Lang
}

// Weights of the kinds of alternative forms: the asker's own words always
// count most.
const (
	glossaryWeight    = 0.9  // the bilingual news glossary
	vocabularyWeight  = 0.6  // the general news vocabulary: senses unsorted
	minVocabularyStem = 4    // shorter Spanish stems of translations are not used (shortSpanish)
	translationWeight = 0.8  // times the dictionary's own weight
	synonymWeight     = 0.7  // times the thesaurus's own weight
	minLexiconWeight  = 0.45 // thesaurus and dictionary links weaker than this are noise
	minUnknownLink    = 0.25 // but for a word no article uses, the weakest link kept
	twoStepMin        = 0.65 // the second step of a translation keeps only close links
	familyWeight      = 0.7  // a derived form sharing the word's root (see bm25.family)
)

// shortSpanish reports whether a translation's stem in language l is a
// Spanish one too short to tell words apart ("redada" and "redes" are both
// "red", "casa" and "caso" nearly so): the vocabulary's and the
// dictionaries' senses are not sorted enough to risk it; the event
// glossary's are.
func shortSpanish(l lang.Lang, stem string) bool {
	return l == lang.Spanish && len(stem) < minVocabularyStem
}

// translate adds to a word's related forms, through add, its forms in
// the corpus's other language: the glossary's, the general vocabulary's,
// the bilingual dictionary's and, for a word no article uses (unused), a
// second step through the other language's thesaurus. add must tag what
// it is given as the other language's (related sets its language first).
func translate(qLang lang.Lang, word, entry string, unused bool, add func(stem string, w float64)) {
	other := qLang.Other()
	core, gen := lang.Translations(qLang, lang.Fold(word))
	for _, w := range core {
		add(lang.Stem(other, w), glossaryWeight)
	}
	for _, w := range gen {
		if st := lang.Stem(other, w); !shortSpanish(other, st) {
			add(st, vocabularyWeight)
		}
	}
	for _, r := range lexicon.Translations(qLang, entry) {
		if float64(r.Weight) < minLexiconWeight || shortSpanish(other, r.Stem) {
			continue
		}
		w := translationWeight * float64(r.Weight)
		add(r.Stem, w)
		if !unused {
			continue
		}
		// for a word no article uses, a second step through the other
		// language's thesaurus reaches what it relates the word to:
		// "ecuatoriano" → "ecuadorian" → "ecuador", a name both languages
		// share
		for _, r2 := range lexicon.Synonyms(other, r.Stem) {
			if float64(r2.Weight) >= twoStepMin {
				add(r2.Stem, w*synonymWeight*float64(r2.Weight))
			}
		}
	}
}

// sameRoot reports whether stem b begins as stem a does, but for a's last
// letter or from its fifth on: "fly" and "flight", "transport" and
// "transportation", not "transport" and "facility".
func sameRoot(a, b string) bool {
	n := min(4, len(a)-1)
	return n >= 2 && len(b) >= n && a[:n] == b[:n]
}

// Related returns the forms of a question word (as written, lang.Term.Word,
// or folded; see Term), other than its own stem, that the corpus uses:
// related words of the question's language (WordNet, the Spanish
// thesaurus) and translations into the corpus's other language (the
// glossary, the general vocabulary, the bilingual dictionary), best first,
// one entry per stem and language (a translation is tagged with its
// language; see Alt.Lang).
func (ix *Index) Related(qLang lang.Lang, word string) []Alt {
	return ix.related(qLang, word, lang.Stem(qLang, word))
}

// related is Related for the lexicon entry entry: the word's own stem, or a
// phrasal verb's stems ("kick out" for "kicked ... out", see lexicon.Phrasals).
// word is the word as written, or the phrase ("kicked out"), for the
// glossary; for a phrase, the verb's own stem is left out of the related
// words and its derived forms are still added.
func (ix *Index) related(qLang lang.Lang, word, entry string) []Alt {
	own := lang.Stem(qLang, word)
	if i := strings.IndexByte(word, ' '); i > 0 {
		own = lang.Stem(qLang, word[:i])
	}
	type key struct {
		stem string
		l    lang.Lang
	}
	best := map[key]float64{}
	l := qLang
	add := func(stem string, w float64) {
		if stem == own && l == qLang || strings.Contains(stem, " ") || len(stem) < 3 || ix.lex.postings[stem] == nil {
			return
		}
		k := key{stem, l}
		best[k] = max(best[k], w)
	}
	unused := ix.lex.postings[own] == nil
	for _, r := range lexicon.Synonyms(qLang, entry) {
		// a word no article uses reaches further, to a weaker link that
		// looks like a form of it (a later sense's derived form, "fly" →
		// "flight"): its only way in
		if w := float64(r.Weight); w >= minLexiconWeight || unused && w >= minUnknownLink && sameRoot(own, r.Stem) {
			add(r.Stem, synonymWeight*w)
		}
	}
	// the word's derived forms the stemmer keeps apart ("preside" and
	// "presidenta", "detenida" and "detención")
	for _, st := range ix.lex.family(own) {
		add(st, familyWeight)
	}
	if other := qLang.Other(); ix.lex.langs[other] {
		l = other
		translate(qLang, word, entry, unused, add)
	}
	out := make([]Alt, 0, len(best))
	for k, w := range best {
		out = append(out, Alt{Stem: k.stem, Weight: w, IDF: ix.lex.idf(k.stem), Lang: k.l})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		if out[i].Stem != out[j].Stem {
			return out[i].Stem < out[j].Stem
		}
		return out[i].Lang < out[j].Lang
	})
	return out
}
