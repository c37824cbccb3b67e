package lang_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want lang.Lang
		ok   bool
	}{
		{"en", lang.English, true},
		{"EN", lang.English, true},
		{"en-US", lang.English, true},
		{"en_GB", lang.English, true},
		{"English", lang.English, true},
		{"inglés", lang.English, true},
		{"es", lang.Spanish, true},
		{"es-MX", lang.Spanish, true},
		{"es_419", lang.Spanish, true},
		{"spanish", lang.Spanish, true},
		{"Español", lang.Spanish, true},
		{"castellano", lang.Spanish, true},
		{"fr", "", false},
		{"fr-FR", "", false},
		{"", "", false},
		{"eng", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := lang.Parse(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Parse(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLangName(t *testing.T) {
	tests := map[lang.Lang]string{lang.English: "English", lang.Spanish: "Spanish", "fr": "English", "": "English"}
	for l, want := range tests {
		if got := l.Name(); got != want {
			t.Errorf("Lang(%q).Name() = %q, want %q", l, got, want)
		}
	}
}
