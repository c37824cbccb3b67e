package lang_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestIsStop(t *testing.T) {
	tests := []struct {
		word            string
		en, es, unknown bool
	}{
		{"the", true, false, true},
		{"and", true, false, true},
		{"would", true, false, true},
		{"said", true, false, true},
		{"told", true, false, true},
		{"aren't", true, false, true},
		{"de", false, true, true},
		{"la", false, true, true},
		{"que", false, true, true},
		{"y", false, true, true},
		{"dijo", false, true, true},
		{"según", false, true, true},
		{"segun", false, true, true}, // tokens are folded: accents gone
		{"más", false, true, true},
		{"mas", false, true, true},
		{"tambien", false, true, true},
		{"donde", false, true, true},
		{"cuando", false, true, true},
		{"although", true, false, true}, // a concessive conjunction carries no topic
		{"aunque", false, true, true},
		{"vs", true, true, true}, // "day one vs the final total" compares, it names nothing
		{"versus", true, true, true},
		{"embassy", false, false, false},
		{"embajada", false, false, false},
		{"glas", false, false, false},
		{"2016", false, false, false},
		{"", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := lang.IsStop(lang.English, tt.word); got != tt.en {
				t.Errorf("IsStop(en, %q) = %v, want %v", tt.word, got, tt.en)
			}
			if got := lang.IsStop(lang.Spanish, tt.word); got != tt.es {
				t.Errorf("IsStop(es, %q) = %v, want %v", tt.word, got, tt.es)
			}
			if got := lang.IsStop("", tt.word); got != tt.unknown {
				t.Errorf("IsStop(\"\", %q) = %v, want %v", tt.word, got, tt.unknown)
			}
		})
	}
}

// TestIsStopSeesTokens checks stop words as Tokenize hands them over: folded,
// so a capital or an accent does not hide one.
func TestIsStopSeesTokens(t *testing.T) {
	tests := []struct {
		l  lang.Lang
		in string
	}{
		{lang.English, "The"},
		{lang.English, "Don’t"},
		{lang.Spanish, "Según"},
		{lang.Spanish, "Él"},
		{lang.Spanish, "Cómo"},
		{lang.Spanish, "Más"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			toks := lang.Tokenize(tt.in)
			if len(toks) != 1 {
				t.Fatalf("Tokenize(%q) = %+v", tt.in, toks)
			}
			if !lang.IsStop(tt.l, toks[0].Text) {
				t.Errorf("IsStop(%s, %q) = false for %q", tt.l, toks[0].Text, tt.in)
			}
		})
	}
}
