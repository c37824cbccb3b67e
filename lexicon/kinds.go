package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/footnote-bot/footnote/lang"
)

//go:embed data/wordnet-kinds.txt.gz
var kindsData []byte

// Kind is what kind of thing an English noun or name names, by WordNet's
// lexicographer files.
type Kind byte

// The kinds. KindDemonym is an adjective of a place ("Mexican", "South
// American"); the others are nouns.
const (
	KindNone    Kind = 0
	KindPerson  Kind = 'P' // "official", "lawyer"
	KindPlace   Kind = 'L' // "Ecuador", "Costa Rica", "country", "city"
	KindGroup   Kind = 'G' // "delegation", "court", "party"
	KindTime    Kind = 'T' // "week", "morning"
	KindDemonym Kind = 'D' // "Mexican", "Latin American"
	// KindAttribute is a property something has: "magnitude", "height",
	// "level", "age".
	KindAttribute Kind = 'A'
)

// KindOf returns the kind of the English word or name phrase (words
// separated by single spaces, any case and accents), or KindNone for one
// WordNet does not give as a person, place, group, time, attribute or
// demonym. A common noun is of the kind of its most frequent sense
// ("country" a place as its second sense is); a name WordNet gives as a
// place, never as a person and never in lower case, is a place. The table
// is decoded on first use (Load reports a decoding error); KindOf is safe
// for concurrent use.
func KindOf(phrase string) Kind {
	k := kinds.get()
	if k == nil {
		return KindNone
	}
	return k[lang.Fold(phrase)]
}

// kindTable decodes the kinds once, on first use.
type kindTable struct {
	once sync.Once
	m    map[string]Kind
	err  error
}

var kinds = &kindTable{}

func (t *kindTable) get() map[string]Kind {
	t.once.Do(func() { t.m, t.err = decodeKinds(kindsData) })
	return t.m
}

// decodeKinds reads the gzipped "phrase\tK" lines the generator writes.
func decodeKinds(gz []byte) (map[string]Kind, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("kinds: %w", err)
	}
	m := make(map[string]Kind, 1<<15)
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		phrase, k, ok := strings.Cut(sc.Text(), "\t")
		if !ok || len(k) != 1 {
			return nil, fmt.Errorf("kinds line %d: want \"phrase\\tK\"", n)
		}
		m[phrase] = Kind(k[0])
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("kinds: %w", err)
	}
	return m, nil
}
