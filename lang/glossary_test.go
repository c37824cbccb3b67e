package lang

import (
	"slices"
	"strings"
	"testing"
)

// The glossary and the general news vocabulary translate both ways, the
// vocabulary's words coming second (Translations tells them apart), and a
// word is listed once however many lines give it.
func TestTranslate(t *testing.T) {
	tests := []struct {
		from       Lang
		word       string
		core, more []string // some of each, as the glossary and vocabulary give them
	}{
		{Spanish, "embajada", []string{"embassy"}, nil},
		{English, "embassy", []string{"embajada"}, nil},
		{Spanish, "huelguistas", nil, []string{"strikers"}},
		{English, "walkout", nil, []string{"huelga"}},
		{English, "resigned", nil, []string{"dimitió", "renunció"}},
		{Spanish, "dimitio", nil, []string{"resigned"}},      // folded
		{English, "toll", nil, []string{"cifra"}},            // "death toll" is "cifra de muertos"
		{Spanish, "rompio", nil, []string{"severed", "cut"}}, // "rompió relaciones": cut or severed ties
		{English, "years", []string{"años"}, nil},            // with its ñ, as Fold keeps it
	}
	for _, tt := range tests {
		core, gen := Translations(tt.from, tt.word)
		for _, w := range tt.core {
			if !slices.Contains(core, w) {
				t.Errorf("Translations(%s, %q): glossary %v, want %q", tt.from, tt.word, core, w)
			}
		}
		for _, w := range tt.more {
			if !slices.Contains(gen, w) {
				t.Errorf("Translations(%s, %q): vocabulary %v, want %q", tt.from, tt.word, gen, w)
			}
		}
		all := Translate(tt.from, tt.word)
		for _, w := range core {
			if slices.Contains(gen, w) {
				t.Errorf("Translations(%s, %q): %q both in the glossary's and the vocabulary's", tt.from, tt.word, w)
			}
		}
		for i, w := range all {
			if slices.Contains(all[i+1:], w) {
				t.Errorf("Translate(%s, %q) lists %q twice", tt.from, tt.word, w)
			}
		}
	}
	if got := Translate(English, "zzyzx"); got != nil {
		t.Errorf("Translate of a non-word = %v", got)
	}
}

// Every line of the vocabulary is a comment, blank, or "spanish = english"
// with single words on both sides, English in lower case.
func TestVocabularyLines(t *testing.T) {
	for i, line := range strings.Split(newsGlossary, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		es, en, ok := strings.Cut(line, "=")
		if !ok || strings.Contains(en, "=") || strings.TrimSpace(es) == "" || strings.TrimSpace(en) == "" {
			t.Errorf("line %d: %q is not 'spanish = english'", i+1, line)
			continue
		}
		if en != strings.ToLower(en) {
			t.Errorf("line %d: English side %q is not lower case", i+1, en)
		}
		for _, w := range strings.Fields(es + " " + en) {
			if strings.ContainsAny(w, ",;:()[]/\"") {
				t.Errorf("line %d: %q is not a single word", i+1, w)
			}
		}
	}
}

// BenchmarkGlossaryLoad measures reading the glossary and the general news
// vocabulary, which Translate does once, on first use.
func BenchmarkGlossaryLoad(b *testing.B) {
	words := 0
	for b.Loop() {
		core, gen := parseGlossaries()
		words = len(core[English]) + len(core[Spanish]) + len(gen[English]) + len(gen[Spanish])
	}
	b.ReportMetric(float64(words), "words")
}
