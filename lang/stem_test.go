package lang_test

import (
	"slices"
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lang.Stem(tt.l, tt.in); got != tt.want {
				t.Errorf("Stem(%s, %q) = %q, want %q", tt.l, tt.in, got, tt.want)
			}
		})
	}
}

// TestStemIrregularEnglish checks that irregular forms stem like their base
// form, so "sought" in a question finds "seek" in an article and back.
func TestStemIrregularEnglish(t *testing.T) {
	tests := []struct {
		form, base string
	}{
		{"sought", "seek"},
		{"broke", "break"},
		{"broken", "break"},
		{"held", "hold"},
		{"stood", "stand"},
		{"brought", "bring"},
		{"thought", "think"},
		{"caught", "catch"},
		{"taken", "take"},
		{"went", "go"},
		{"gone", "go"},
		{"was", "be"},
		{"were", "be"},
		{"been", "be"},
		{"said", "say"},
		{"told", "tell"},
		{"fled", "flee"},
		{"fought", "fight"},
		{"withdrew", "withdraw"},
		{"upheld", "uphold"},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			got, want := lang.Stem(lang.English, tt.form), lang.Stem(lang.English, tt.base)
			if got != want {
				t.Errorf("Stem(en, %q) = %q, want %q (the stem of %q)", tt.form, got, want, tt.base)
			}
		})
	}
}

// TestStemIrregularSpanish checks that irregular preterites, whose root
// Snowball leaves apart, stem like their infinitive.
func TestStemIrregularSpanish(t *testing.T) {
	tests := []struct {
		form, base string
	}{
		{"detuvo", "detener"},
		{"detuvieron", "detener"},
		{"dijo", "decir"},
		{"dijeron", "decir"},
		{"hizo", "hacer"},
		{"hicieron", "hacer"},
		{"tuvo", "tener"},
		{"pudo", "poder"},
		{"puso", "poner"},
		{"trajeron", "traer"},
		{"produjo", "producir"},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			got, want := lang.Stem(lang.Spanish, tt.form), lang.Stem(lang.Spanish, tt.base)
			if got != want {
				t.Errorf("Stem(es, %q) = %q, want %q (the stem of %q)", tt.form, got, want, tt.base)
			}
		})
	}
	// "detuvo" finds "detención"
	if a, b := lang.Stem(lang.Spanish, "detuvo"), lang.Stem(lang.Spanish, "detencion"); !lang.StemsMatch(a, b) {
		t.Errorf("StemsMatch(%q, %q) = false: detuvo does not match detención", a, b)
	}
	// English forms are not Spanish irregulars, and back
	if got := lang.Stem(lang.English, "dijo"); got != "dijo" {
		t.Errorf("Stem(en, dijo) = %q", got)
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
	tests := []struct {
		a, b string
		want bool
	}{
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
	}
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			if got := lang.StemsMatch(tt.a, tt.b); got != tt.want {
				t.Errorf("StemsMatch(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
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
