package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text, and what kind of
// unit it holds.
type Span struct {
	Start, End int
	// Kind is Prose for a sentence; Sentences marks lines that are not
	// running text. The zero value keeps spans built by hand sentences.
	Kind Kind `json:",omitempty"`
}

// Sentences splits a text into sentences and returns their spans, with
// surrounding white space trimmed.
//
// A sentence ends at . ! ? or … (with any closing quotes, brackets and
// citation markers like [2] after it) followed by white space and a word that
// may start a sentence (a capital, a digit, an opening quote, ¿ or ¡), except
// after abbreviations ("Mr.", "v.", "U.S.") and initials, and never inside a
// quotation that is closed on the same line (“…”, «…», "…"), so a quoted
// remark stays with its speaker.
//
// A line break ends a sentence unless the line wraps (see Wraps): a line
// without final punctuation followed by one that starts in lower case is one
// sentence across the break. Every line is its own unit otherwise: a line
// that is a heading, byline or dateline is one span of Kind Heading, a
// "Key: value" line one span of Kind Item, the first sentence of a list item
// is of Kind Item (its span starts after the marker, which is in no span),
// and a line without final punctuation that holds one unit is of Kind Line.
//
// Sentences takes time linear in the length of text.
func Sentences(text string) []Span {
	var spans []Span
	start := 0 // of the logical line
	for start < len(text) {
		end := wrappedLineEnd(text, start)
		spans = appendLine(spans, text, start, end)
		start = end + 1
	}
	return spans
}

// wrappedLineEnd returns the end of the logical line that starts at start:
// the first line break that does not fall inside a wrapped sentence, or
// len(text).
func wrappedLineEnd(text string, start int) int {
	lineStart := start
	for {
		end := indexNewline(text, lineStart)
		if end == len(text) {
			return end
		}
		nextEnd := indexNewline(text, end+1)
		if !Wraps(text[lineStart:end], text[end+1:nextEnd]) {
			return end
		}
		lineStart = end + 1
	}
}

func indexNewline(text string, from int) int {
	if i := strings.IndexByte(text[from:], '\n'); i >= 0 {
		return from + i
	}
	return len(text)
}

// appendLine appends the units of the logical line text[start:end].
func appendLine(spans []Span, text string, start, end int) []Span {
	sp, ok := trimSpan(text, start, end)
	if !ok {
		return spans
	}
	line := text[sp.Start:sp.End]
	switch kind := lineKind(line); kind {
	case Heading, Item:
		sp.Kind = kind
		return append(spans, sp)
	}
	first := len(spans)
	if n := listMarkerLen(line); n > 0 {
		// the item's text starts after its marker
		if sp, ok = trimSpan(text, sp.Start+n, sp.End); !ok {
			return spans
		}
		spans = appendProse(spans, text, sp.Start, sp.End)
		spans[first].Kind = Item
		return spans
	}
	spans = appendProse(spans, text, sp.Start, sp.End)
	if len(spans) == first+1 && isFragment(line) {
		spans[first].Kind = Line
	}
	return spans
}

// appendProse appends the sentences of text[start:end], a logical line that
// starts and ends with a non-space character.
func appendProse(spans []Span, text string, start, end int) []Span {
	quotes := closedQuotes(text, start, end)
	from := start
	q := 0 // first quotation that does not end before i
	for i := start; i < end; {
		r, n := stopMarkAt(text[i:end])
		if n == 0 {
			i++ // a byte of another character: marks are whole characters
			continue
		}
		for q < len(quotes) && quotes[q].End <= i {
			q++
		}
		stop := skipClosers(text, i+n, end)
		inside := q < len(quotes) && quotes[q].Start < i && stop < quotes[q].End
		if !inside {
			if brk, ok := sentenceBreak(text, i, r, stop, end); ok {
				if sp, ok := trimSpan(text, from, brk); ok {
					spans = append(spans, sp)
				}
				from = brk
			}
		}
		i = stop
	}
	if sp, ok := trimSpan(text, from, end); ok {
		spans = append(spans, sp)
	}
	return spans
}

func isStopMark(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// stopMarkAt returns the stop mark s starts with and its length, or 0, 0.
// Bytes that are part of other characters never match.
func stopMarkAt(s string) (rune, int) {
	switch s[0] {
	case '.', '!', '?':
		return rune(s[0]), 1
	case "…"[0]:
		if strings.HasPrefix(s, "…") {
			return '…', len("…")
		}
	}
	return 0, 0
}

// skipClosers returns the end of a run of repeated stop marks and closing
// quotes or brackets that starts at i.
func skipClosers(text string, i, end int) int {
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !isStopMark(r) && !isCloser(r) {
			break
		}
		i += n
	}
	return i
}

func isCloser(r rune) bool {
	switch r {
	case ')', ']', '”', '»', '’', '"', '›', '\'':
		return true
	}
	return false
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

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
	return Span{Start: start, End: end}, end > start
}
