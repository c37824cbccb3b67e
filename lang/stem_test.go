package lang_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestStem(t *testing.T) {
	tests := []struct {
		name string
		l    lang.Lang
		in   string
		want string
	}{
		{name: "en plural", l: lang.English, in: "countries", want: "countri"},
		{name: "en singular matches plural", l: lang.English, in: "country", want: "countri"},
		{name: "en gerund", l: lang.English, in: "breaking", want: "break"},
		{name: "en past tense", l: lang.English, in: "raided", want: "raid"},
		{name: "en noun suffix", l: lang.English, in: "investigation", want: "investig"},
		{name: "en verb suffix", l: lang.English, in: "investigating", want: "investig"},
		{name: "en short word kept", l: lang.English, in: "ties", want: "tie"},
		{name: "en three letters kept", l: lang.English, in: "ran", want: "run"},
		{name: "en number kept", l: lang.English, in: "2016", want: "2016"},
		{name: "en decimal kept", l: lang.English, in: "3.5", want: "3.5"},
		{name: "es plural", l: lang.Spanish, in: "relaciones", want: "relacion"},
		{name: "es singular", l: lang.Spanish, in: "relacion", want: "relacion"},
		{name: "es feminine plural", l: lang.Spanish, in: "diplomaticas", want: "diplomat"},
		{name: "es masculine", l: lang.Spanish, in: "diplomatico", want: "diplomat"},
		{name: "es noun", l: lang.Spanish, in: "embajada", want: "embaj"},
		{name: "es plural noun", l: lang.Spanish, in: "embajadas", want: "embaj"},
		{name: "es verb and noun", l: lang.Spanish, in: "allanaron", want: "allan"},
		{name: "es eñe survives", l: lang.Spanish, in: "niños", want: "niñ"},
		{name: "es number kept", l: lang.Spanish, in: "1200", want: "1200"},
		{name: "es no english irregulars", l: lang.Spanish, in: "sought", want: "sought"},
		{name: "unknown language stems like english", l: "fr", in: "countries", want: "countri"},

		// Words for numbers are their digits, so "15" finds "quince".
		{name: "en number word", l: lang.English, in: "fifteen", want: "15"},
		{name: "en tens", l: lang.English, in: "Forty", want: "40"},
		{name: "en one is no number", l: lang.English, in: "one", want: "one"},
		{name: "en multiplier alone", l: lang.English, in: "hundred", want: "hundr"},
		{name: "es number word", l: lang.Spanish, in: "quince", want: "15"},
		{name: "es number word with accent", l: lang.Spanish, in: "veintitrés", want: "23"},
		{name: "es veintiún", l: lang.Spanish, in: "veintiún", want: "21"},
		{name: "es once is eleven", l: lang.Spanish, in: "once", want: "11"},
		{name: "en once is no number", l: lang.English, in: "once", want: "onc"},
		{name: "es una is no number", l: lang.Spanish, in: "una", want: "una"},

		// A word already folded is stemmed as before accents were read:
		// folding loses the accent that makes "-ió" a verb ending, so
		// "suspendio" stays apart from "suspender", and callers must pass the
		// written form (Term.Word) to get "suspend". ("investigation" and
		// "embajada" stand above.)
		{name: "es folded past tense", l: lang.Spanish, in: "suspendio", want: "suspendi"},
		{name: "es folded past tense of romper", l: lang.Spanish, in: "rompio", want: "rompi"},
		{name: "es folded noun", l: lang.Spanish, in: "servicio", want: "servici"},
		{name: "en capitalised noun suffix", l: lang.English, in: "Investigation", want: "investig"},
		{name: "en accent folded", l: lang.English, in: "café", want: "cafe"},
		{name: "en capitalised irregular", l: lang.English, in: "Sought", want: "seek"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.Stem(tt.l, tt.in); got != tt.want {
				t.Errorf("Stem(%s, %q) = %q, want %q", tt.l, tt.in, got, tt.want)
			}
		})
	}
}

