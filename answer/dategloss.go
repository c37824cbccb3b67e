package answer

import (
	"fmt"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/timeline"
)

// dateGloss returns, for a when question answered by a sentence that
// holds the date asked for but names its day only relatively ("late
// Friday", "the following day"), the day that is, resolved against the
// article's date, to append to the answer: " (Friday was 5 April 2024.)".
// The quote stays as written; the gloss is ours and says so by its
// brackets. "" when the sentence is not the typed answer, nothing in it is
// relative, the article is undated, or it speaks of what is to come (a
// weekday then lies ahead, not behind).
func dateGloss(l lang.Lang, c *candidate) string {
	article, ok := docDate(c.doc)
	if !ok || !c.typed {
		return ""
	}
	if speaksOfFuture(c.terms) {
		return ""
	}
	var parts []string
	for _, r := range timeline.Relatives(c.text(), article) {
		parts = append(parts, fmt.Sprintf(glossFormat[l], relativeWord(l, r), longDate(l, r.Date)))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ".)"
}

var glossFormat = map[lang.Lang]string{lang.English: "%s was %s", lang.Spanish: "%s fue el %s"}

// relativeWord writes how a sentence named a day, in language l, to open
// a gloss: "Friday", "El miércoles", "The following day".
func relativeWord(l lang.Lang, r timeline.Relative) string {
	es := l == lang.Spanish
	switch r.Kind {
	case timeline.Weekday:
		name := lang.WeekdayName(l, r.Date.Weekday())
		if es {
			return "El " + name
		}
		return strings.ToUpper(name[:1]) + name[1:]
	case timeline.Yesterday:
		return inLang(es, "Ayer", "Yesterday")
	case timeline.Today:
		return inLang(es, "Hoy", "Today")
	case timeline.NextDay:
		return inLang(es, "Al día siguiente", "The following day")
	}
	return inLang(es, "El día anterior", "The previous day")
}

func inLang(es bool, spanish, english string) string {
	if es {
		return spanish
	}
	return english
}

// docDate is an article's date, when it has one.
func docDate(d *corpus.Document) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", d.Date)
	return t, err == nil
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
