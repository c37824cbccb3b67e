package answer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

func TestSplitClaims(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []claim
	}{
		{"marker before stop", "Glas was arrested [1]. He was flown to Guayaquil [2].",
			[]claim{{"Glas was arrested.", []int{1}}, {"He was flown to Guayaquil.", []int{2}}}},
		{"marker after stop", "Glas was arrested. [1] He was flown to Guayaquil. [2][3]",
			[]claim{{"Glas was arrested.", []int{1}}, {"He was flown to Guayaquil.", []int{2, 3}}}},
		{"comma list", "Mexico cut ties [1, 2].", []claim{{"Mexico cut ties.", []int{1, 2}}}},
		{"no marker", "This is context.", []claim{{"This is context.", nil}}},
		{"bullets", "- First point [1]\n- Second point [2]", []claim{{"First point", []int{1}}, {"Second point", []int{2}}}},
		{"numbered list", "1. First point [1]\n2) Second point [2]", []claim{{"First point", []int{1}}, {"Second point", []int{2}}}},
		{"repeated marker", "A fact [1][1].", []claim{{"A fact.", []int{1}}}},
		{"quote-ended, then a sentence", "She called it “a violation of the sovereignty of Mexico.” [2] The vote was held on Friday. [3]",
			[]claim{{"She called it “a violation of the sovereignty of Mexico.”", []int{2}}, {"The vote was held on Friday.", []int{3}}}},
		{"quote-ended, lower-case next", "He said “we will appeal.” [1] then left. [2]",
			[]claim{{"He said “we will appeal.”", []int{1}}, {"then left.", []int{2}}}},
		{"guillemets", "Dijo que fue «un atropello.» [1] Luego se fue. [2]",
			[]claim{{"Dijo que fue «un atropello.»", []int{1}}, {"Luego se fue.", []int{2}}}},
		{"straight quotes", `He said "it is over." [4] Then silence.`,
			[]claim{{`He said "it is over."`, []int{4}}, {"Then silence.", nil}}},
		{"markers only", "[1] [2]", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitClaims(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

// FuzzSplitClaims: splitting never panics, every claim has words and no
// marker left in it, and every number the text cites is read.
func FuzzSplitClaims(f *testing.F) {
	for _, s := range []string{"A [1]. B. [2] C “d.” [3] e", "- x [1]\n2) y [2,3]", "«a.» [1]", "[", "]. [9999999999999999999]", "“.” [1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range splitClaims(s) {
			if strings.TrimSpace(c.text) == "" || markerRun.MatchString(c.text) && markerNum.MatchString(markerRun.FindString(c.text)) && strings.Contains(markerRun.FindString(c.text), "[") {
				t.Fatalf("claim %q of %q is empty or keeps a marker", c.text, s)
			}
		}
	})
}

// passage makes a one-chunk source of text in language l.
func passage(text string, l lang.Lang) source {
	c := &corpus.Chunk{ID: "p#0", DocID: "p", Text: text, Language: l, Sentences: lang.Sentences(text)}
	return source{chunk: c, doc: &corpus.Document{ID: "p", Title: "t", Language: l}}
}

// supported runs the lexical check of claim, citing every passage.
func supported(claimText string, l lang.Lang, ps ...source) lexical {
	var evs []*evidence
	for i, p := range ps {
		evs = append(evs, newEvidence(i+1, p.chunk, p.doc))
	}
	return checkClaim(analyseClaim(claimText, l, nil), evs)
}

func TestLexicalCheck(t *testing.T) {
	raid := passage("Ecuadorian police broke through the external doors of the embassy in the capital, Quito, to arrest Jorge Glas, who had been residing there since December.", lang.English)
	court := passage("A judge in Quito ruled on Monday that the arrest of Jorge Glas was legal, and ordered that he remain in prison.", lang.English)
	oea := passage("El Consejo Permanente de la Organización de los Estados Americanos aprobó la resolución con 29 votos a favor, ninguno en contra y cinco abstenciones.", lang.Spanish)
	vote := passage("Twenty-nine countries voted for the resolution on Tuesday.", lang.English)
	mexico := passage("Mexico condemned Ecuador for the raid and took the case to the International Court of Justice.", lang.English)
	tests := []struct {
		name  string
		claim string
		l     lang.Lang
		ps    []source
		ok    bool
		check string
	}{
		{"paraphrase with the passage's words", "Police broke into the embassy in Quito to arrest Jorge Glas.", lang.English, []source{raid}, true, CheckOverlap},
		{"number not in passage", "Police arrested Jorge Glas after 45 days.", lang.English, []source{raid}, false, CheckNumbers},
		{"name not in passage", "Police arrested Rafael Correa at the embassy.", lang.English, []source{raid}, false, CheckNames},
		{"different topic", "The economy grew strongly last quarter.", lang.English, []source{raid}, false, CheckOverlap},
		{"quote not in passage", "Police said “we will never leave” at the embassy.", lang.English, []source{raid}, false, CheckQuote},
		{"exact quote", "Glas had been “residing there since December.”", lang.English, []source{raid}, true, CheckOverlap},
		{"reversed ruling", "A judge in Quito ruled on Monday that the arrest of Jorge Glas was illegal.", lang.English, []source{court}, false, CheckNegation},
		{"dropped not", "A judge ruled that the arrest of Jorge Glas was not legal.", lang.English, []source{court}, false, CheckNegation},
		{"swapped actors", "Ecuador condemned Mexico for the raid.", lang.English, []source{mexico}, false, CheckNames},
		{"passive voice keeps the actors", "Ecuador was condemned by Mexico for the raid.", lang.English, []source{mexico}, true, CheckOverlap},
		{"spanish claim on english passage", "La policía arrestó a Jorge Glas en la embajada en Quito.", lang.Spanish, []source{raid}, true, CheckOverlap},
		{"spanish claim with a wrong name", "La policía arrestó a Lenín Moreno en Quito.", lang.Spanish, []source{raid}, false, CheckNames},
		{"english claim, acronym of a spanish name", "The OAS Permanent Council approved the resolution with 29 votes.", lang.English, []source{oea}, true, CheckOverlap},
		{"english claim, wrong count", "The OAS Permanent Council approved the resolution with 33 votes.", lang.English, []source{oea}, false, CheckNumbers},
		{"number in words for digits", "The resolution passed with twenty-nine votes in favour and five abstentions.", lang.English, []source{oea}, true, CheckOverlap},
		{"digits for a number in words", "29 countries voted for the resolution.", lang.English, []source{vote}, true, CheckOverlap},
		{"two sources together", "Police broke into the embassy in Quito to arrest Jorge Glas, and a judge ruled the arrest legal.", lang.English, []source{raid, court}, true, CheckOverlap},
		{"empty claim", "...", lang.English, []source{raid}, false, CheckOverlap},
		{"no source", "Police arrested Jorge Glas.", lang.English, nil, false, CheckCitation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := supported(tt.claim, tt.l, tt.ps...)
			if got.ok != tt.ok || got.check != tt.check {
				t.Errorf("check(%q) = ok %v by %s (%s), want ok %v by %s", tt.claim, got.ok, got.check, got.reason, tt.ok, tt.check)
			}
		})
	}
}

