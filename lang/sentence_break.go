package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentenceBreak decides whether the stop mark r at i, with its closers
// running to stop, ends a sentence of the line that ends at end. It returns
// where the sentence ends: at stop, or after citation markers that follow it
// ("… Mexico.” [2] Next").
func sentenceBreak(text string, i int, r rune, stop, end int) (int, bool) {
	brk := skipMarkers(text, stop, end)
	if brk == end {
		return brk, true
	}
	if nr, _ := utf8.DecodeRuneInString(text[brk:end]); !unicode.IsSpace(nr) {
		return 0, false
	}
	next := strings.TrimLeftFunc(text[brk:end], unicode.IsSpace)
	if next == "" {
		return brk, true
	}
	if !startsSentence(firstRune(next)) {
		return 0, false
	}
	if r != '.' {
		return brk, true
	}
	return brk, dotEndsSentence(wordBefore(text, i), next)
}

// skipMarkers returns the end of citation markers ("[2]", " [1][3]",
// "[1, 2]") that start at i, or i when there are none.
func skipMarkers(text string, i, end int) int {
	out := i
	for j := i; j < end; {
		for j < end && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j == end || text[j] != '[' {
			break
		}
		k := j + 1
		for k < end && (text[k] >= '0' && text[k] <= '9' || text[k] == ',' || text[k] == ' ' || text[k] == ';') {
			k++
		}
		if k == end || text[k] != ']' || k == j+1 {
			break
		}
		j = k + 1
		out = j
	}
	return out
}

// startsSentence reports whether a word that begins with r may begin a
// sentence.
func startsSentence(r rune) bool {
	switch r {
	case '“', '«', '‘', '"', '¿', '¡', '(', '[', '—', '–', '-':
		return true
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// wordBefore returns the word, dots included, that ends at i ("U.S" for the
// last dot of "U.S.").
func wordBefore(text string, i int) string {
	w := i
	for w > 0 {
		pr, pn := utf8.DecodeLastRuneInString(text[:w])
		if !isWordRune(pr) && pr != '.' {
			break
		}
		w -= pn
	}
	return text[w:i]
}

// dotEndsSentence decides whether a dot after word, followed by white space
// and next (which starts like a sentence), ends a sentence.
func dotEndsSentence(word, next string) bool {
	if word == "" {
		return true
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(firstRune(word)) {
		return false // an initial: "Jorge D. Glas"
	}
	if strings.Contains(word, ".") {
		// U.S., a.m., EE.UU.: an initialism ends a sentence only before a
		// word that usually starts one. A web address (www.gob.ec) ends one.
		return !isInitialismWord(word) || startsWithCommonOpener(next)
	}
	fw := Fold(word)
	switch {
	case numberedAbbreviations[fw]:
		// "No. 5", "art. 3", "Mar. 12": an abbreviation only before a number
		return !unicode.IsDigit(firstRune(next))
	case finalAbbreviations[fw]:
		return startsWithCommonOpener(next)
	}
	return !abbreviations[fw]
}

// isInitialismWord reports whether every dot-separated part of word has at
// most two letters: "U.S", "a.m", "EE.UU", "Ph.D", but not "www.gob.ec".
func isInitialismWord(word string) bool {
	for part := range strings.SplitSeq(word, ".") {
		if utf8.RuneCountInString(part) > 2 {
			return false
		}
	}
	return true
}

// abbreviations end with a dot that does not end a sentence (folded, without
// the dot): titles and words that stand before a name. Single capitals
// (initials) are handled apart.
var abbreviations = set(
	// English
	"mr", "mrs", "ms", "dr", "prof", "sr", "st", "gen", "gov", "sen", "rep",
	"lt", "col", "capt", "sgt", "rev", "hon", "pres", "vs", "v", "approx", "dept",
	"est", "mt", "ave", "adm", "maj", "cmdr", "supt", "insp", "atty", "amb", "cf", "ca",
	// Spanish
	"sra", "srta", "sres", "sras", "dra", "dres", "lic", "ing", "arq", "gral", "excmo",
	"excma", "ud", "uds", "vd", "ee", "aprox", "cía", "profa", "mons", "pdte", "pdta",
	"av", "avda", "cnel", "tte", "sgto", "ej", "dña",
)

// finalAbbreviations often end a sentence too ("Acme Inc.", "water, etc."):
// they end one before a word that usually starts a sentence.
var finalAbbreviations = set("etc", "inc", "ltd", "co", "corp", "jr", "uu", "sa", "cia")

// numberedAbbreviations are words that abbreviate only before a number and
// otherwise end a sentence as words ("He said no.", "Se fue al mar.").
var numberedAbbreviations = set("no", "nº", "núm", "num", "nos", "art", "arts", "pág", "pag", "p", "pp",
	"fig", "vol", "cap", "párr", "parr", "sec",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"ene", "abr", "ago", "dic")

// startsWithCommonOpener reports whether s begins with a word that often starts
// a sentence, so "in the U.S. The president said" still splits.
func startsWithCommonOpener(s string) bool {
	if i := strings.IndexAny(s, " \t\n"); i >= 0 {
		s = s[:i] // only the first word matters: keep this linear
	}
	toks := Tokenize(s)
	if len(toks) == 0 {
		return true
	}
	return commonOpeners[toks[0].Text]
}

var commonOpeners = set("the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "that", "in", "on",
	"but", "and", "his", "her", "its", "their", "there", "after", "at", "for", "as", "when", "while",
	"el", "la", "los", "las", "en", "pero", "y", "un", "una", "su", "sus", "tras", "con", "para",
	"este", "esta", "ese", "esa", "según", "desde", "luego", "ademas", "sin")
