package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text.
type Span struct{ Start, End int }

// abbreviations end with a dot that does not end a sentence (folded, without
// the dot). Single letters (initials) are handled apart.
var abbreviations = set(
	// English
	"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep",
	"lt", "col", "capt", "sgt", "rev", "hon", "pres", "vs", "etc", "inc", "ltd",
	"co", "corp", "approx", "dept", "est", "mt", "ave",
	// Spanish
	"sra", "srta", "dra", "lic", "ing", "arq", "gral", "excmo", "ud", "uds", "vd",
	"ee", "uu", "aprox", "cía",
)

func isOpenQuote(r rune) bool { return r == '“' || r == '«' || r == '‘' }

// Sentences splits a paragraph into sentences and returns their spans, with
// surrounding white space trimmed. A sentence ends at . ! ? or … followed by
// white space and a word that may start a sentence (a capital, a digit, an
// opening quote, ¿ or ¡), except after abbreviations ("Mr.", "U.S.") and
// initials, and never inside a quotation (“…”, «…», "…"), so a quoted remark
// stays with its speaker. Line breaks always end a sentence.
func Sentences(text string) []Span {
	var spans []Span
	start := 0
	depth := 0        // open double typographic quotes (“…”, «…»)
	single := 0       // open single typographic quotes (‘…’)
	straight := false // inside "…"
	quoteStart := 0
	emit := func(end int) {
		if sp, ok := trimSpan(text, start, end); ok {
			spans = append(spans, sp)
		}
		start = end
		depth, single, straight = 0, 0, false
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			emit(i)
			i += n
			continue
		case r == '‘' && (i == 0 || !isWordRune(lastRune(text[:i]))):
			if depth == 0 && single == 0 && !straight {
				quoteStart = i
			}
			single++
		case r == '’' && single > 0 && !isWordRune(nextRune(text[i+n:])):
			single--
		case r == '“' || r == '«':
			if depth == 0 && single == 0 && !straight {
				quoteStart = i
			}
			depth++
		case (r == '”' || r == '»') && depth > 0:
			depth--
		case r == '"':
			straight = !straight
			if straight && depth == 0 {
				quoteStart = i
			}
		case r == '.' || r == '!' || r == '?' || r == '…':
			end := i + n
			// swallow repeated marks and closing quotes or brackets
			for end < len(text) {
				nr, nn := utf8.DecodeRuneInString(text[end:])
				if nr == '.' || nr == '!' || nr == '?' || nr == '…' || nr == ')' || nr == ']' {
					end += nn
					continue
				}
				if (nr == '”' || nr == '»') && depth > 0 {
					depth--
					end += nn
					continue
				}
				if nr == '’' && single > 0 {
					single--
					end += nn
					continue
				}
				if nr == '"' && straight {
					straight = false
					end += nn
					continue
				}
				break
			}
			// a quotation left open for too long was probably never closed
			if (depth > 0 || single > 0 || straight) && i-quoteStart > 600 {
				depth, single, straight = 0, 0, false
			}
			if depth == 0 && single == 0 && !straight && endsSentence(text, i, r, end) {
				emit(end)
			}
			i = end
			continue
		}
		i += n
	}
	emit(len(text))
	return spans
}

// endsSentence decides whether the mark r at i, with the sentence running to
// end, closes a sentence.
func endsSentence(text string, i int, r rune, end int) bool {
	if end >= len(text) {
		return true
	}
	nr, _ := utf8.DecodeRuneInString(text[end:])
	if !unicode.IsSpace(nr) {
		return false
	}
	next := strings.TrimLeftFunc(text[end:], func(r rune) bool { return r != '\n' && unicode.IsSpace(r) })
	if next == "" || next[0] == '\n' {
		return true
	}
	fr, _ := utf8.DecodeRuneInString(next)
	starts := unicode.IsUpper(fr) || unicode.IsDigit(fr) || isOpenQuote(fr) || fr == '"' || fr == '¿' || fr == '¡' || fr == '(' || fr == '—' || fr == '-'
	if !starts {
		return false
	}
	if r != '.' {
		return true
	}
	// the word before the dot
	w := i
	for w > 0 {
		pr, pn := utf8.DecodeLastRuneInString(text[:w])
		if !isWordRune(pr) && pr != '.' {
			break
		}
		w -= pn
	}
	word := text[w:i]
	if word == "" {
		return true
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(firstRune(word)) {
		return false // an initial: "Jorge D. Glas"
	}
	if strings.Contains(word, ".") {
		// U.S., a.m.: an initialism ends a sentence only before a word that
		// usually starts one.
		return startsWithCommonOpener(next)
	}
	fw := Fold(word)
	if numberedAbbreviations[fw] {
		// "No. 5", "art. 3", "Mar. 12": an abbreviation only before a number
		r, _ := utf8.DecodeRuneInString(next)
		return !unicode.IsDigit(r)
	}
	return !abbreviations[fw]
}

// numberedAbbreviations are words that abbreviate only before a number and
// otherwise end a sentence as words ("He said no.", "Se fue al mar.").
var numberedAbbreviations = set("no", "nº", "núm", "num", "art", "pág", "pag", "fig", "vol", "cap",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

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
	switch toks[0].Text {
	case "the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "that", "in", "on", "but", "and",
		"el", "la", "los", "las", "en", "pero", "y", "un", "una":
		return true
	}
	return false
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }
func nextRune(s string) rune  { return firstRune(s) }

func trimSpan(text string, start, end int) (Span, bool) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return Span{start, end}, end > start
}
