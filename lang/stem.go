package lang

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

// Stem returns the Snowball stem of the folded word w in language l, itself
// folded. Numbers and words of three letters or fewer are returned as they are.
func Stem(l Lang, w string) string {
	if l == Spanish {
		if base, ok := irregularES[w]; ok {
			w = base
		}
	} else if base, ok := irregularEN[w]; ok {
		w = base
	}
	if len(w) <= 3 || w[0] >= '0' && w[0] <= '9' {
		return w
	}
	var s string
	switch l {
	case Spanish:
		s = spanish.Stem(w, true)
	default:
		s = english.Stem(w, true)
	}
	if s == "" {
		return w
	}
	return Fold(s)
}

// Term is a token reduced for matching: its stem, and whether it is a stop
// word or looks like a name or number.
type Term struct {
	Token
	Stem string
	Stop bool
}

// Terms tokenises s and stems each token in language l. Stop words are kept,
// marked, so callers can see the question's shape.
func Terms(l Lang, s string) []Term {
	toks := Tokenize(s)
	out := make([]Term, len(toks))
	for i, t := range toks {
		out[i] = Term{Token: t, Stem: Stem(l, t.Text), Stop: IsStop(l, t.Text)}
	}
	return out
}

// ContentStems returns the stems of the words of s that are not stop words, in
// order, with repeats.
func ContentStems(l Lang, s string) []string {
	var out []string
	for _, t := range Terms(l, s) {
		if !t.Stop && len(t.Text) > 1 {
			out = append(out, t.Stem)
		}
	}
	return out
}

// StemsMatch reports whether two stems name the same word loosely: equal,
// one a prefix of the other when the shorter has at least five letters
// ("injur" and "injuri", "investig" and "investigation"), or sharing all but
// the last letter of the shorter when that leaves six ("suspens" and
// "suspend").
func StemsMatch(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) >= 5 && strings.HasPrefix(b, a) {
		return true
	}
	return len(a) >= 7 && strings.HasPrefix(b, a[:len(a)-1])
}
