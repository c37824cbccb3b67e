package answer

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanQuestion(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
	}{
		{"  Who was arrested?  ", "Who was arrested?", false},
		{"Who\x00 was\tarrested\n?", "Who was arrested ?", false},
		{"¿Quién fue arrestado?", "¿Quién fue arrestado?", false},
		{"Who\u00a0was arrested?", "Who was arrested?", false},
		{"", "", true},
		{" \t\n ", "", true},
		{"\x00\x01\x1b", "", true},
		{"?!¿¡", "", true},
		{strings.Repeat("a", MaxQuestionRunes+1), "", true},
		{"caf\xe9?", "caf ?", false},
	}
	for _, tt := range tests {
		got, err := CleanQuestion(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("CleanQuestion(%q) = %q, %v", tt.in, got, err)
		}
	}
	if _, err := CleanQuestion(""); !errors.Is(err, ErrEmptyQuestion) {
		t.Errorf("empty question: %v", err)
	}
}
