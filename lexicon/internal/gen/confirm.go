package main

import "github.com/footnote-bot/footnote/lang"

// The Spanish thesaurus has no sense frequencies and lists figurative and
// rare senses beside common ones ("arresto": bravado). In the GPL build's
// tables (en-es.lex.gz) a thesaurus link is trusted when the two words also
// share an English translation, directly or through a strong WordNet
// synonym: its weight is raised to thConfirmed and up. Other links are
// scaled by thUnconfirmed. The default build's table (mythes-es.lex.gz)
// cannot use the dictionaries, which are GPL: see agree.
const (
	thConfirmed   = 0.85
	thUnconfirmed = 0.75
	thConfirmSyn  = 0.8
)

// sharesTranslation returns whether two Spanish stems share an English
// translation in esEn (direct translations), directly or through a strong
// synonym in enSyn.
func sharesTranslation(esEn, enSyn graph) func(a, b string) bool {
	// english returns the English stems a Spanish stem reaches: its
	// translations and their strong synonyms.
	english := func(a string) map[string]bool {
		out := map[string]bool{}
		for t := range esEn[a] {
			out[t] = true
			for s, w := range enSyn[t] {
				if w >= thConfirmSyn {
					out[s] = true
				}
			}
		}
		return out
	}
	memo := map[string]map[string]bool{}
	return func(a, b string) bool {
		ea, ok := memo[a]
		if !ok {
			ea = english(a)
			memo[a] = ea
		}
		for t := range esEn[b] {
			if ea[t] {
				return true
			}
		}
		return false
	}
}

// confirm reweighs the Spanish thesaurus graph es with the dictionaries:
// esEn holds direct translations, enSyn English synonyms.
func confirm(es, esEn, enSyn graph) graph {
	shared := sharesTranslation(esEn, enSyn)
	out := graph{}
	for a, m := range es {
		for b, w := range m {
			if shared(a, b) {
				w = thConfirmed + (1-thConfirmed)*w
			} else {
				w *= thUnconfirmed
			}
			out.add(a, b, w)
		}
	}
	return out
}

// Two words of one language that share a main translation (at least
// pivotTr both ways) are linked at pivotWeight ("detain" and "arrest" both
// translate "detener"), unless the translation is a hub with more than
// pivotFan main translations back. Pivoting goes through whole words, not
// stems, so that words a stem merges ("enviado", envoy, and "enviar",
// send) do not link their translations.
const (
	pivotWeight = 0.5
	pivotTr     = 0.9
	pivotFan    = 6
)

// pivot adds to syn the links through the other language: ab translates
// syn's language (l) to the other, ba back, both keyed by lemmaKey.
func pivot(syn graph, l lang.Lang, ab, ba graph) {
	for a, m := range ab {
		for t, w := range m {
			if w < pivotTr {
				continue
			}
			fan := 0
			for _, w2 := range ba[t] {
				if w2 >= pivotTr {
					fan++
				}
			}
			if fan > pivotFan {
				continue
			}
			for b, w2 := range ba[t] {
				if w2 >= pivotTr {
					syn.add(stemPhrase(l, a), stemPhrase(l, b), pivotWeight)
				}
			}
		}
	}
}

// Spanish has no derivation links in the thesaurus; WordNet's are carried
// over through translations: a Spanish word whose main translation has a
// derived form or pertainym (ecuatoriano → ecuadorian → ecuador) is linked
// to that word's main translations (ecuador) at derivedWeight.
const (
	derivedWeight = 0.6
	derivedMin    = 0.6 // the least weight of a WordNet derived link followed
)

// carryDerived adds to syn the derived links of the other language: ab
// translates syn's language to the other, ba back, der holds the other
// language's derived links.
func carryDerived(syn, ab, ba, der graph) {
	for a, m := range ab {
		for t, w := range m {
			if w < pivotTr {
				continue
			}
			for u, wd := range der[t] {
				if wd < derivedMin {
					continue
				}
				for b, w2 := range ba[u] {
					if w2 >= pivotTr {
						syn.add(a, b, derivedWeight)
					}
				}
			}
		}
	}
}
