package lang

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a unit returned by Sentences is.
type Kind uint8

const (
	// Prose is a sentence of running text.
	Prose Kind = iota
	// Line is a whole line without final punctuation: a headline, a caption,
	// a standfirst, or text cut short. It may be quoted, but is weaker
	// evidence than a sentence.
	Line
	// Item is a list item ("- …", "1. …") or a "Key: value" line of an info
	// box ("Born: 3 May 1969").
	Item
	// Heading is a marked heading ("# …", "== … ==", "– … –"), a line in
	// capitals, a byline ("By Jane Doe") or a dateline standing alone
	// ("QUITO, Ecuador (AP) —"): context for the text below it, never an
	// answer.
	Heading
)

func (k Kind) String() string {
	switch k {
	case Prose:
		return "prose"
	case Line:
		return "line"
	case Item:
		return "item"
	case Heading:
		return "heading"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// LineKind classifies one line of text (surrounding white space ignored) as
// Sentences would: Heading or Item for a line that is one unit of its own,
// Line for one without final punctuation, Prose otherwise.
func LineKind(line string) Kind {
	line = strings.TrimSpace(line)
	switch {
	case lineKind(line) != Prose:
		return lineKind(line)
	case hasListMarker(line):
		return Item
	case isFragment(line):
		return Line
	}
	return Prose
}

// isFragment reports whether a trimmed line ends without final punctuation
// and without a citation marker.
func isFragment(line string) bool {
	return line != "" && !endsTerminal(line) && lastRune(line) != ']'
}

// lineKind returns Heading or Item for a trimmed line that is one unit by
// its form alone, or Prose.
func lineKind(line string) Kind {
	switch {
	case line == "":
		return Prose
	case isMarkedHeading(line):
		return Heading
	case endsTerminal(line) || hasListMarker(line):
		return Prose
	case isByline(line) || isDateline(line) || isCapitals(line) || isCredit(line):
		return Heading
	case isKeyValue(line):
		return Item
	}
	return Prose
}

// Wraps reports whether a line break between line and next falls inside a
// sentence, as in text hard-wrapped by a court filing or a PDF: line is
// running text that ends without final punctuation, and next goes on in
// lower case, or line ends with a comma or a word like "of" or "de".
func Wraps(line, next string) bool {
	line, next = strings.TrimSpace(line), strings.TrimSpace(next)
	if line == "" || next == "" || lineKind(line) != Prose || endsTerminal(line) || startsBlock(next) {
		return false
	}
	if unicode.IsLower(firstRune(next)) {
		return true
	}
	switch lastRune(strings.TrimRightFunc(line, isCloser)) {
	case ',', ';':
		return true
	}
	i := strings.LastIndexFunc(line, func(r rune) bool { return !isWordRune(r) })
	last := line[i+1:]
	if i >= 0 {
		_, n := utf8.DecodeRuneInString(line[i:])
		last = line[i+n:]
	}
	return connectors[last]
}

// connectors are lower-case words a sentence does not end on.
var connectors = set("of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "by", "for", "with",
	"from", "that", "as", "than", "its", "his", "her", "their", "into", "between",
	"de", "del", "la", "el", "los", "las", "un", "una", "y", "e", "o", "u", "en", "con", "por",
	"para", "que", "al", "su", "sus", "se", "entre", "sobre", "ante", "contra")

// startsBlock reports whether a line opens a unit of its own whatever comes
// before it: a list item or a marked heading.
func startsBlock(line string) bool {
	return hasListMarker(line) || isMarkedHeading(line) || isByline(line)
}

// endsTerminal reports whether a trimmed line ends with a stop mark, before
// any closing quotes, brackets or citation markers.
func endsTerminal(line string) bool {
	for line != "" {
		r, n := utf8.DecodeLastRuneInString(line)
		switch {
		case isStopMark(r):
			return true
		case r == ']':
			j := strings.LastIndexByte(line, '[')
			if j < 0 || skipMarkers(line, j, len(line)) != len(line) {
				return false // a bracket, not a citation marker
			}
			line = strings.TrimRightFunc(line[:j], unicode.IsSpace)
		case isCloser(r):
			line = line[:len(line)-n]
		default:
			return false
		}
	}
	return false
}

// hasListMarker reports whether a line starts like a list item: "- ", "* ",
// "• ", "1. ", "2) ", "a) ".
func hasListMarker(line string) bool { return listMarkerLen(line) > 0 }

// listMarkerLen returns the length of the list marker a line starts with,
// or 0.
func listMarkerLen(line string) int {
	i := 0
	switch r, n := utf8.DecodeRuneInString(line); r {
	case '-', '*', '+', '•', '▪', '◦', '·':
		i = n
	default:
		for i < len(line) && i < 3 && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i == 0 && len(line) > 1 && line[0] >= 'a' && line[0] <= 'z' && line[1] == ')' {
			i = 1
		}
		if i == 0 || i >= len(line) || line[i] != '.' && line[i] != ')' {
			return 0
		}
		i++
	}
	if i >= len(line) || line[i] != ' ' && line[i] != '\t' {
		return 0
	}
	return i
}

// isMarkedHeading reports whether a line is a heading by its marks: Markdown
// "# Title", wiki "== Section ==", or a news subhead between dashes
// "– Harm caused –".
func isMarkedHeading(line string) bool {
	if n := len(line) - len(strings.TrimLeft(line, "#")); n >= 1 && n <= 6 {
		return n == len(line) || line[n] == ' ' || line[n] == '\t'
	}
	if len(line) > 2 && line[0] == '=' && line[len(line)-1] == '=' {
		return strings.Trim(line, "= \t") != ""
	}
	const dashes = "-–—"
	first, last := firstRune(line), lastRune(line)
	if strings.ContainsRune(dashes, first) && strings.ContainsRune(dashes, last) && utf8.RuneCountInString(line) > 4 {
		inner := strings.Trim(line, dashes)
		return inner != "" && unicode.IsSpace(firstRune(inner)) && unicode.IsSpace(lastRune(inner)) && strings.TrimSpace(inner) != ""
	}
	return false
}

// isByline reports whether a line names an article's author alone: "By Jane
// Doe", "Por María Pérez y Juan Ruiz", "By JANE DOE, Associated Press".
func isByline(line string) bool {
	rest, ok := cutPrefixFold(line, "by ", "por ", "written by ", "reporting by ", "text by ")
	if !ok || !unicode.IsUpper(firstRune(rest)) || endsTerminal(line) {
		return false
	}
	words := strings.Fields(rest)
	if len(words) > 10 {
		return false
	}
	for _, w := range words {
		r := firstRune(w)
		if !unicode.IsUpper(r) && !nameJoiners[strings.ToLower(w)] && !strings.Contains(w, "@") && r != '|' && r != '(' {
			return false
		}
	}
	return true
}

// nameJoiners are the lower-case words of a byline's names and outlets.
var nameJoiners = set("and", "y", "e", "de", "del", "la", "van", "von", "der", "da", "dos", "the", "of", "in", "en", "for", "para", "-", "—", "–", "|")

func cutPrefixFold(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return strings.TrimSpace(s[len(p):]), true
		}
	}
	return s, false
}

