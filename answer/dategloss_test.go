package answer

import "testing"

// What footnote adds to an answer is no part of the conversation's text.
func TestCleanTurnTextDropsDecorations(t *testing.T) {
	for in, want := range map[string]string{
		"Police stormed the embassy late Friday. [1] (Friday was 5 April 2024.)":       "Police stormed the embassy late Friday.",
		"A fecha de 2025-05-13: Otálora preside el consejo. [1]":                       "Otálora preside el consejo.",
		"La policía entró el miércoles. [1] (el miércoles fue el 3 de abril de 2024.)": "La policía entró el miércoles.",
		"Talks (which began in 2019) resumed. [1]":                                     "Talks (which began in 2019) resumed.",
	} {
		if got := fuCleanTurnText(in); got != want {
			t.Errorf("fuCleanTurnText(%q) = %q, want %q", in, got, want)
		}
	}
}
