package answer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestSplitCompound(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"Which prison was he held in, and where was he moved later?", []string{"Which prison was he held in?", "where was he moved later?"}},
		{"Both unions sued: what does the first seek and what does the second allege?",
			[]string{"what does the first seek (both unions sued)?", "what does the second allege (both unions sued)?"}},
		{"¿Qué pidió el sindicato y dónde presentó la demanda?", []string{"¿Qué pidió el sindicato?", "dónde presentó la demanda?"}},
		{"¿Dónde está preso y qué pidió su abogado?", []string{"¿Dónde está preso?", "qué pidió su abogado?"}},
		{"¿Dónde está preso y cuándo lo trasladaron?", []string{"¿Dónde está preso?", "cuándo lo trasladaron?"}},
		{"Who resigned? When did it happen?", []string{"Who resigned?", "When did it happen?"}},
		{"What changed between April and June?", nil},                // "and" before no question word
		{"¿Dijo el ministro que y que no?", nil},                     // "y que" is "and that"
		{"What did the union say and what?", nil},                    // a bare question word asks nothing of its own
		{"Who is Saldias, who leads the union?", nil},                // a relative clause
		{"What happened in Quilmo: the strike or the lockout?", nil}, // no question word after the colon
		{"Statement only: and then what happened after that?", nil},  // one question after the context
		{"How many left, and how many stayed, and who paid for it?", []string{"How many left?", "how many stayed?", "who paid for it?"}},
	} {
		if got := splitCompound(tc.q); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("splitCompound(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

func FuzzSplitCompound(f *testing.F) {
	for _, s := range []string{"Which prison was he held in, and where was he moved later?", "Both sued: what and what?", "¿Dónde y cuándo?", ":::? and who ¿qué", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		parts := splitCompound(q)
		if len(parts) == 1 || len(parts) > maxParts {
			t.Fatalf("%q: %d parts", q, len(parts))
		}
		for _, p := range parts {
			if len(strings.Fields(p)) < 2 || !strings.HasSuffix(p, "?") {
				t.Fatalf("%q: part %q", q, p)
			}
		}
	})
}

// A sentence that names the question's things in its order agrees with it;
// one that names them the other way round ("Mexico … against Ecuador" for
// "Ecuador accusing Mexico") disagrees.
func TestOrderAgreement(t *testing.T) {
	ix := typesIndex(t)
	q := analyse(ix.Analyse("What is Chile accusing Peru of?"))
	for s, want := range map[string]float64{
		"Chile brought a case against Peru, accusing it of spying.": 1,
		"Peru brought a case against Chile, accusing it of spying.": -1,
		"Chile brought a case.": 0,
	} {
		if got := orderAgreement(q, lang.Terms(lang.English, s)); got != want {
			t.Errorf("orderAgreement(%q) = %v, want %v", s, got, want)
		}
	}
}