// isDateline reports whether a line is a dateline standing alone: a place in
// capitals, maybe an agency, and a dash: "QUITO, Ecuador (AP) —",
// "TEGUCIGALPA, HONDURAS.-", "MEXICO CITY:".
func isDateline(line string) bool {
	body := strings.TrimRight(line, " -–—:.")
	if body == line || body == "" || len(strings.Fields(body)) > 8 {
		return false
	}
	first := strings.FieldsFunc(body, func(r rune) bool { return !unicode.IsLetter(r) })
	return len(first) > 0 && len(first[0]) >= 2 && strings.ToUpper(first[0]) == first[0]
}

// isCapitals reports whether a short line is written in capitals: "BACKGROUND",
// "QUITO, ECUADOR".
func isCapitals(line string) bool {
	letters := 0
	for _, r := range line {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 3 && len(strings.Fields(line)) <= 12
}

// isCredit reports whether a line is a page's credit or link line rather
// than the article's text: "Photo: AP / Dolores Ochoa", "Lea también: …".
func isCredit(line string) bool {
	key, _, ok := strings.Cut(line, ":")
	return ok && creditKeys[Fold(strings.TrimSpace(key))]
}

var creditKeys = set("photo", "photos", "foto", "fotos", "image", "imagen", "credit", "crédito", "video", "vídeo",
	"file photo", "foto de archivo", "source", "fuente", "read more", "read also", "see also", "related",
	"lea también", "lee también", "te puede interesar", "relacionado", "relacionados", "tags", "etiquetas",
	"share", "compartir", "photo illustration", "editor's note", "nota del editor")

// isKeyValue reports whether a line is an info box's "Key: value": a short
// capitalised key of at most four words, a colon and a space, and a short
// value without final punctuation.
func isKeyValue(line string) bool {
	return Keyed(line) && len(strings.Fields(line)) <= 16
}

// Keyed reports whether a trimmed line opens as an info box's "Key: value"
// does, whatever the value's length: a capitalised key of at most four
// words without sentence marks, a colon and a space, and a value.
func Keyed(line string) bool {
	key, value, ok := strings.Cut(line, ": ")
	if !ok || key == "" || strings.TrimSpace(value) == "" || !unicode.IsUpper(firstRune(key)) {
		return false
	}
	return len(strings.Fields(key)) <= 4 && !strings.ContainsAny(key, ".!?\"“”«»")
}
