package timeline

import (
	"regexp"
	"time"

	"github.com/footnote-bot/footnote/lang"
)

// RelativeKind says how a sentence names a day relatively.
type RelativeKind int

const (
	Weekday   RelativeKind = iota // "on Friday", "el miércoles"
	Yesterday                     // "yesterday", "ayer"
	Today                         // "today", "hoy"
	NextDay                       // "the following day", "al día siguiente"
	DayBefore                     // "the previous day", "el día anterior"
)

// Relative is a day a sentence names only relatively, resolved: "Friday"
// in an article of Saturday 6 April 2024 is 5 April 2024.
type Relative struct {
	Kind RelativeKind
	Date time.Time
}

// nextDay and dayBefore name the day after or before a date the sentence
// gives earlier ("On 3 March it announced an embargo, which took effect
// the following day"). "The day after" and "la víspera" are left out:
// they are as often the day after an event ("the day after the vote").
var (
	nextDay   = regexp.MustCompile(`\b(?:the following day|the next day|al dia siguiente|el dia siguiente)\b`)
	dayBefore = regexp.MustCompile(`\b(?:the previous day|el dia anterior)\b`)
)

// Relatives returns the days a sentence names only relatively, in the
// order of their kinds: a weekday, "yesterday" or "today", resolved
// against the article's date (the most recent such day on or before it),
// when the sentence gives no day of the month itself; "the following
// day" or "the previous day", against the last day of the month the
// sentence gives outright before it. Nil when the article's date is
// unknown or nothing is relative.
func Relatives(sentence string, article time.Time) []Relative {
	if article.IsZero() {
		return nil
	}
	s := lang.Fold(sentence)
	var out []Relative
	if _, dated := outrightDay(sentence, s, article, len(s), false); !dated {
		for _, m := range weekdayRe.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, Relative{Weekday, onOrBefore(article, weekday(s[m[2]:m[3]]))})
		}
		for _, m := range relativeRe.FindAllStringSubmatchIndex(s, -1) {
			switch s[m[2]:m[3]] {
			case "yesterday", "ayer":
				out = append(out, Relative{Yesterday, article.AddDate(0, 0, -1)})
			case "today", "hoy":
				out = append(out, Relative{Today, article})
			}
		}
	}
	for _, shift := range []struct {
		re   *regexp.Regexp
		kind RelativeKind
		days int
	}{{nextDay, NextDay, 1}, {dayBefore, DayBefore, -1}} {
		for _, m := range shift.re.FindAllStringIndex(s, -1) {
			if d, ok := outrightDay(sentence, s, article, m[0], true); ok {
				out = append(out, Relative{shift.kind, d.AddDate(0, 0, shift.days)})
			}
		}
	}
	return out
}

// outrightDay returns a day of the month the folded sentence s gives
// outright before byte offset end ("5 April", "el 3 de marzo de 2025"),
// the last one when last is true, else the first.
func outrightDay(sentence, s string, article time.Time, end int, last bool) (time.Time, bool) {
	r := resolver{sentence: sentence, s: s[:end], article: article, last: last}
	r.fullDates()
	r.daysWithoutYear()
	return r.best.Date, r.found
}

// onOrBefore is the most recent weekday wd on or before day.
func onOrBefore(day time.Time, wd time.Weekday) time.Time {
	return day.AddDate(0, 0, -((int(day.Weekday()) - int(wd) + 7) % 7))
}
