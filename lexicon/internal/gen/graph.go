package main

import (
	"math"
	"strings"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon/internal/table"
)

// graph collects weighted relations from stems to stems while the sources
// are read; add keeps the best weight of repeated pairs.
type graph map[string]map[string]float64

func (g graph) add(from, to string, w float64) {
	if from == to {
		return
	}
	g.put(from, to, w)
}

// put is add for relations between two languages, where a stem may
// translate to the same stem ("ecuador").
func (g graph) put(from, to string, w float64) {
	if from == "" || to == "" || w <= 0 || short(from) || short(to) {
		return
	}
	m := g[from]
	if m == nil {
		m = map[string]float64{}
		g[from] = m
	}
	if w > m[to] {
		m[to] = math.Min(w, 1)
	}
}

// short reports whether a one-word stem has two letters or fewer: such
// stems ("us", "ii") match too much to be worth relating.
func short(stem string) bool {
	return !strings.Contains(stem, " ") && len([]rune(stem)) <= 2
}

// table turns g into an encoded-ready table with at most limit edges a key.
// A same-language table keeps no phrase targets ("fly sheet" for "fly"):
// a query word is matched word by word, so footnote never uses them, and
// they would take the places of words it does use ("flight").
func (g graph) table(from, to lang.Lang, limit int) *table.Table {
	rel := make(map[string][]table.Edge, len(g))
	for k, m := range g {
		es := make([]table.Edge, 0, len(m))
		for t, w := range m {
			if from == to && strings.Contains(t, " ") {
				continue
			}
			q := int(math.Round(w * table.MaxWeight))
			if q < 1 {
				q = 1
			}
			es = append(es, table.Edge{Target: t, Weight: uint8(min(q, table.MaxWeight))})
		}
		rel[k] = es
	}
	return table.Build(string(from), string(to), rel, limit)
}

// stemPhrase returns the stems of the words of a lemma joined by one space
// ("kick_out" -> "kick out"), stemmed as lang.Terms stems text (Spanish with
// its accents: "suspendió" -> "suspend"), or "" when the lemma has no word
// or is a single stop word ("the", "fue"), which callers never look up and
// which would only collect noise.
func stemPhrase(l lang.Lang, lemma string) string {
	terms := lang.Terms(l, strings.ReplaceAll(lemma, "_", " "))
	if len(terms) == 0 || len(terms) == 1 && terms[0].Stop {
		return ""
	}
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.Stem
	}
	return strings.Join(parts, " ")
}

// rankFactor weighs the r-th (0-based) item of a ranked list: 1 for the
// first, step less for each next one, never below floor.
func rankFactor(r int, step, floor float64) float64 {
	return math.Max(floor, 1-step*float64(r))
}
