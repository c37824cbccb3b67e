package lang

import "strings"

// Detect guesses whether s is English or Spanish from its stop words and
// letters, returning fallback when the text gives no evidence either way.
func Detect(s string, fallback Lang) Lang {
	var en, es int
	for i, t := range Tokenize(s) {
		if i > 2000 {
			break
		}
		inEN, inES := IsStop(English, t.Text), IsStop(Spanish, t.Text)
		if inEN && !inES {
			en++
		}
		if inES && !inEN {
			es++
		}
		if !t.Upper {
			// a name's accents say nothing of the language around it
			// ("Which judge sentenced Raúl Benítez?")
			for _, r := range s[t.Start:t.End] {
				switch r {
				case 'ñ', 'á', 'é', 'í', 'ó', 'ú':
					es++
				}
			}
		}
	}
	es += strings.Count(s, "¿") + strings.Count(s, "¡")
	switch {
	case es > en:
		return Spanish
	case en > es:
		return English
	}
	return fallback
}
