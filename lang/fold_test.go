package lang_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

// stringCase is a case of a function from string to string.
type stringCase struct {
	name, in, want string
}

// checkStringFunc runs each case through f, named fname in failures.
func checkStringFunc(t *testing.T, fname string, f func(string) string, tests []stringCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f(tt.in); got != tt.want {
				t.Errorf("%s(%q) = %q, want %q", fname, tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	checkStringFunc(t, "Fold", lang.Fold, []stringCase{
		{name: "empty", in: "", want: ""},
		{name: "lower case", in: "Mexico ECUADOR", want: "mexico ecuador"},
		{name: "curly double quotes", in: "“friendly embassies”", want: `"friendly embassies"`},
		{name: "curly single quotes and apostrophe", in: "‘strength’ Mexico’s", want: "'strength' mexico's"},
		{name: "guillemets and low quotes", in: "«hola» „hallo‟", want: `"hola" "hallo"`},
		{name: "prime and backtick", in: "5′ `x`", want: "5' 'x'"},
		// Spanish keyboards put an acute accent where an apostrophe goes.
		// NFKC turns U+00B4 into a space and a combining accent before
		// foldRune can see it.
		{name: "acute accent as apostrophe", in: "Mexico´s", want: "mexico's"},
		{name: "dashes", in: "a–b—c―d−e‐f", want: "a-b-c-d-e-f"},
		{name: "spanish accents", in: "Andrés López Bárcena", want: "andres lopez barcena"},
		{name: "eñe kept lower", in: "Ñandú niño", want: "ñandu niño"},
		{name: "other accents", in: "Ça Über façade naïve", want: "ca uber facade naive"},
		{name: "decomposed accent composed first", in: "Jose\u0301", want: "jose"},
		{name: "nbsp is a space", in: "Daniel\u00a0Noboa", want: "daniel noboa"},
		{name: "thin and ideographic spaces", in: "a\u2009b\u3000c", want: "a b c"},
		{name: "white space runs collapse", in: "a \t\n\r\n  b", want: "a b"},
		{name: "leading and trailing space dropped", in: "\n\t  lead trail \u00a0", want: "lead trail"},
		{name: "compatibility forms", in: "ﬁnal Ⅻ ½", want: "final xii 1⁄2"},
		{name: "full-width letters", in: "ＡＢＣ", want: "abc"},
		{name: "punctuation kept", in: "Hello, world!", want: "hello, world!"},
	})
}

// TestFoldSameSentence checks Fold's promise: two spellings a reader would
// call the same sentence fold equal.
func TestFoldSameSentence(t *testing.T) {
	pairs := [][2]string{
		{"“This is not possible. It cannot be,” Roberto Canseco said.", "\"this is not possible.  It cannot be,\" ROBERTO CANSECO said."},
		{"Mexico’s President Andrés Manuel López Obrador", "Mexico's President Andres Manuel Lopez\u00a0Obrador"},
		{"the break—in", "the break-in"},
	}
	for _, p := range pairs {
		if a, b := lang.Fold(p[0]), lang.Fold(p[1]); a != b {
			t.Errorf("Fold differs:\n %q -> %q\n %q -> %q", p[0], a, p[1], b)
		}
	}
}

// pairCase is a case of a predicate on two strings.
type pairCase struct {
	a, b string
	want bool
}

// checkPairFunc runs each case through f, named fname in failures.
func checkPairFunc(t *testing.T, fname string, f func(a, b string) bool, tests []pairCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			if got := f(tt.a, tt.b); got != tt.want {
				t.Errorf("%s(%q, %q) = %v, want %v", fname, tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestContainsFold(t *testing.T) {
	// a is the haystack, b the needle
	checkPairFunc(t, "ContainsFold", lang.ContainsFold, []pairCase{
		{"Mexico’s government ended diplomatic ties", "mexico's GOVERNMENT", true},
		{"Andrés Manuel López Obrador", "lopez  obrador", true},
		{"supported by “friendly embassies.”", `"friendly embassies."`, true},
		{"Jorge Glas", "Jorge Glass", false},
		{"anything", "", true},
	})
}

func TestNormalize(t *testing.T) {
	checkStringFunc(t, "Normalize", lang.Normalize, []stringCase{
		{name: "plain text unchanged", in: "Mexico’s “friendly embassies.”", want: "Mexico’s “friendly embassies.”"},
		{name: "accents kept", in: "López Bárcena Ñ", want: "López Bárcena Ñ"},
		{name: "decomposed accents composed", in: "Lo\u0301pez", want: "López"},
		{name: "nbsp and thin space become spaces", in: "a\u00a0b\u2009c\u202fd", want: "a b c d"},
		{name: "runs of space are kept", in: "a  b", want: "a  b"},
		{name: "carriage returns dropped", in: "a\r\nb\rc", want: "a\nbc"},
		{name: "newline and tab kept", in: "a\n\tb", want: "a\n\tb"},
		{name: "invisible characters dropped", in: "zero\u200bwidth\ufeffbom soft\u00adhyphen", want: "zerowidthbom softhyphen"},
		{name: "ligature", in: "ﬁnal", want: "final"},
		{name: "line separator is a space", in: "a\u2028b", want: "a b"},
	})
}
