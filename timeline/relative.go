package timeline

import (
	"regexp"
	"time"

	"github.com/footnote-bot/footnote/lang"
)

// Relative is a day a sentence names only relatively, resolved: "Friday"
// in an article of Saturday 6 April 2024 is 5 April 2024.
type Relative struct {
	// Word is what the sentence says, folded: "friday", "yesterday",
	// "the following day", "al dia siguiente".
	Word string
	Date time.Time
}

// nextDay and dayBefore name the day after or before a date the sentence
// gives earlier ("On 3 March it announced an embargo, which took effect
// the following day").
var (
	nextDay   = regexp.MustCompile(`\b(the following day|the next day|the day after|al dia siguiente|el dia siguiente|un dia despues)\b`)
	dayBefore = regexp.MustCompile(`\b(the day before|the previous day|el dia anterior|un dia antes|la vispera)\b`)
)

// Relatives returns the days a sentence names only relatively, in order:
// a weekday, "yesterday" or "today", resolved against the article's date
// (the most recent such day on or before it), when the sentence gives no
// day of the month itself; "the following day" or "the day before",
// against the first day the sentence gives before it. Nil when the
// article's date is unknown or nothing is relative.
func Relatives(sentence string, article time.Time) []Relative {
	if article.IsZero() {
		return nil
	}
	s := lang.Fold(sentence)
	var out []Relative
	r := resolver{sentence: sentence, s: s, article: article}
	r.fullDates()
	r.daysWithoutYear()
	if !r.found {
		for _, m := range weekdayRe.FindAllStringSubmatchIndex(s, -1) {
			wd := weekday(s[m[2]:m[3]])
			back := (int(article.Weekday()) - int(wd) + 7) % 7
			out = append(out, Relative{Word: s[m[2]:m[3]], Date: article.AddDate(0, 0, -back)})
		}
		for _, m := range relativeRe.FindAllStringSubmatchIndex(s, -1) {
			switch w := s[m[2]:m[3]]; w {
			case "yesterday", "ayer":
				out = append(out, Relative{Word: w, Date: article.AddDate(0, 0, -1)})
			case "today", "hoy":
				out = append(out, Relative{Word: w, Date: article})
			}
		}
	}
	for _, shift := range []struct {
		re   *regexp.Regexp
		days int
	}{{nextDay, 1}, {dayBefore, -1}} {
		for _, m := range shift.re.FindAllStringSubmatchIndex(s, -1) {
			// the folded prefix: "May" the month is then taken for the
			// verb, a loss the anchor can bear
			if w, ok := Resolve(s[:m[0]], article); ok && w.Precision == Day {
				out = append(out, Relative{Word: s[m[2]:m[3]], Date: w.Date.AddDate(0, 0, shift.days)})
			}
		}
	}
	return out
}
