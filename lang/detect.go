package lang

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
	}
	for _, r := range s {
		switch r {
		case 'ñ', 'Ñ', '¿', '¡', 'á', 'é', 'í', 'ó', 'ú':
			es++
		}
	}
	switch {
	case es > en:
		return Spanish
	case en > es:
		return English
	}
	return fallback
}