// TestStemIrregular checks that irregular forms stem like their base form:
// English ones, so "sought" in a question finds "seek" in an article and
// back, and Spanish irregular preterites and forms whose root vowel changes
// ("piden", "murió"), whose root Snowball leaves apart, like their
// infinitive.
func TestStemIrregular(t *testing.T) {
	tests := []struct {
		l          lang.Lang
		form, base string
	}{
		{lang.English, "sought", "seek"},
		{lang.English, "children", "child"},
		{lang.English, "women", "woman"},
		{lang.English, "gunmen", "gunman"},
		{lang.English, "spokeswomen", "spokeswoman"},
		{lang.English, "crises", "crisis"},
		{lang.English, "broke", "break"},
		{lang.English, "broken", "break"},
		{lang.English, "held", "hold"},
		{lang.English, "stood", "stand"},
		{lang.English, "brought", "bring"},
		{lang.English, "thought", "think"},
		{lang.English, "caught", "catch"},
		{lang.English, "taken", "take"},
		{lang.English, "went", "go"},
		{lang.English, "gone", "go"},
		{lang.English, "was", "be"},
		{lang.English, "were", "be"},
		{lang.English, "been", "be"},
		{lang.English, "said", "say"},
		{lang.English, "told", "tell"},
		{lang.English, "fled", "flee"},
		{lang.English, "fought", "fight"},
		{lang.English, "withdrew", "withdraw"},
		{lang.English, "upheld", "uphold"},
		{lang.Spanish, "detuvo", "detener"},
		{lang.Spanish, "detuvieron", "detener"},
		{lang.Spanish, "dijo", "decir"},
		{lang.Spanish, "dijeron", "decir"},
		{lang.Spanish, "hizo", "hacer"},
		{lang.Spanish, "hicieron", "hacer"},
		{lang.Spanish, "tuvo", "tener"},
		{lang.Spanish, "pudo", "poder"},
		{lang.Spanish, "puso", "poner"},
		{lang.Spanish, "trajeron", "traer"},
		{lang.Spanish, "produjo", "producir"},
		// root vowels that change under stress
		{lang.Spanish, "piden", "pedido"},
		{lang.Spanish, "pidió", "pedir"},
		{lang.Spanish, "murieron", "morir"},
		{lang.Spanish, "muere", "morir"},
		{lang.Spanish, "vuelve", "volvió"},
		{lang.Spanish, "siguen", "seguir"},
		{lang.Spanish, "siguió", "seguir"},
		{lang.Spanish, "cierra", "cerró"},
		{lang.Spanish, "advirtió", "advertir"},
		{lang.Spanish, "cuesta", "costó"},
		{lang.Spanish, "devuelto", "devolver"},
	}
	for _, tt := range tests {
		t.Run(string(tt.l)+"/"+tt.form, func(t *testing.T) {
			got, want := lang.Stem(tt.l, tt.form), lang.Stem(tt.l, tt.base)
			if got != want {
				t.Errorf("Stem(%s, %q) = %q, want %q (the stem of %q)", tt.l, tt.form, got, want, tt.base)
			}
		})
	}
}

// TestStemIrregularNounsKept checks that past forms that are also everyday
// nouns or adjectives are not turned into verbs.
func TestStemIrregularNounsKept(t *testing.T) {
	for _, w := range []string{"left", "found", "saw", "lay", "bound", "ground", "lead", "shot"} {
		t.Run(w, func(t *testing.T) {
			if got := lang.Stem(lang.English, w); got != w {
				t.Errorf("Stem(en, %q) = %q, want it unchanged", w, got)
			}
		})
	}
}

func TestStemsMatch(t *testing.T) {
	checkPairFunc(t, "StemsMatch", lang.StemsMatch, []pairCase{
		{"raid", "raid", true},
		{"injur", "injuri", true},
		{"injuri", "injur", true},
		{"investig", "investigation", true},
		{"embaj", "embajador", true},
		{"raid", "raider", false}, // prefix of four letters is too short
		{"break", "brake", false},
		{"", "", true},
		{"", "anything", false},
		{"glas", "glass", false},
		{"suspens", "suspend", true}, // all but the last letter, six left
		{"suspend", "suspens", true},
		{"abcdef", "abcdeg", false}, // five left is too few
		{"embaj", "embarg", false},
	})
}

func TestTerms(t *testing.T) {
	terms := lang.Terms(lang.English, "Why did Ecuador’s police raid the embassy?")
	type term struct {
		text, stem string
		stop       bool
	}
	want := []term{
		{"why", "why", true},
		{"did", "do", true},
		{"ecuador", "ecuador", false},
		{"police", "polic", false},
		{"raid", "raid", false},
		{"the", "the", true},
		{"embassy", "embassi", false},
	}
	var got []term
	for _, tm := range terms {
		got = append(got, term{tm.Text, tm.Stem, tm.Stop})
	}
	if !slices.Equal(got, want) {
		t.Errorf("Terms =\n %+v\nwant\n %+v", got, want)
	}
}

