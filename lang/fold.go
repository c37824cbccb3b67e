package lang

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in Unicode NFKC with every kind of space (non-breaking,
// thin, ideographic) made a plain space and carriage returns dropped. It
// keeps quotes and accents as written: this is the text footnote quotes back.
func Normalize(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return -1
		case r == '\n' || r == '\t':
			return r
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad':
			return -1 // zero-width space, BOM, soft hyphen
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
}

// foldRune maps a rune to its loose-matching form: lower case, without
// accents, with every quote and apostrophe made plain and every dash a hyphen.
func foldRune(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′', '`', '´':
		return '\''
	case '“', '”', '„', '‟', '«', '»', '″':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	case 'ñ', 'Ñ':
		return 'ñ'
	}
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	if b, ok := accentBase[unicode.ToLower(r)]; ok {
		return b
	}
	return unicode.ToLower(r)
}

var accentBase = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ç': 'c', 'ý': 'y', 'ÿ': 'y',
}

// Fold returns s for loose matching: NFKC, lower case, accents removed (ñ
// kept), quotes and dashes unified and runs of white space made one space.
// Two strings that a reader would call the same sentence fold equal.
func Fold(s string) string {
	// NFKC would split an acute accent used as an apostrophe into a space
	// and a combining mark
	s = norm.NFKC.String(strings.ReplaceAll(s, "´", "'"))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// ContainsFold reports whether needle occurs in haystack after both are folded.
func ContainsFold(haystack, needle string) bool {
	return strings.Contains(Fold(haystack), Fold(needle))
}
