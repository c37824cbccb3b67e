// Package timeline lays an event out in order: the dated developments the
// articles report, each a sentence with its citation. Dates come from the
// text ("on Friday", "23 May 2024", "el 10 de abril", "last year"), resolved
// against the article's own date.
package timeline

import (
	"regexp"
	"strconv"
	"time"

	"github.com/footnote-bot/footnote/lang"
)

// Precision says how exactly a date is known.
type Precision int

const (
	Day Precision = iota
	Month
	Year
)

// When is a resolved date and how precise it is.
type When struct {
	Date      time.Time
	Precision Precision
}

// String formats a date to its precision: "2024-04-05", "2024-04", "2024".
func (w When) String() string {
	switch w.Precision {
	case Month:
		return w.Date.Format("2006-01")
	case Year:
		return w.Date.Format("2006")
	}
	return w.Date.Format("2006-01-02")
}

// month is the month a folded name or abbreviation names, 0 for none.
func month(w string) time.Month {
	m, _ := lang.MonthOrAbbrev(w)
	return m
}

// weekday is the day a folded name names (lang.Weekday).
func weekday(w string) time.Weekday {
	d, _ := lang.Weekday(w)
	return d
}

const monthRe = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)`

// Date patterns, tried on folded text (lower case, no accents), most
// precise first.
var (
	dayMonthYear = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?` + monthRe + `\.?,?\s+(?:de\s+|del\s+)?(\d{4})\b`)
	monthDayYear = regexp.MustCompile(`\b` + monthRe + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	dayMonth     = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?` + monthRe + `\b`)
	monthDay     = regexp.MustCompile(`\b` + monthRe + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`)
	monthYear    = regexp.MustCompile(`\b(?:in|en|de)\s+` + monthRe + `\s+(?:of\s+|de\s+|del\s+)?(\d{4})\b`)
	monthAlone   = regexp.MustCompile(`\b(?:in|en|early|late|mid|a\s+principios\s+de|a\s+finales\s+de)\s+` + monthRe + `\b`)
	weekdayRe    = regexp.MustCompile(`\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday|domingo|lunes|martes|miercoles|jueves|viernes|sabado)\b`)
	relativeRe   = regexp.MustCompile(`\b(yesterday|today|ayer|hoy|last year|el ano pasado|this year|este ano|next year|last month|el mes pasado)\b`)
	yearRe       = regexp.MustCompile(`\b(?:in|en|de|del)\s+((?:19|20)\d{2})\b`)
	capitalMay   = regexp.MustCompile(`\bMay\s+\d`)
)

// Resolve finds the first date a sentence states ("since December" dates a
// state of affairs, not an event, and is not one), resolving weekdays and
// relative words against the article's date (the most recent such weekday
// on or before it). ok is false when the sentence states no date.
func Resolve(sentence string, article time.Time) (When, bool) {
	s := lang.Fold(sentence)
	type found struct {
		at int
		w  When
	}
	var best *found
	consider := func(at int, w When) {
		if best == nil || at < best.at || at == best.at && w.Precision < best.w.Precision {
			best = &found{at, w}
		}
	}
	day := func(y, m, d int) (time.Time, bool) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return t, t.Day() == d && d > 0
	}
	for _, m := range dayMonthYear.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := day(y, int(month(s[m[4]:m[5]])), d); ok {
			consider(m[0], When{t, Day})
		}
	}
	for _, m := range monthDayYear.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := day(y, int(month(s[m[2]:m[3]])), d); ok {
			consider(m[0], When{t, Day})
		}
	}
	if !article.IsZero() {
		for _, m := range dayMonth.FindAllStringSubmatchIndex(s, -1) {
			d, _ := strconv.Atoi(s[m[2]:m[3]])
			mon := int(month(s[m[4]:m[5]]))
			if t, ok := day(inferYear(article, mon), mon, d); ok {
				consider(m[0], When{t, Day})
			}
		}
		for _, m := range monthDay.FindAllStringSubmatchIndex(s, -1) {
			mon := month(s[m[2]:m[3]])
			if s[m[2]:m[3]] == "may" && !capitalMay.MatchString(sentence) {
				continue // the modal verb "may", not the month
			}
			d, _ := strconv.Atoi(s[m[4]:m[5]])
			if t, ok := day(inferYear(article, int(mon)), int(mon), d); ok {
				consider(m[0], When{t, Day})
			}
		}
		for _, m := range weekdayRe.FindAllStringSubmatchIndex(s, -1) {
			wd := weekday(s[m[2]:m[3]])
			back := (int(article.Weekday()) - int(wd) + 7) % 7
			consider(m[0], When{article.AddDate(0, 0, -back), Day})
		}
		for _, m := range relativeRe.FindAllStringSubmatchIndex(s, -1) {
			switch s[m[2]:m[3]] {
			case "yesterday", "ayer":
				consider(m[0], When{article.AddDate(0, 0, -1), Day})
			case "today", "hoy":
				consider(m[0], When{article, Day})
			case "last year", "el ano pasado":
				consider(m[0], When{time.Date(article.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), Year})
			case "this year", "este ano":
				consider(m[0], When{time.Date(article.Year(), 1, 1, 0, 0, 0, 0, time.UTC), Year})
			case "next year":
				consider(m[0], When{time.Date(article.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC), Year})
			case "last month", "el mes pasado":
				t := article.AddDate(0, -1, 0)
				consider(m[0], When{time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC), Month})
			}
		}
		for _, m := range monthAlone.FindAllStringSubmatchIndex(s, -1) {
			mon := int(month(s[m[2]:m[3]]))
			consider(m[0], When{time.Date(inferYear(article, mon), time.Month(mon), 1, 0, 0, 0, 0, time.UTC), Month})
		}
	}
	for _, m := range monthYear.FindAllStringSubmatchIndex(s, -1) {
		y, _ := strconv.Atoi(s[m[4]:m[5]])
		consider(m[0], When{time.Date(y, month(s[m[2]:m[3]]), 1, 0, 0, 0, 0, time.UTC), Month})
	}
	for _, m := range yearRe.FindAllStringSubmatchIndex(s, -1) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		consider(m[0], When{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), Year})
	}
	if best == nil {
		return When{}, false
	}
	return best.w, true
}

// inferYear places a month without a year in the article's year, or the
// year before when that month is still to come at the article's date by more
// than a month (an article of January speaking of "December").
func inferYear(article time.Time, month int) int {
	if month > int(article.Month())+1 {
		return article.Year() - 1
	}
	return article.Year()
}
