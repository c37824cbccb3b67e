package retrieval

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

// A question word reaches the derived forms the stemmer keeps apart,
// weighing less than the word: "preside" reaches "presidenta", "auditors"
// "audit"; a word sharing fewer than five letters with it does not
// ("presento" and "préstamo" share "pres").
func TestWordReachesItsDerivedForms(t *testing.T) {
	ix := relatedIndex(t, map[string]string{
		"es.md": "---\ntitle: Nueva presidenta de la junta\nlanguage: es\n---\n\nSoto asumió como nueva presidenta de la junta vecinal. La junta pidió un préstamo.\n",
		"en.md": "---\ntitle: Audit of the harbour accounts\nlanguage: en\n---\n\nThe audit of the harbour accounts began on 2 June, and the audit found errors.\n",
	})
	alt := func(l lang.Lang, word, stem string) (float64, bool) {
		for _, a := range ix.Related(l, word) {
			if a.Stem == stem {
				return a.Weight, true
			}
		}
		return 0, false
	}
	for _, tc := range []struct {
		l          lang.Lang
		word, form string
		want       bool
	}{
		{lang.Spanish, "preside", "presidenta", true},
		{lang.English, "auditors", "audit", true},
		{lang.Spanish, "presento", "préstamo", false},
	} {
		stem := lang.Stem(tc.l, tc.form)
		w, ok := alt(tc.l, tc.word, stem)
		if ok != tc.want {
			t.Errorf("%q reaches %q (%s): %v, want %v", tc.word, tc.form, stem, ok, tc.want)
		}
		if ok && (w <= 0 || w >= 1) {
			t.Errorf("%q → %q weighs %v, want less than the word's 1", tc.word, tc.form, w)
		}
	}
}
