package lang

import (
	"regexp"
	"strconv"
	"time"
)

// AnyMonth is a regular-expression group of the month names of both
// languages as Fold writes them, with the English abbreviations.
var AnyMonth = `(` + MonthPattern(English, true) + `|` + MonthPattern(Spanish, false) + `)`

// Full dates, on folded text: "23 may 2024", "5th april, 2024", "14 de
// marzo del 2031"; "april 5, 2024".
var (
	dayMonthYear = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?` + AnyMonth + `\.?,?\s+(?:de\s+|del\s+)?(\d{4})\b`)
	monthDayYear = regexp.MustCompile(`\b` + AnyMonth + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
)

// DateAt is a date a text states, at a byte offset of the folded text.
type DateAt struct {
	At   int
	Date time.Time
}

// FullDates returns the dates with day, month and year that the folded
// text s (see Fold) states, those written day first, then those written
// month first; a day the month lacks ("31 april 2024") is none.
func FullDates(s string) []DateAt {
	var out []DateAt
	for _, m := range dayMonthYear.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mon, _ := MonthOrAbbrev(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := Day(y, int(mon), d); ok {
			out = append(out, DateAt{m[0], t})
		}
	}
	for _, m := range monthDayYear.FindAllStringSubmatchIndex(s, -1) {
		mon, _ := MonthOrAbbrev(s[m[2]:m[3]])
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := Day(y, int(mon), d); ok {
			out = append(out, DateAt{m[0], t})
		}
	}
	return out
}

// Day returns the date y-m-d in UTC; ok is false when no such day exists.
func Day(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d && d > 0 && m >= 1 && m <= 12
}