// A sentence cited to two passages keeps only the markers of those that
// contribute to it.
func TestVerifyKeepsContributingMarkers(t *testing.T) {
	raid := passage("Ecuadorian police broke through the external doors of the embassy in Quito to arrest Jorge Glas.", lang.English)
	court := passage("A judge ruled on Monday that the arrest of Jorge Glas was legal.", lang.English)
	quake := passage("The earthquake damaged hundreds of homes in the coastal province.", lang.English)
	v := verify("Police broke into the embassy in Quito to arrest Jorge Glas, and a judge ruled the arrest legal. [1][2][3]", lang.English, []source{raid, court, quake})
	if v.text != "Police broke into the embassy in Quito to arrest Jorge Glas, and a judge ruled the arrest legal. [1] [2]" {
		t.Fatalf("text %q", v.text)
	}
	if len(v.report.Dropped) != 1 || !strings.HasPrefix(v.report.Dropped[0], "[3]") {
		t.Fatalf("dropped %q", v.report.Dropped)
	}
	if c := v.report.Claims[0]; !c.Supported || !reflect.DeepEqual(c.Kept, []int{1, 2}) || c.Check != CheckOverlap {
		t.Fatalf("claim report %+v", c)
	}
}

func TestNumbersIn(t *testing.T) {
	tests := []struct {
		text string
		l    lang.Lang
		want []string
	}{
		{"29 votes", lang.English, []string{"29"}},
		{"1,200 people", lang.English, []string{"1200"}},
		{"1.200 personas", lang.Spanish, []string{"1200", "1.2"}},
		{"3.5 percent", lang.English, []string{"3.5"}},
		{"twenty-nine votes", lang.English, []string{"29"}},
		{"treinta y tres votos", lang.Spanish, []string{"33"}},
		{"two hundred and five", lang.English, []string{"205"}},
		{"mil doscientos", lang.Spanish, []string{"1200"}},
		{"1.5 million", lang.English, []string{"1500000"}},
		{"the 5th of April", lang.English, []string{"5"}},
		{"once more", lang.English, nil},
		{"once países", lang.Spanish, []string{"11"}},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range numbersIn(tt.l, tt.text, lang.Terms(tt.l, tt.text)) {
			got = append(got, n.values...)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("numbersIn(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAcronymFits(t *testing.T) {
	tests := []struct {
		acr  string
		name string
		l    lang.Lang
		want bool
	}{
		{"oas", "Organización de los Estados Americanos", lang.Spanish, true},
		{"oea", "Organization of American States", lang.English, true},
		{"icj", "Corte Internacional de Justicia", lang.Spanish, true},
		{"cij", "International Court of Justice", lang.English, true},
		{"un", "Naciones Unidas", lang.Spanish, true},
		{"oas", "International Court of Justice", lang.English, false},
		{"icj", "Permanent Council", lang.English, false},
	}
	for _, tt := range tests {
		terms := lang.Terms(tt.l, tt.name)
		runs := nameRuns(tt.name, terms)
		got := len(runs) == 1 && acronymFits(tt.acr, initialsOf(tt.l, terms, runs[0]))
		if got != tt.want {
			t.Errorf("acronymFits(%q, %q) = %v, want %v (runs %v)", tt.acr, tt.name, got, tt.want, runs)
		}
	}
}

// A claim's past tenses meet the passage's other forms of the verbs when
// the claim's words are passed as written (lang.Term.Word), with their
// accents, as the passage's are stemmed.
func TestHasWordTakesTheWrittenWord(t *testing.T) {
	words, stems := wordSets(lang.Terms(lang.Spanish, "El gobierno decidió prometer garantías y autorizar salidas."))
	for _, c := range lang.Terms(lang.Spanish, "prometió autorizó") {
		if !hasWord(words, stems, lang.Spanish, c.Word, lang.Spanish) {
			t.Errorf("hasWord(%q) = false", c.Word)
		}
	}
}

// A claim's word meets a passage in its own language through the event
// glossary's translations and back, not through the general vocabulary,
// whose lines mix senses ("fired": dismissed, and shot).
func TestHasWordRoundTripUsesTheGlossaryOnly(t *testing.T) {
	words, stems := wordSets(lang.Terms(lang.English, "Police shot two men near the port."))
	if hasWord(words, stems, lang.English, "fired", lang.English) {
		t.Errorf("hasWord(fired) in a passage that says 'shot'")
	}
	words, stems = wordSets(lang.Terms(lang.English, "Ecuadorian police raided the embassy."))
	if !hasWord(words, stems, lang.English, "ecuador", lang.English) {
		t.Errorf("hasWord(ecuador) in a passage that says 'Ecuadorian'")
	}
}