func TestContentStems(t *testing.T) {
	tests := []struct {
		name string
		l    lang.Lang
		in   string
		want []string
	}{
		{name: "english", l: lang.English, in: "Who broke into the Mexican embassy in Quito?", want: []string{"break", "mexican", "embassi", "quito"}},
		{name: "spanish", l: lang.Spanish, in: "¿Quién allanó la embajada de México en Quito?", want: []string{"allan", "embaj", "mexic", "quit"}},
		{name: "repeats kept", l: lang.English, in: "raid after raid", want: []string{"raid", "raid"}},
		{name: "single letters dropped", l: lang.English, in: "J. D. Vance", want: []string{"vanc"}},
		{name: "only stop words", l: lang.English, in: "what is it that they said?", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.ContentStems(tt.l, tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("ContentStems(%s, %q) = %q, want %q", tt.l, tt.in, got, tt.want)
			}
		})
	}
}

// TestTermsInitialismIsContent: "U.S." folds to "us", which is also the
// English pronoun and a stop word, so the country vanishes from questions
// ("What did the U.S. say?") and from the BM25 index.
func TestTermsInitialismIsContent(t *testing.T) {
	for _, tm := range lang.Terms(lang.English, "What did the U.S. say about the raid?") {
		if tm.Text == "us" && tm.Stop {
			t.Errorf("Terms: the initialism %q is marked a stop word (Text %q); the pronoun \"us\" is, the country is not",
				"U.S.", tm.Text)
		}
	}
}

// TestStemSpanishAccents checks that Spanish words are stemmed with their
// accents, so that the forms of a verb or noun as news articles write them
// share one stem: "suspendió" (past) with "suspender" and "suspende".
func TestStemSpanishAccents(t *testing.T) {
	tests := []struct {
		name  string
		forms []string
		want  string
	}{
		{name: "suspend past, infinitive, present", forms: []string{"suspendió", "suspender", "suspende", "Suspendió", "SUSPENDIÓ", "suspendía", "suspenderá"}, want: "suspend"},
		{name: "break past and infinitive", forms: []string{"rompió", "romper", "rompe", "rompían"}, want: "romp"},
		{name: "declare", forms: []string{"declaró", "declarar", "declaraciones"}, want: "declar"},
		{name: "condemn", forms: []string{"condenó", "condenar", "condena"}, want: "conden"},
		{name: "break in", forms: []string{"irrumpió", "irrumpir"}, want: "irrump"},
		{name: "service singular and plural", forms: []string{"servicio", "servicios", "Servicios"}, want: "servici"},
		{name: "country singular and plural", forms: []string{"país", "países", "pais", "paises"}, want: "pais"},
		{name: "detention singular and plural", forms: []string{"detención", "detenciones", "detencion", "DETENCIÓN"}, want: "detencion"},
		{name: "action", forms: []string{"acción", "acciones", "accion"}, want: "accion"},
		{name: "police", forms: []string{"policía", "policías"}, want: "polic"},
		{name: "irregular preterite written with a capital", forms: []string{"Dijo", "decir"}, want: "dec"},
		{name: "short word folded, unstemmed", forms: []string{"día", "dia"}, want: "dia"},
		{name: "eñe kept", forms: []string{"niños", "Niños"}, want: "niñ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, w := range tt.forms {
				if got := lang.Stem(lang.Spanish, w); got != tt.want {
					t.Errorf("Stem(es, %q) = %q, want %q", w, got, tt.want)
				}
			}
		})
	}
}

