package main

import (
	"math"
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestTranslationsScreensGarbledWords(t *testing.T) {
	en := newVocab(lang.English, []string{"give birth", "bear", "arrest"})
	es := newVocab(lang.Spanish, []string{"dar", "luz", "parir", "detener"})
	g := translations(lang.English, lang.Spanish, stemPhrase, en, es,
		trSource{entries: []dictEntry{
			{"bear", [][]string{{"daraluz", "parir"}}}, // "dar a luz" lost its spaces
			{"arrest", [][]string{{"detener"}}},
		}, scale: 1, check: true},
		trSource{entries: []dictEntry{{"zzword", [][]string{{"zzpalabra"}}}}, scale: 0.9}, // unchecked source
	)
	s := func(l lang.Lang, w string) string { return stemPhrase(l, w) }
	tests := []struct {
		from, to string
		want     bool
	}{
		{"bear", "parir", true},
		{"bear", "daraluz", false},
		{"arrest", "detener", true},
		{"zzword", "zzpalabra", true},
	}
	for _, tt := range tests {
		_, got := g[s(lang.English, tt.from)][s(lang.Spanish, tt.to)]
		if got != tt.want {
			t.Errorf("%s → %s: present %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
	if w := g[s(lang.English, "bear")][s(lang.Spanish, "parir")]; w >= 1 {
		t.Errorf("second word of a sense weighs %.2f, want less than the first's 1", w)
	}
}

func TestViaSynonyms(t *testing.T) {
	tr := graph{"shout": {"grit": 1, "voc": 0.6}, "call": {"llam": 1}}
	syn := graph{
		"yell":  {"shout": 1, "call": 0.5},
		"shout": {"yell": 1, "call": 0.9},
	}
	out := viaSynonyms(tr, syn)
	if w := out["yell"]["grit"]; w != trVia {
		t.Errorf("yell → grit (through shout) weighs %.2f, want %.2f", w, trVia)
	}
	if _, ok := out["yell"]["voc"]; ok {
		t.Error("a minor translation of the synonym was followed")
	}
	if _, ok := out["yell"]["llam"]; ok {
		t.Error("a weak synonym was followed")
	}
	if _, ok := out["shout"]["llam"]; ok {
		t.Error("a word with its own translations got its synonyms' too")
	}
}

func TestConfirm(t *testing.T) {
	es := graph{"deten": {"arrest": 0.5, "escler": 0.8}}
	esEn := graph{"deten": {"detain": 1}, "arrest": {"arrest": 1}, "escler": {"harden": 1}}
	enSyn := graph{"detain": {"arrest": 0.9}}
	out := confirm(es, esEn, enSyn)
	if w := out["deten"]["arrest"]; w < thConfirmed {
		t.Errorf("confirmed link weighs %.2f, want at least %.2f", w, thConfirmed)
	}
	if w := out["deten"]["escler"]; math.Abs(w-0.8*thUnconfirmed) > 1e-9 {
		t.Errorf("unconfirmed link weighs %.2f, want %.2f", w, 0.8*thUnconfirmed)
	}
}

func TestPivot(t *testing.T) {
	syn := graph{}
	enEs := graph{"detain": {"deten": 0.9}, "arrest": {"deten": 1}, "stop": {"par": 1}}
	hub := map[string]float64{}
	for _, w := range []string{"stop", "halt", "block", "end", "cease", "quit", "stall"} {
		hub[w] = 1
	}
	esEn := graph{"deten": {"arrest": 1, "detain": 0.9, "prison": 0.5}, "par": hub}
	pivot(syn, lang.English, enEs, esEn)
	if w := syn["detain"]["arrest"]; w != pivotWeight {
		t.Errorf("detain → arrest weighs %.2f, want %.2f", w, pivotWeight)
	}
	if _, ok := syn["detain"]["prison"]; ok {
		t.Error("a minor translation made a pivot link")
	}
	if len(syn["stop"]) != 0 {
		t.Errorf("a hub translation made links: %v", syn["stop"])
	}
}

// TestPivotKeepsMergedStemsApart: "enviado" (envoy) and "enviar" (send)
// share a Spanish stem; keyed by whole words, envoy is not linked to send.
func TestPivotKeepsMergedStemsApart(t *testing.T) {
	en := newVocab(lang.English, []string{"envoy", "emissary", "send"})
	es := newVocab(lang.Spanish, []string{"enviado", "enviar"})
	src := []trSource{{entries: []dictEntry{
		{"envoy", [][]string{{"enviado"}}}, {"emissary", [][]string{{"enviado"}}}, {"send", [][]string{{"enviar"}}},
	}, scale: 1}}
	inv := []trSource{{entries: src[0].entries, inverse: true, scale: 1}}
	enEs := translations(lang.English, lang.Spanish, lemmaKey, en, es, src...)
	esEn := translations(lang.Spanish, lang.English, lemmaKey, es, en, inv...)
	syn := graph{}
	pivot(syn, lang.English, enEs, esEn)
	envoy := stemPhrase(lang.English, "envoy")
	if _, ok := syn[envoy][stemPhrase(lang.English, "emissary")]; !ok {
		t.Errorf("envoy not linked to emissary: %v", syn[envoy])
	}
	if _, ok := syn[envoy][stemPhrase(lang.English, "send")]; ok {
		t.Errorf("envoy linked to send through the shared stem of enviado and enviar")
	}
}

func TestCarryDerived(t *testing.T) {
	syn := graph{}
	esEn := graph{"ecuatorian": {"ecuadorian": 0.9}, "otro": {"other": 0.5}}
	der := graph{"ecuadorian": {"ecuador": 0.7}, "other": {"otherwis": 0.7}}
	enEs := graph{"ecuador": {"ecuador": 1}, "otherwis": {"sino": 1}}
	carryDerived(syn, esEn, enEs, der)
	if w := syn["ecuatorian"]["ecuador"]; w != derivedWeight {
		t.Errorf("ecuatoriano → ecuador weighs %.2f, want %.2f", w, derivedWeight)
	}
	if len(syn["otro"]) != 0 {
		t.Errorf("a minor translation carried a derived link: %v", syn["otro"])
	}
}

func TestStemPhrase(t *testing.T) {
	tests := []struct {
		l           lang.Lang
		lemma, want string
	}{
		{lang.English, "kick_out", "kick out"},
		{lang.English, "Embassy", "embassi"},
		{lang.English, "the", ""}, // a stop word alone
		{lang.English, "in_front", "in front"},
		{lang.Spanish, "detención", "detencion"},
		{lang.Spanish, "fue", ""},
		{lang.Spanish, "dar a luz", "dar a luz"},
		{lang.English, "--", ""},
	}
	for _, tt := range tests {
		if got := stemPhrase(tt.l, tt.lemma); got != tt.want {
			t.Errorf("stemPhrase(%s, %q) = %q, want %q", tt.l, tt.lemma, got, tt.want)
		}
	}
}

func TestStemPhraseSpanishAccents(t *testing.T) {
	tests := []struct{ a, b string }{
		{"suspendió", "suspender"},
		{"rompió", "romper"},
		{"acusación", "acusar"},
	}
	for _, tt := range tests {
		if a, b := stemPhrase(lang.Spanish, tt.a), stemPhrase(lang.Spanish, tt.b); a != b {
			t.Errorf("stemPhrase(es, %q) = %q, stemPhrase(es, %q) = %q: want one key", tt.a, a, tt.b, b)
		}
	}
	// lemma keys keep the accents that stemPhrase reads later
	if k := lemmaKey(lang.Spanish, "Suspendió"); k != "suspendió" || stemPhrase(lang.Spanish, k) != stemPhrase(lang.Spanish, "suspender") {
		t.Errorf("lemmaKey(es, Suspendió) = %q, stems to %q", k, stemPhrase(lang.Spanish, k))
	}
}

func TestAgree(t *testing.T) {
	// "arrestar" is listed under two senses of "detener" (the senses agree),
	// "anclar" under one.
	entries := []thEntry{
		{"detener", [][]string{{"arrestar", "parar"}, {"arrestar", "apresar"}, {"anclar"}}},
	}
	g := thesaurusRelations(entries)
	out := agree(entries, g)
	s := func(w string) string { return stemPhrase(lang.Spanish, w) }
	d := s("detener")
	if w, base := out[d][s("arrestar")], g[d][s("arrestar")]; w != thConfirmed+(1-thConfirmed)*base {
		t.Errorf("detener→arrestar (two senses) weighs %.3f, want raised from %.3f", w, base)
	}
	if w, base := out[d][s("anclar")], g[d][s("anclar")]; math.Abs(w-base*thUnconfirmed) > 1e-9 {
		t.Errorf("detener→anclar (one sense) weighs %.3f, want %.3f scaled by %.2f", w, base, thUnconfirmed)
	}
	st := agreementStats(entries, g, func(a, b string) bool { return b == s("arrestar") }, 2)[0]
	if st.Links != 4 || st.Confirmed != 1 || st.Trusted != 1 || st.Both != 1 || st.Precision() != 1 || st.Recall() != 1 {
		t.Errorf("agreementStats = %+v", st)
	}
}
