package lexicon_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

// A particle makes a phrasal verb with the nearest word before it that
// the lexicon knows with it, across an object of a few words but not
// across punctuation; other languages have none.
func TestPhrasals(t *testing.T) {
	for _, tc := range []struct {
		l    lang.Lang
		q    string
		want map[string]string // verb as written → lexicon key
	}{
		{lang.English, "Why did the minister step down?", map[string]string{"step": "step down"}},
		{lang.English, "who called off the strike", map[string]string{"called": "call off"}},
		{lang.English, "Can they kick Ecuador out of the UN?", map[string]string{"kick": "kick out"}},
		{lang.English, "did they turn the offer down", map[string]string{"turn": "turn down"}},
		{lang.English, "did they kick the country's envoy out", map[string]string{"kick": "kick out"}}, // a possessive is no mark
		{lang.English, "who took over from salcedo", map[string]string{"took": "take over"}},
		// the nearest verb takes the particle
		{lang.English, "what set the fire that shut down the port", map[string]string{"shut": "shut down"}},
		// too far, or across a comma
		{lang.English, "kick the envoy of the country out", nil},
		{lang.English, "they kicked, and then out", nil},
		// a preposition-like particle only right after its verb
		{lang.English, "look closely into it", nil},
		{lang.English, "who will look into it", map[string]string{"look": "look into"}},
		// a light verb (a stop word) heads a phrasal verb with a particle
		// of motion, not with a preposition ("do in" is no phrasal verb)
		{lang.English, "how did the crooks get into the network", map[string]string{"get": "get into"}},
		{lang.English, "what did they do in the capital", nil},
		// no phrase the lexicon knows
		{lang.English, "who died in the crash", nil},
		{lang.Spanish, "quien echo fuera al embajador", nil},
	} {
		terms := lang.Terms(tc.l, tc.q)
		got := map[string]string{}
		for i, p := range lexicon.Phrasals(tc.l, tc.q, terms) {
			got[terms[i].Text] = p.Key
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: phrasal verbs %v, want %v", tc.q, got, tc.want)
			continue
		}
		for v, k := range tc.want {
			if got[v] != k {
				t.Errorf("%q: phrasal verbs %v, want %v", tc.q, got, tc.want)
			}
		}
	}
}
