// Package lang holds footnote's language knowledge: tokenising, stop words,
// stemming, sentence splitting, text folding and language detection for the
// two languages articles and questions come in, English and Spanish.
//
// Everything here is pure and safe for concurrent use.
package lang

// Lang is an ISO 639-1 language code. Only English and Spanish get stop words
// and stemming; any other value is treated like English for tokenising.
type Lang string

const (
	English Lang = "en"
	Spanish Lang = "es"
)

// Parse maps a language name or tag ("es", "es-MX", "spanish", "Español") to a
// Lang. ok is false when the language is not one footnote knows.
func Parse(s string) (l Lang, ok bool) {
	s = Fold(s)
	if len(s) > 2 && (s[2] == '-' || s[2] == '_') {
		s = s[:2]
	}
	switch s {
	case "en", "english", "ingles":
		return English, true
	case "es", "spanish", "espanol", "español", "castellano":
		return Spanish, true
	}
	return "", false
}

// Name returns the language's English name, for prompts and messages.
func (l Lang) Name() string {
	if l == Spanish {
		return "Spanish"
	}
	return "English"
}
