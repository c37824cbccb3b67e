package corpus

import (
	"strings"

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
		if key, _, ok := strings.Cut(line, ": "); ok && lang.Keyed(line) && !publishedKeys[lang.Fold(key)] {
			continue // "Born: 10 September 1969", "Fecha del derrame: 3 de marzo": another's date
		}
		if ds := lang.FullDates(lang.Fold(line)); len(ds) > 0 {
			return ds[0].Date.Format("2006-01-02")
		}
	}
	return ""
}
