package answer

import (
	"reflect"
	"testing"

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
		{"repeated marker", "A fact [1][1].", []claim{{"A fact.", []int{1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitClaims(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestSupports(t *testing.T) {
	passage := "Ecuadorian police broke through the external doors of the embassy in the capital, Quito, to arrest Jorge Glas, who had been residing there since December."
	tests := []struct {
		name  string
		claim string
		l     lang.Lang
		want  bool
	}{
		{"paraphrase with the passage's words", "Police broke into the embassy in Quito to arrest Jorge Glas.", lang.English, true},
		{"number not in passage", "Police arrested Jorge Glas after 45 days.", lang.English, false},
		{"name not in passage", "Police arrested Rafael Correa at the embassy.", lang.English, false},
		{"different topic", "The economy grew strongly last quarter.", lang.English, false},
		{"quote not in passage", "Police said “we will never leave” at the embassy.", lang.English, false},
		{"exact quote", "Glas had been “residing there since December”.", lang.English, true},
		{"spanish claim on english passage, names kept", "La policía arrestó a Jorge Glas en Quito.", lang.Spanish, true},
		{"spanish claim with a wrong name", "La policía arrestó a Lenín Moreno en Quito.", lang.Spanish, false},
		{"empty claim", "...", lang.English, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := supports(tt.claim, tt.l, passage, lang.English); got != tt.want {
				t.Errorf("supports(%q) = %v, want %v", tt.claim, got, tt.want)
			}
		})
	}
}
