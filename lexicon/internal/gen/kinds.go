package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// WordNet's lexicographer files that name a kind of thing an answer can
// be asked for.
const (
	lexAttribute = 7  // noun.attribute: magnitude, height, level, age
	lexGroup     = 14 // noun.group: bodies, organisations
	lexLocation  = 15 // noun.location: countries, cities, regions
	lexObject    = 17 // noun.object: continents, rivers, mountains among them
	lexPerson    = 18 // noun.person: people and the roles they hold
	lexTime      = 28 // noun.time
)

// kindOf maps a lexicographer file to the letter lexicon.Kind reads.
var kindOf = map[int]byte{lexAttribute: 'A', lexGroup: 'G', lexLocation: 'L', lexPerson: 'P', lexTime: 'T'}

// kinds returns what kind of thing each English noun names, by its most
// frequent sense ("official" a person, "delegation" a group, "country" a
// place since its second sense is one). Two exceptions are for names: a
// name WordNet gives as a place (a location, or a natural object such as a
// continent), never as a person and never in lower case, is a place
// whatever its first sense; and an adjective that pertains to a place
// ("Mexican", "South American") is a demonym, 'D'. Keys are folded
// lemmas, words joined by spaces.
func (wn *wordnet) kinds() map[string]byte {
	out := map[string]byte{}
	placeName, personName := wn.properNames()
	wn.nounKinds(out, placeName, personName)
	wn.demonyms(out, placeName)
	return out
}

// properWord reports whether the synset writes the lemma as a name.
func (ss *wnSynset) properWord(lemma string) bool {
	for j, w := range ss.words {
		if w == lemma && ss.proper[j] {
			return true
		}
	}
	return false
}

// properNames returns the names WordNet gives as places (a location or a
// natural object such as a continent) and as people, leaving out those it
// also has as common nouns ("man", "union"): folded, the two would share
// a key.
func (wn *wordnet) properNames() (place, person map[string]bool) {
	place, person = map[string]bool{}, map[string]bool{}
	common := map[string]bool{} // lemmas WordNet also writes in lower case
	for k, ss := range wn.synsets {
		for j, w := range ss.words {
			if k.pos == 'n' && !ss.proper[j] {
				common[w] = true
			}
		}
	}
	for _, ss := range wn.synsets {
		for j, w := range ss.words {
			// "man" is a common noun before it is the Isle of Man
			if !ss.proper[j] || common[w] {
				continue
			}
			switch ss.lexFile {
			case lexLocation, lexObject:
				place[w] = true
			case lexPerson:
				person[w] = true
			}
		}
	}
	return place, person
}

// nounKinds records each noun's kind by its first sense; a group noun
// whose second sense is a place ("country") is a place, and so is a name
// given as a place and never as a person.
func (wn *wordnet) nounKinds(out map[string]byte, placeName, personName map[string]bool) {
	for _, ix := range wn.index {
		if ix.pos != 'n' || len(ix.offsets) == 0 {
			continue
		}
		ss := wn.synsets[wnKey{'n', ix.offsets[0]}]
		if ss == nil {
			continue
		}
		if k, ok := kindOf[ss.lexFile]; ok {
			out[kindKey(ix.lemma)] = k
		}
		if ss.lexFile == lexGroup && len(ix.offsets) > 1 {
			// not "union", whose second sense is the proper Union
			if s2 := wn.synsets[wnKey{'n', ix.offsets[1]}]; s2 != nil && s2.lexFile == lexLocation && !s2.properWord(ix.lemma) {
				out[kindKey(ix.lemma)] = 'L'
			}
		}
		if placeName[ix.lemma] && !personName[ix.lemma] {
			out[kindKey(ix.lemma)] = 'L'
		}
	}
}

// demonyms records as 'D' the adjectives that pertain to a place.
func (wn *wordnet) demonyms(out map[string]byte, placeName map[string]bool) {
	for k, ss := range wn.synsets {
		if k.pos != 'a' {
			continue
		}
		for _, p := range ss.ptrs {
			to := wn.synsets[p.to]
			if p.sym != `\` || to == nil || p.src == 0 || p.src > len(ss.words) || p.dst == 0 || p.dst > len(to.words) {
				continue
			}
			if placeName[to.words[p.dst-1]] || to.lexFile == lexLocation {
				out[kindKey(ss.words[p.src-1])] = 'D'
			}
		}
	}
}

// kindKey folds a WordNet lemma as footnote's tokens are folded, with
// spaces between its words.
func kindKey(lemma string) string {
	return lang.Fold(strings.NewReplacer("_", " ", "-", " ").Replace(lemma))
}

// writeKinds writes the kinds as sorted "lemma\tK" lines, gzipped
// deterministically, and returns the file's size.
func writeKinds(path string, kinds map[string]byte) (int, error) {
	keys := make([]string, 0, len(kinds))
	for k := range kinds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	for _, k := range keys {
		if _, err := fmt.Fprintf(zw, "%s\t%c\n", k, kinds[k]); err != nil {
			return 0, err
		}
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return buf.Len(), os.WriteFile(path, buf.Bytes(), 0o644)
}
