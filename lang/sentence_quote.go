package lang

import "unicode/utf8"

// maxQuote is the longest quotation, in bytes, kept in one sentence with its
// speaker; inside a longer one, sentences are split as outside.
const maxQuote = 600

// quoteOpen is an opening quotation mark seen and not yet closed.
type quoteOpen struct {
	at    int
	close rune // the mark that closes it
}

// closedQuotes returns the outermost quotations of text[start:end] that are
// closed within it, in order, as spans from the opening mark to just after
// the closing one. An opening mark never closed (a quote that runs on into
// the next paragraph, or a typo) quotes nothing, so it cannot glue the rest
// of the line into one sentence. Marks pair as nested: “…‘…’…”, «…“…”…»,
// and a straight " closes an open straight quote, else opens one. A ’ before
// a letter, or with no ‘ innermost open, is an apostrophe.
func closedQuotes(text string, start, end int) []Span {
	var stack [8]quoteOpen
	open := stack[:0]
	var out []Span
	for i := start; i < end; {
		if c := text[i]; c != '"' && c != 0xE2 && c != 0xC2 {
			i++ // not the first byte of a quotation mark
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:end])
		prev := rune(0)
		if i > start {
			prev, _ = utf8.DecodeLastRuneInString(text[start:i])
		}
		k := -1
		if !(r == '’' && isWordRune(firstRune(text[i+n:end]))) {
			k = closedBy(open, r)
		}
		switch {
		case k >= 0:
			at := open[k].at
			open = open[:k]
			// a closed quotation holds those closed inside it
			for len(out) > 0 && out[len(out)-1].Start > at {
				out = out[:len(out)-1]
			}
			out = append(out, Span{Start: at, End: i + n})
		case r == '“' || r == '«' || r == '‹' || r == '"' || r == '‘' && !isWordRune(prev):
			open = append(open, quoteOpen{at: i, close: closer(r)})
		}
		i += n
	}
	kept := out[:0]
	for _, q := range out {
		if q.End-q.Start <= maxQuote {
			kept = append(kept, q)
		}
	}
	return kept
}

// closer returns the mark that closes the opening quotation mark r.
func closer(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '«':
		return '»'
	case '‹':
		return '›'
	case '‘':
		return '’'
	}
	return r
}

// closedBy returns the index of the open quotation that r closes, or -1. A
// straight quote or an apostrophe closes only the innermost one.
func closedBy(open []quoteOpen, r rune) int {
	switch r {
	case '”', '»', '›':
		for k := len(open) - 1; k >= 0; k-- {
			if open[k].close == r {
				return k
			}
		}
	case '’', '"':
		if k := len(open) - 1; k >= 0 && open[k].close == r {
			return k
		}
	}
	return -1
}
