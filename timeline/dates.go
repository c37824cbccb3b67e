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

// Date patterns, tried on folded text (lower case, no accents), most
// precise first (full dates are lang.FullDates').
var (
	dayMonth   = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?` + lang.AnyMonth + `\b`)
	monthDay   = regexp.MustCompile(`\b` + lang.AnyMonth + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`)
	monthYear  = regexp.MustCompile(`\b(?:in|en|de)\s+` + lang.AnyMonth + `\s+(?:of\s+|de\s+|del\s+)?(\d{4})\b`)
	monthAlone = regexp.MustCompile(`\b(?:in|en|early|late|mid|a\s+principios\s+de|a\s+finales\s+de)\s+` + lang.AnyMonth + `\b`)
	weekdayRe  = regexp.MustCompile(`\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday|domingo|lunes|martes|miercoles|jueves|viernes|sabado)\b`)
	relativeRe = regexp.MustCompile(`\b(yesterday|today|ayer|hoy|last year|el año pasado|this year|este año|next year|last month|el mes pasado)\b`)
	yearRe     = regexp.MustCompile(`\b(?:in|en|de|del)\s+((?:19|20)\d{2})\b`)
	capitalMay = regexp.MustCompile(`\bMay\s+\d`)
)

// Resolve finds the first date a sentence states ("since December" dates a
// state of affairs, not an event, and is not one), resolving weekdays and
// relative words against the article's date (the most recent such weekday
// on or before it). ok is false when the sentence states no date.
func Resolve(sentence string, article time.Time) (When, bool) {
	r := resolver{sentence: sentence, s: lang.Fold(sentence), article: article}
	r.fullDates()
	if !article.IsZero() {
		r.daysWithoutYear()
		r.weekdays()
		r.relativeWords()
		r.monthsAlone()
	}
	r.monthsAndYears()
	return r.best, r.found
}

// resolver collects the dates of one sentence and keeps the first: the
// earliest in the text, the most precise at the same place, the one seen
// first on a tie. Its methods each try one family of patterns; the order
// they run in decides ties.
type resolver struct {
	sentence string    // as written: "May" the month is capitalised
	s        string    // folded
	article  time.Time // the article's date, zero when unknown
	last     bool      // keep the last date in the text, not the first
	best     When
	at       int // byte offset of best in s
	found    bool
}

// consider keeps w, found at byte offset at, if it comes before the best
// so far (after it, when r.last), or at the same place and more precise.
func (r *resolver) consider(at int, w When) {
	earlier := at < r.at
	if r.last {
		earlier = at > r.at
	}
	if !r.found || earlier || at == r.at && w.Precision < r.best.Precision {
		r.best, r.at, r.found = w, at, true
	}
}

// fullDates considers the dates with day, month and year ("23 May 2024",
// "April 5, 2024").
func (r *resolver) fullDates() {
	for _, d := range lang.FullDates(r.s) {
		r.consider(d.At, When{d.Date, Day})
	}
}

// daysWithoutYear considers the dates with day and month ("5 April",
// "el 10 de abril", "April 5"), in the year inferYear gives them; "may"
// before a number is the month only when the sentence writes "May".
func (r *resolver) daysWithoutYear() {
	s := r.s
	for _, m := range dayMonth.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mon := int(month(s[m[4]:m[5]]))
		if t, ok := lang.Day(inferYear(r.article, mon), mon, d); ok {
			r.consider(m[0], When{t, Day})
		}
	}
	for _, m := range monthDay.FindAllStringSubmatchIndex(s, -1) {
		mon := month(s[m[2]:m[3]])
		if s[m[2]:m[3]] == "may" && !capitalMay.MatchString(r.sentence) {
			continue // the modal verb "may", not the month
		}
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		if t, ok := lang.Day(inferYear(r.article, int(mon)), int(mon), d); ok {
			r.consider(m[0], When{t, Day})
		}
	}
}

// weekdays considers the weekdays, each the most recent such day on or
// before the article's date.
func (r *resolver) weekdays() {
	for _, m := range weekdayRe.FindAllStringSubmatchIndex(r.s, -1) {
		r.consider(m[0], When{onOrBefore(r.article, weekday(r.s[m[2]:m[3]])), Day})
	}
}

// relativeWords considers the words that date relative to the article
// ("yesterday", "last year", "el mes pasado").
func (r *resolver) relativeWords() {
	a := r.article
	for _, m := range relativeRe.FindAllStringSubmatchIndex(r.s, -1) {
		switch r.s[m[2]:m[3]] {
		case "yesterday", "ayer":
			r.consider(m[0], When{a.AddDate(0, 0, -1), Day})
		case "today", "hoy":
			r.consider(m[0], When{a, Day})
		case "last year", "el año pasado":
			r.consider(m[0], When{time.Date(a.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), Year})
		case "this year", "este año":
			r.consider(m[0], When{time.Date(a.Year(), 1, 1, 0, 0, 0, 0, time.UTC), Year})
		case "next year":
			r.consider(m[0], When{time.Date(a.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC), Year})
		case "last month", "el mes pasado":
			t := a.AddDate(0, -1, 0)
			r.consider(m[0], When{time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC), Month})
		}
	}
}

// monthsAlone considers a month named without day or year ("in April",
// "a finales de marzo"), in the year inferYear gives it.
func (r *resolver) monthsAlone() {
	for _, m := range monthAlone.FindAllStringSubmatchIndex(r.s, -1) {
		mon := int(month(r.s[m[2]:m[3]]))
		r.consider(m[0], When{time.Date(inferYear(r.article, mon), time.Month(mon), 1, 0, 0, 0, 0, time.UTC), Month})
	}
}

// monthsAndYears considers a month with its year ("in April 2024") and a
// year alone ("in 2023").
func (r *resolver) monthsAndYears() {
	s := r.s
	for _, m := range monthYear.FindAllStringSubmatchIndex(s, -1) {
		y, _ := strconv.Atoi(s[m[4]:m[5]])
		r.consider(m[0], When{time.Date(y, month(s[m[2]:m[3]]), 1, 0, 0, 0, 0, time.UTC), Month})
	}
	for _, m := range yearRe.FindAllStringSubmatchIndex(s, -1) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		r.consider(m[0], When{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), Year})
	}
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
