package lang_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/footnote-bot/footnote/lang"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		// text is the folded Text of each token.
		text []string
		// raw is in[Start:End] of each token; nil skips the check.
		raw []string
	}{
		{name: "empty", in: "", text: nil},
		{name: "punctuation only", in: " ¿¡«»—…!?.,;: “” ", text: nil},
		{name: "plain words", in: "Police broke in", text: []string{"police", "broke", "in"}, raw: []string{"Police", "broke", "in"}},
		{name: "curly possessive", in: "Mexico’s president", text: []string{"mexico", "president"}, raw: []string{"Mexico", "president"}},
		{name: "straight possessive", in: "Ecuador's actions", text: []string{"ecuador", "actions"}, raw: []string{"Ecuador", "actions"}},
		{name: "possessive at end of text", in: "the embassy's", text: []string{"the", "embassy"}, raw: []string{"the", "embassy"}},
		{name: "bare plural possessive", in: "Glas’ detention", text: []string{"glas", "detention"}, raw: []string{"Glas", "detention"}},
		{name: "possessive after bare name", in: "Glas’s lawyer", text: []string{"glas", "lawyer"}, raw: []string{"Glas", "lawyer"}},
		{name: "contraction joins", in: "They aren't here", text: []string{"they", "aren't", "here"}, raw: []string{"They", "aren't", "here"}},
		{name: "curly contraction folds apostrophe", in: "don’t", text: []string{"don't"}, raw: []string{"don’t"}},
		{name: "apostrophe inside name", in: "O’Brien's car", text: []string{"o'brien", "car"}, raw: []string{"O’Brien", "car"}},
		{name: "quote marks are not apostrophes", in: "‘quoted’ word", text: []string{"quoted", "word"}, raw: []string{"quoted", "word"}},
		{name: "hyphenated word splits", in: "the break-in", text: []string{"the", "break", "in"}, raw: []string{"the", "break", "in"}},
		{name: "en dash and em dash split", in: "Quito—Guayaquil 2024–2025", text: []string{"quito", "guayaquil", "2024", "2025"}},
		{name: "thousands separator dropped", in: "1,200 people", text: []string{"1200", "people"}, raw: []string{"1,200", "people"}},
		{name: "decimal point kept", in: "3.5 miles", text: []string{"3.5", "miles"}, raw: []string{"3.5", "miles"}},
		{name: "number then sentence dot", in: "in 2016.", text: []string{"in", "2016"}, raw: []string{"in", "2016"}},
		{name: "number then comma", in: "265 miles, south", text: []string{"265", "miles", "south"}},
		{name: "money", in: "$1,200.50", text: []string{"1200.50"}, raw: []string{"1,200.50"}},
		{name: "date parts", in: "2024-04-06", text: []string{"2024", "04", "06"}},
		// an initialism keeps its inner dots: "u.s" is not the pronoun "us"
		{name: "initialism", in: "the U.S. embassy", text: []string{"the", "u.s", "embassy"}, raw: []string{"the", "U.S", "embassy"}},
		// Only runs of single letters join: "EE.UU." stays two words.
		{name: "spanish double-letter abbreviation", in: "EE.UU. y México", text: []string{"ee", "uu", "y", "mexico"}, raw: []string{"EE", "UU", "y", "México"}},
		{name: "single-letter initialism", in: "E.E.U.U. hoy", text: []string{"e.e.u.u", "hoy"}, raw: []string{"E.E.U.U", "hoy"}},
		{name: "lower-case dots are not an initialism", in: "3 p.m. today", text: []string{"3", "p", "m", "today"}},
		{name: "initial and surname", in: "J. D. Vance", text: []string{"j", "d", "vance"}},
		{name: "spanish accents folded", in: "Andrés Manuel López Obrador", text: []string{"andres", "manuel", "lopez", "obrador"}, raw: []string{"Andrés", "Manuel", "López", "Obrador"}},
		{name: "eñe kept", in: "El Niño y la Ñusta", text: []string{"el", "niño", "y", "la", "ñusta"}, raw: []string{"El", "Niño", "y", "la", "Ñusta"}},
		{name: "upper-case accents", in: "ÁRBOL ÉXITO", text: []string{"arbol", "exito"}},
		// "ex" joined to a post is two words, as "ex alcalde" and "ex-mayor" are
		{name: "spanish ex- compound", in: "el exalcalde y las expresidentas", text: []string{"el", "ex", "alcalde", "y", "las", "ex", "presidentas"}, raw: []string{"el", "ex", "alcalde", "y", "las", "ex", "presidentas"}},
		{name: "words that merely begin with ex", in: "el examen expresa lo que existe", text: []string{"el", "examen", "expresa", "lo", "que", "existe"}},
		// the split falls after the second letter, however many bytes it takes
		{name: "ex- compound after an accented capital", in: "Éxalcalde", text: []string{"ex", "alcalde"}, raw: []string{"Éx", "alcalde"}},
		{name: "diaeresis and cedilla", in: "pingüino façade naïve", text: []string{"pinguino", "facade", "naive"}},
		{name: "spanish question and exclamation", in: "¿Dónde está? ¡Ya!", text: []string{"donde", "esta", "ya"}, raw: []string{"Dónde", "está", "Ya"}},
		{name: "guillemets", in: "dijo «inaceptable» ayer", text: []string{"dijo", "inaceptable", "ayer"}, raw: []string{"dijo", "inaceptable", "ayer"}},
		{name: "curly double quotes", in: "“strength” as", text: []string{"strength", "as"}, raw: []string{"strength", "as"}},
		{name: "non-breaking space separates", in: "Daniel\u00a0Noboa", text: []string{"daniel", "noboa"}},
		{name: "newlines and tabs separate", in: "one\ntwo\tthree", text: []string{"one", "two", "three"}},
		{name: "hashtag and mention", in: "#Ecuador @AP", text: []string{"ecuador", "ap"}},
		{name: "non-latin letters", in: "Москва 東京", text: []string{"москва", "東京"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := lang.Tokenize(tt.in)
			var text, raw []string
			for _, tok := range toks {
				text = append(text, tok.Text)
				raw = append(raw, tt.in[tok.Start:tok.End])
			}
			if !slices.Equal(text, tt.text) {
				t.Errorf("Tokenize(%q) texts = %q, want %q", tt.in, text, tt.text)
			}
			if tt.raw != nil && !slices.Equal(raw, tt.raw) {
				t.Errorf("Tokenize(%q) spans = %q, want %q", tt.in, raw, tt.raw)
			}
			checkTokens(t, tt.in, toks)
		})
	}
}

