package main

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/footnote-bot/footnote/lang"
)

// Translations reached through a synonym are added only for a word with
// fewer than trViaBelow direct translations (none), only through strong synonyms
// (at least trViaSyn) and their main translations (at least trViaTr), and
// the product is scaled by trVia.
const (
	trViaBelow = 1
	trViaSyn   = 0.8
	trViaTr    = 0.9
	trVia      = 0.85
)

// vocab is the set of stems a language's lexical resource knows. It screens
// dictionary words garbled in the source ("daraluz" for "dar a luz",
// "mejikano"), which would otherwise take places in a capped list.
type vocab map[string]bool

func newVocab(l lang.Lang, words []string) vocab {
	v := vocab{}
	for _, w := range words {
		for _, t := range lang.Terms(l, w) {
			v[t.Stem] = true
		}
	}
	return v
}

// knows reports whether every word of phrase longer than three letters has
// a known stem, and at least one word does.
func (v vocab) knows(l lang.Lang, phrase string) bool {
	known := false
	for _, t := range lang.Terms(l, phrase) {
		switch {
		case v[t.Stem]:
			known = true
		case len([]rune(t.Text)) > 3:
			return false
		}
	}
	return known
}

// trSource is one dictionary read for a translation graph: entries from
// the source language (or, inverse, to it), weights scaled by scale, words
// screened against the vocabularies when check is set (for dictionaries with
// garbled entries).
type trSource struct {
	entries []dictEntry
	inverse bool
	scale   float64
	check   bool
}

// translations returns stems of language to for stems of language from,
// each word turned into a key by key (stemPhrase, or lemmaKey for
// pivoting).
func translations(from, to lang.Lang, key func(lang.Lang, string) string, vFrom, vTo vocab, srcs ...trSource) graph {
	g := graph{}
	for _, src := range srcs {
		for _, e := range src.entries {
			for i, ws := range e.senses {
				for j, w := range ws {
					a, b := e.head, w
					if src.inverse {
						a, b = b, a
					}
					if src.check && !(vFrom.knows(from, a) && vTo.knows(to, b)) {
						continue
					}
					weight := src.scale * rankFactor(i, trSenseStep, trSenseFloor) * rankFactor(j, trPosStep, trPosFloor)
					g.put(key(from, a), key(to, b), weight)
				}
			}
		}
	}
	return g
}

// lemmaKey keys a dictionary word by its lower-case written form (accents
// kept, for stemPhrase to read later) rather than its stem, so that words a
// stem would merge stay apart ("enviado", envoy, and "enviar", send, share
// the stem "envi").
func lemmaKey(l lang.Lang, w string) string {
	if stemPhrase(l, w) == "" {
		return ""
	}
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(strings.ReplaceAll(w, "_", " ")))), " ")
}

// viaSynonyms widens a small dictionary: a word it lacks or translates
// thinly also gets the main translations of its strong synonyms ("yell"
// gets those of "shout"), weighted by both links.
func viaSynonyms(tr, syn graph) graph {
	out := graph{}
	for k, m := range tr {
		for t, w := range m {
			out.put(k, t, w)
		}
	}
	for k, syns := range syn {
		if len(tr[k]) >= trViaBelow {
			continue
		}
		for s, ws := range syns {
			if ws < trViaSyn {
				continue
			}
			for t, wt := range tr[s] {
				if wt >= trViaTr {
					out.put(k, t, trVia*ws*wt)
				}
			}
		}
	}
	return out
}
