package answer

import (
	"fmt"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/timeline"
)

// dateGloss returns, for a when question answered by a sentence that
// names its day only relatively ("late Friday", "the following day"),
// the day that is, resolved against the article's date, to append to the
// answer: " (Friday was 5 April 2024.)". The quote stays as written; the
// gloss is ours and says so by its brackets. "" when nothing in the
// sentence is relative, the article is undated, or the sentence speaks
// of what is to come (a weekday then lies ahead, not behind).
func dateGloss(l lang.Lang, c *candidate) string {
	article, err := time.Parse("2006-01-02", c.doc.Date)
	if err != nil {
		return ""
	}
	text := c.text()
	if speaksOfFuture(lang.Terms(c.chunk.Language, text)) {
		return ""
	}
	var parts []string
	for _, r := range timeline.Relatives(text, article) {
		parts = append(parts, fmt.Sprintf(glossFormat[l], relativeWord(l, r.Word), longDate(l, r.Date)))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ".)"
}

var glossFormat = map[lang.Lang]string{lang.English: "%s was %s", lang.Spanish: "%s fue el %s"}

// relativeWord writes a folded relative word of either language for a
// gloss in language l: "Friday", "el miércoles", "The following day".
func relativeWord(l lang.Lang, w string) string {
	if d, ok := lang.Weekday(w); ok {
		if l == lang.Spanish {
			return "el " + lang.WeekdayName(l, d)
		}
		name := lang.WeekdayName(l, d)
		return strings.ToUpper(name[:1]) + name[1:]
	}
	for _, m := range relativeMeanings {
		if m.words[w] {
			if l == lang.Spanish {
				return m.es
			}
			return m.en
		}
	}
	return w
}

// relativeMeanings group the folded relative words of both languages by
// what they mean, with how a gloss writes them.
var relativeMeanings = []struct {
	words  map[string]bool
	en, es string
}{
	{set(`yesterday ayer`), "Yesterday", "Ayer"},
	{set(`today hoy`), "Today", "Hoy"},
	{map[string]bool{"the following day": true, "the next day": true, "the day after": true, "al dia siguiente": true,
		"el dia siguiente": true, "un dia despues": true}, "The following day", "Al día siguiente"},
	{map[string]bool{"the day before": true, "the previous day": true, "el dia anterior": true, "un dia antes": true,
		"la vispera": true}, "The day before", "El día anterior"},
}

// longDate writes a date in language l: "5 April 2024", "5 de abril de
// 2024".
func longDate(l lang.Lang, t time.Time) string {
	m := lang.MonthName(l, t.Month())
	if l == lang.Spanish {
		return fmt.Sprintf("%d de %s de %d", t.Day(), m, t.Year())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), strings.ToUpper(m[:1])+m[1:], t.Year())
}