func TestTokenizeFlags(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		upper  []bool
		number []bool
	}{
		{name: "capitalised name", in: "Jorge Glas fled", upper: []bool{true, true, false}, number: []bool{false, false, false}},
		{name: "accented capital", in: "Éxito ñu", upper: []bool{true, false}, number: []bool{false, false}},
		{name: "numbers", in: "20 gangs in 2016", upper: []bool{false, false, false, false}, number: []bool{true, false, false, true}},
		{name: "formatted numbers", in: "1,200 3.5", upper: []bool{false, false}, number: []bool{true, true}},
		{name: "digits then letters are a word", in: "20th 3D", upper: []bool{false, false}, number: []bool{false, false}},
		{name: "initialism is upper", in: "U.S.", upper: []bool{true}, number: []bool{false}},
		{name: "a capitalised ex- compound keeps its capital", in: "Exministro", upper: []bool{true, true}, number: []bool{false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := lang.Tokenize(tt.in)
			if len(toks) != len(tt.upper) {
				t.Fatalf("Tokenize(%q) = %+v, want %d tokens", tt.in, toks, len(tt.upper))
			}
			for i, tok := range toks {
				if tok.Upper != tt.upper[i] || tok.Number != tt.number[i] {
					t.Errorf("token %d %q: Upper=%v Number=%v, want Upper=%v Number=%v",
						i, tok.Text, tok.Upper, tok.Number, tt.upper[i], tt.number[i])
				}
			}
		})
	}
}

// TestTokenizeSpansQuoteBack checks what citations rely on: every token's span
// slices the original text, accents and curly apostrophes included.
func TestTokenizeSpansQuoteBack(t *testing.T) {
	in := "Alicia Bárcena, Mexico’s secretary of foreign relations, said 1,200 “friendly embassies” in EE.UU. y España—¿no?"
	toks := lang.Tokenize(in)
	if len(toks) == 0 {
		t.Fatal("no tokens")
	}
	checkTokens(t, in, toks)
	for _, tok := range toks {
		raw := in[tok.Start:tok.End]
		// the folded text of the span, without separators, is the token
		folded := strings.NewReplacer(",", "", ".", "", "’", "'").Replace(lang.Fold(raw))
		want := strings.NewReplacer(".", "").Replace(tok.Text)
		if folded != want {
			t.Errorf("token %q has span %q (folded %q)", tok.Text, raw, folded)
		}
	}
}

// checkTokens asserts the offset invariants of Tokenize's output.
func checkTokens(t *testing.T, in string, toks []lang.Token) {
	t.Helper()
	at := runeStarts(in)
	prevEnd := 0
	for i, tok := range toks {
		if tok.Start < prevEnd || tok.Start >= tok.End || tok.End > len(in) {
			t.Fatalf("token %d %+v: span [%d,%d) out of order or range (previous end %d, len %d)",
				i, tok, tok.Start, tok.End, prevEnd, len(in))
		}
		if !at[tok.Start] || !at[tok.End] {
			t.Fatalf("token %d %+v: span [%d,%d) cuts a UTF-8 sequence of %q", i, tok, tok.Start, tok.End, in)
		}
		if tok.Text == "" {
			t.Fatalf("token %d has empty Text", i)
		}
		prevEnd = tok.End
	}
}

// runeStarts marks the offsets where ranging over s starts a rune (an invalid
// byte counts as a rune of its own), and len(s).
func runeStarts(s string) []bool {
	at := make([]bool, len(s)+1)
	for i := range s {
		at[i] = true
	}
	at[len(s)] = true
	return at
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"",
		"Mexico’s president says his country is breaking diplomatic ties",
		"Glas’ detention, the break-in, 1,200 people, 3.5 miles, the U.S. embassy",
		"¿Dónde está el niño? ¡Año «nuevo»! EE.UU.",
		"rock’n’roll O’Brien's x's 's '",
		"1,,2..3 ,5 .5 5, 5.",
		"A.B.C.D E.É.U. a.b.c.",
		"\xff\xfe invalid \xc3 utf8 \xe2\x80",
		"José\u0301 e\u0301 \u0301\u0301",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		toks := lang.Tokenize(in)
		checkTokens(t, in, toks)
		for _, tok := range toks {
			if tok.Number && strings.TrimFunc(tok.Text, func(r rune) bool { return unicode.IsDigit(r) || r == '.' }) != "" {
				t.Fatalf("number token %q has non-digits", tok.Text)
			}
		}
	})
}