// TestTermsSpanishWritten checks that Terms stems Spanish words from the
// text as written and gives that form as Word, and leaves English words'
// Word equal to their folded Text.
func TestTermsSpanishWritten(t *testing.T) {
	type term struct{ text, word, stem string }
	tests := []struct {
		name string
		l    lang.Lang
		in   string
		want []term
	}{
		{name: "spanish past tense", l: lang.Spanish, in: "Ecuador suspendió el servicio; México rompió relaciones.", want: []term{
			{"ecuador", "ecuador", "ecuador"},
			{"suspendio", "suspendió", "suspend"},
			{"el", "el", "el"},
			{"servicio", "servicio", "servici"},
			{"mexico", "méxico", "mexic"},
			{"rompio", "rompió", "romp"},
			{"relaciones", "relaciones", "relacion"},
		}},
		{name: "spanish capitals and punctuation", l: lang.Spanish, in: "¿DECLARÓ la «Detención»?", want: []term{
			{"declaro", "declaró", "declar"},
			{"la", "la", "la"},
			{"detencion", "detención", "detencion"},
		}},
		// articles and questions are NFC/NFKC (lang.Normalize) before they
		// get here; a decomposed accent is read as the folded word is
		{name: "decomposed accent", l: lang.Spanish, in: "suspendio\u0301", want: []term{
			{"suspendio\u0301", "suspendio\u0301", "suspendio"},
		}},
		{name: "english keeps folded text", l: lang.English, in: "Café owners’ strike", want: []term{
			{"cafe", "cafe", "cafe"},
			{"owners", "owners", "owner"},
			{"strike", "strike", "strike"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []term
			for _, tm := range lang.Terms(tt.l, tt.in) {
				got = append(got, term{tm.Text, tm.Word, tm.Stem})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Terms(%s, %q) =\n %q\nwant\n %q", tt.l, tt.in, got, tt.want)
			}
		})
	}
}

// FuzzStem checks, for any input, that Stem returns a folded stem, that a
// term's Word stems to its Stem and folds to its Text (when Text is in Fold's form), and that
// English ignores case.
func FuzzStem(f *testing.F) {
	for _, s := range []string{"suspendió", "Ecuador’s DETENCIÓN", "niños 1,200 U.S.", "café\u0301", "ÇA", "dijo"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range []lang.Lang{lang.Spanish, lang.English} {
			for _, tm := range lang.Terms(l, s) {
				if got := lang.Stem(l, tm.Word); got != tm.Stem {
					t.Errorf("Stem(%s, Word %q) = %q, Term.Stem %q", l, tm.Word, got, tm.Stem)
				}
				if tm.Stem != lang.Fold(tm.Stem) && lang.Fold(tm.Text) == tm.Text {
					t.Errorf("Stem(%s, %q) = %q is not folded", l, tm.Word, tm.Stem)
				}
				if tm.Word != tm.Text && lang.Fold(tm.Text) == tm.Text && lang.Fold(tm.Word) != tm.Text {
					t.Errorf("Word %q and Text %q fold apart", tm.Word, tm.Text)
				}
				if up := strings.ToUpper(tm.Word); l == lang.English && isASCII(tm.Word) {
					if a, b := lang.Stem(l, tm.Word), lang.Stem(l, up); a != b {
						t.Errorf("Stem(en, %q) = %q, Stem(en, %q) = %q", tm.Word, a, up, b)
					}
				}
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// BenchmarkTerms measures tokenising and stemming news text in each
// language, as indexing an article does; Spanish text with accents pays for
// reading them.
func BenchmarkTerms(b *testing.B) {
	texts := map[lang.Lang]string{
		lang.Spanish: "La policía ecuatoriana irrumpió en la embajada de México en Quito y detuvo al exvicepresidente Jorge Glas; " +
			"el gobierno mexicano suspendió las relaciones diplomáticas y anunció que acudiría a la Corte Internacional de Justicia. ",
		lang.English: "Ecuadorian police broke into the Mexican embassy in Quito and arrested former vice president Jorge Glas; " +
			"Mexico suspended diplomatic relations and said it would go to the International Court of Justice. ",
	}
	for _, l := range []lang.Lang{lang.Spanish, lang.English} {
		text := strings.Repeat(texts[l], 20)
		b.Run(string(l), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				lang.Terms(l, text)
			}
		})
	}
}

// The words CardinalWords lists are those the stemmer reads as digits.
func TestCardinalWordsStemAsDigits(t *testing.T) {
	words := lang.CardinalWords()
	if len(words) < 50 || !slices.Contains(words, "quince") || !slices.Contains(words, "ninety") || slices.Contains(words, "one") {
		t.Fatalf("cardinal words %v", words)
	}
	digits := func(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }
	for _, w := range words {
		if en, es := lang.Stem(lang.English, w), lang.Stem(lang.Spanish, w); !digits(en) && !digits(es) {
			t.Errorf("%q stems as %q / %q, not digits", w, en, es)
		}
	}
}
