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
// words of three letters or fewer (folded) are returned folded, unstemmed.
func Stem(l Lang, w string) string {
	written := w
	if !isFolded(w) {
		w = Fold(w)
	}
	if l == Spanish {
		if base, ok := irregularES[w]; ok {
			w, written = base, base
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
		if written != w {
			s = spanish.Stem(lowerWritten(written), true)
		} else {
			s = spanish.Stem(w, true)
		}
	default:
		s = english.Stem(w, true)
	}
	if s == "" {
		return w
	}
	return Fold(s)
}

// isFolded reports whether w is already in Fold's form as far as Stem
// cares: no capital letter and no letter but ñ outside ASCII.
func isFolded(w string) bool {
	for _, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			return false
		case r >= 0x80 && r != 'ñ':
			return false
		}
	}
	return true
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
		out[i] = Term{Token: t, Word: w, Stem: Stem(l, w), Stop: IsStop(l, t.Text)}
	}
	return out
}

// writtenForm returns the token raw (its text in the source) in lower case
// with its accents when it has any and otherwise reads as the folded token
// text; else text itself.
func writtenForm(raw, text string) string {
	if isFolded(raw) {
		return text
	}
	ascii := true
	for i := 0; i < len(raw); i++ {
		if raw[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return text // capitals only: nothing the stemmer needs
	}
	w := lowerWritten(raw)
	if foldString(w) != text {
		return text
	}
	return w
}

// foldString applies foldRune to each rune of s.
func foldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
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
