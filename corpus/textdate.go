package corpus

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/lang"
)

// Where a text's own date is looked for: the first lines of its body, on a
// short line without final punctuation ("San Aurelio, 28 de marzo de
// 2025", "March 28, 2025") or in the dateline that opens one ("Lima, 14 de
// marzo de 2031.- El Ministerio…"); not in a sentence, which may give the
// date of an event.
const (
	dateLines     = 8
	dateLineWords = 16
)

// publishedKeys name a text's own date in a "Key: value" line.
var publishedKeys = map[string]bool{"date": true, "dated": true, "published": true, "updated": true, "last updated": true,
	"fecha": true, "publicado": true, "actualizado": true, "actualizacion": true, "fecha de publicacion": true}

// datelineEnds close a dateline before the story: "Lima, 14 de marzo.- El…".
var datelineEnds = []string{".-", " — ", " – ", " -- "}

// textDate returns, as YYYY-MM-DD, the full date (day, month and year) that
// one of the first lines of body gives as a date line or dateline, or "".
// It serves a text without front matter, whose date is written in it.
func textDate(body string) string {
	lines := strings.Split(body, "\n")
	for i, line := range lines {
		if i == dateLines {
			break
		}
		line = strings.TrimSpace(line)
		for _, end := range datelineEnds {
			if head, _, ok := strings.Cut(line, end); ok {
				line = head
				break
			}
		}
		if line == "" || len(strings.Fields(line)) > dateLineWords || lang.LineKind(line) == lang.Prose {
			continue
		}
		if key, _, ok := strings.Cut(line, ": "); ok && lang.Keyed(line) && !publishedKeys[lang.Fold(strings.ToLower(key))] {
			continue // "Born: 10 September 1969", "Fecha del derrame: 3 de marzo": another's date
		}
		if d := fullDate(lang.Tokenize(line)); d != "" {
			return d
		}
	}
	return ""
}

// fullDate finds "28 de marzo de 2025", "28 March 2025" or "March 28,
// 2025" among the tokens.
func fullDate(toks []lang.Token) string {
	num := func(i, lo, hi int) (int, bool) {
		if i < 0 || i >= len(toks) || !toks[i].Number {
			return 0, false
		}
		n, err := strconv.Atoi(toks[i].Text)
		return n, err == nil && n >= lo && n <= hi
	}
	skip := func(i int) int { // "de" or "del" between the parts
		if i < len(toks) && (toks[i].Text == "de" || toks[i].Text == "del") {
			return i + 1
		}
		return i
	}
	for i, t := range toks {
		m, ok := lang.Month(t.Text)
		if !ok {
			continue
		}
		day, dayOK := num(i-1, 1, 31)
		if !dayOK && i >= 2 && toks[i-1].Text == "de" {
			day, dayOK = num(i-2, 1, 31)
		}
		year, yearOK := num(skip(i+1), 1900, 2100)
		if !dayOK { // "March 28, 2025"
			day, dayOK = num(i+1, 1, 31)
			year, yearOK = num(i+2, 1900, 2100)
		}
		if dayOK && yearOK {
			d := time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
			if d.Day() == day { // not 31 April
				return fmt.Sprintf("%04d-%02d-%02d", year, int(m), day)
			}
		}
	}
	return ""
}
