package main

import "github.com/footnote-bot/footnote/lang"

// The default build's Spanish table cannot be confirmed with the GPL
// dictionaries (see confirm), so the thesaurus is checked against itself:
// a link is trusted when the senses agree on it, that is when the synonym
// is listed under at least agreeSenses senses of the head word (or the head
// under as many of the synonym's). Trusted links are raised as confirmed
// ones are; the others are scaled by thUnconfirmed.
//
// Measured against the dictionaries' confirmation (the generator logs it,
// agreementStats): of the thesaurus's 229,386 links 5.0% share an English
// translation; of the 34,342 links listed under two senses or more, 12.3%
// do (recall 37%), three senses or more 19.2% (recall 16%). Other
// GPL-free signals carry no information there: the thesaurus lists nearly
// every link both ways, and two linked words nearly always share other
// synonyms (precision 4.9%, the base rate).
const agreeSenses = 2

// senseCounts returns, for each head stem, the number of its senses that
// list each synonym stem.
func senseCounts(entries []thEntry) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, e := range entries {
		h := stemPhrase(lang.Spanish, e.head)
		m := out[h]
		if m == nil {
			m = map[string]int{}
			out[h] = m
		}
		for _, syns := range e.senses {
			seen := map[string]bool{}
			for _, s := range syns {
				if t := stemPhrase(lang.Spanish, s); !seen[t] {
					seen[t] = true
					m[t]++
				}
			}
		}
	}
	return out
}

// agreed returns how many senses agree on the link a-b: the most of a's
// senses listing b and b's listing a.
func agreed(counts map[string]map[string]int, a, b string) int {
	return max(counts[a][b], counts[b][a])
}

// agree reweighs es, the relations of the thesaurus entries, by the
// agreement of the entries' senses, using no dictionary.
func agree(entries []thEntry, es graph) graph {
	counts := senseCounts(entries)
	out := graph{}
	for a, m := range es {
		for b, w := range m {
			if agreed(counts, a, b) >= agreeSenses {
				w = thConfirmed + (1-thConfirmed)*w
			} else {
				w *= thUnconfirmed
			}
			out.add(a, b, w)
		}
	}
	return out
}

// agreeStat measures one GPL-free trust rule against the dictionaries'
// confirmation of thesaurus links: Trusted links the rule trusts, Both
// those the dictionaries confirm too, Confirmed all the dictionaries
// confirm, Links all links.
type agreeStat struct {
	Senses                          int
	Links, Confirmed, Trusted, Both int
}

// Precision is the share of trusted links the dictionaries confirm.
func (s agreeStat) Precision() float64 { return ratio(s.Both, s.Trusted) }

// Recall is the share of confirmed links trusted.
func (s agreeStat) Recall() float64 { return ratio(s.Both, s.Confirmed) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// agreementStats compares, for each number of agreeing senses in senses,
// the agreement rule with confirmed (the dictionaries' rule) over the
// links of es, the relations of entries.
func agreementStats(entries []thEntry, es graph, confirmed func(a, b string) bool, senses ...int) []agreeStat {
	counts := senseCounts(entries)
	out := make([]agreeStat, len(senses))
	for i, n := range senses {
		out[i].Senses = n
	}
	for a, m := range es {
		for b := range m {
			c := confirmed(a, b)
			k := agreed(counts, a, b)
			for i := range out {
				s := &out[i]
				s.Links++
				if c {
					s.Confirmed++
				}
				if k >= s.Senses {
					s.Trusted++
					if c {
						s.Both++
					}
				}
			}
		}
	}
	return out
}
