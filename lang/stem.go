package lang

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
	"golang.org/x/text/unicode/norm"
)

// Stem returns the Snowball stem of the word w in language l, folded (lower
// case, no accents). w may be written as in the text ("Suspendió") or
// already folded, as Tokenize gives it ("suspendio"). Spanish is stemmed
// with its accents, which Snowball's verb endings need: "suspendió" and
// "suspender" both give "suspend", while the folded "suspendio" gives
// "suspendi", as it always did. So pass the written form when there is one
// (Term.Word). English is folded first and stemmed as before. Numbers and
// words of three letters or fewer (folded) are returned folded, unstemmed;
// a word for a number from two to ninety-nine is returned as its digits
// ("quince" → "15"; see cardinals).
func Stem(l Lang, w string) string {
	if isFolded(w) {
		return stem(l, w, w)
	}
	written := w
	if l == Spanish {
		written = lowerWritten(w)
	}
	return stem(l, foldString(w), written)
}

// stem is Stem of a word given folded, as Tokenize folds it, and written
// (for Spanish: in lower case with its accents, NFC; else anything).
func stem(l Lang, w, written string) string {
	if l == Spanish {
		if base, ok := irregularES[w]; ok {
			w, written = base, base
		}
	} else if base, ok := irregularEN[w]; ok {
		w = base
	}
	if d, ok := cardinals[l][w]; ok {
		return d // "quince" is "15", as a figure would be written
	}
	if len(w) <= 3 || w[0] >= '0' && w[0] <= '9' {
		return w
	}
	var s string
	switch l {
	case Spanish:
		s = spanish.Stem(written, true)
	default:
		s = english.Stem(w, true)
	}
	switch {
	case s == "":
		return w
	case asciiLower(s):
		return s // Fold would return it unchanged
	}
	return Fold(s)
}

// isFolded reports whether Tokenize's folding leaves w unchanged: no
// capital, no accent, no quote or dash to unify.
func isFolded(w string) bool {
	for _, r := range w {
		if r < 0x80 {
			if r >= 'A' && r <= 'Z' || r == '`' {
				return false
			}
			continue
		}
		if foldRune(r) != r {
			return false
		}
	}
	return true
}

// asciiLower reports whether s is made of lower-case ASCII letters only.
func asciiLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// foldString applies foldRune to each rune of s, as Tokenize does to a
// token.
func foldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// lowerWritten returns w in lower case with its accents composed and kept
// (NFC), every other character as foldRune makes it: the form Snowball's
// Spanish stemmer reads.
func lowerWritten(w string) string {
	w = norm.NFC.String(w)
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if _, accented := accentBase[unicode.ToLower(r)]; accented {
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// Term is a token reduced for matching: its stem, and whether it is a stop
// word or looks like a name or number.
type Term struct {
	Token
	// Word is the token as written, in lower case with its accents
	// ("suspendió"); it equals Text when the word has no accent. Stem(l,
	// Word) is Stem: pass Word, not Text, to anything that stems the word
	// again, so that both sides of a match stem it alike.
	Word string
	Stem string
	Stop bool
}

// Terms tokenises s and stems each token in language l, Spanish words with
// their accents (see Stem). Stop words are kept, marked, so callers can see
// the question's shape.
func Terms(l Lang, s string) []Term {
	toks := Tokenize(s)
	out := make([]Term, len(toks))
	for i, t := range toks {
		w := t.Text
		if l == Spanish {
			w = writtenForm(s[t.Start:t.End], t.Text)
		}
		out[i] = Term{Token: t, Word: w, Stem: stem(l, t.Text, w), Stop: IsStop(l, t.Text) && !(l == English && monthMay(toks, i))}
	}
	return out
}

// monthMay reports whether the English token "may" at toks[i] names the
// month, not the verb: a number stands beside it ("May 5", "5 May", "May
// 2024") or a word that goes before dates does ("in May", "since May",
// "early May"). "He may", "this may", "next may" stay the verb.
func monthMay(toks []Token, i int) bool {
	if toks[i].Text != "may" {
		return false
	}
	if i+1 < len(toks) && toks[i+1].Number || i > 0 && toks[i-1].Number {
		return true
	}
	return i > 0 && beforeDates[toks[i-1].Text]
}

// beforeDates are the English words that stand before a month's name.
var beforeDates = set(strings.Fields(`in on of since until till by from to through during early late mid
	before after`)...)

// writtenForm returns raw, a token's text in the source, in lower case
// with its accents, when it has an accent and is made only of letters whose
// folding Tokenize does letter by letter (ASCII, accented Latin vowels, ñ),
// so that it folds to text; else text itself.
func writtenForm(raw, text string) string {
	accent := false
	for _, r := range raw {
		if r < 0x80 || r == 'ñ' || r == 'Ñ' {
			continue
		}
		if _, ok := accentBase[unicode.ToLower(r)]; !ok {
			return text
		}
		accent = true
	}
	if !accent {
		return text
	}
	var b strings.Builder
	b.Grow(len(raw))
	for _, r := range raw {
		if r < 0x80 {
			b.WriteRune(foldRune(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
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
