package lang

import (
	"strings"
	"time"
)

// monthWords maps folded month names of both languages to their month, and
// monthAbbrevs the English abbreviations.
var (
	monthWords = map[string]time.Month{
		"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
		"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
		"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
		"agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	}
	monthAbbrevs = map[string]time.Month{
		"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
		"oct": 10, "nov": 11, "dec": 12,
	}
)

// weekdayWords maps folded weekday names of both languages to their day.
var weekdayWords = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
	"domingo": 0, "lunes": 1, "martes": 2, "miercoles": 3, "jueves": 4, "viernes": 5, "sabado": 6,
}

// relativeTimeWords name a time relative to now or a span of it.
var relativeTimeWords = set(strings.Fields(`yesterday today tonight tomorrow weekend week month year decade century
	ayer hoy mañana semana mes año decada siglo`)...)

var monthNamesEN = [12]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
var monthNamesES = [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// weekdayNamesEN and weekdayNamesES are the weekdays as written, Monday
// first.
var (
	weekdayNamesEN = [7]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	weekdayNamesES = [7]string{"lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"}
	monthAbbrevsEN = []string{"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"}
)

// MonthPattern returns a regular-expression alternation (no group) of the
// month names of language l, written with and without accents, with the
// English abbreviations ("sept", "apr") when abbrevs is true and l is
// English, longer spellings first. Spanish includes "setiembre".
func MonthPattern(l Lang, abbrevs bool) string {
	if l == Spanish {
		names := append(monthNamesES[:], "setiembre")
		return alternation(names)
	}
	names := monthNamesEN[:]
	if abbrevs {
		names = append(names[:len(names):len(names)], monthAbbrevsEN...)
	}
	return alternation(names)
}

// WeekdayPattern returns a regular-expression alternation (no group) of
// the weekday names of language l, with and without accents.
func WeekdayPattern(l Lang) string {
	if l == Spanish {
		return alternation(weekdayNamesES[:])
	}
	return alternation(weekdayNamesEN[:])
}

// alternation joins words and their folded spellings with "|", each once.
func alternation(words []string) string {
	seen := map[string]bool{}
	var out []string
	for _, w := range words {
		for _, v := range []string{w, Fold(w)} {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return strings.Join(out, "|")
}

// Month returns the month a folded full month name of either language
// names ("april", "abril"), and whether it names one.
func Month(w string) (time.Month, bool) {
	m, ok := monthWords[w]
	return m, ok
}

// MonthOrAbbrev is Month that also reads English abbreviations ("apr",
// "sept"); "mar" and "may" are then ambiguous, so callers check context.
func MonthOrAbbrev(w string) (time.Month, bool) {
	if m, ok := monthWords[w]; ok {
		return m, true
	}
	m, ok := monthAbbrevs[w]
	return m, ok
}

// Weekday returns the day a folded weekday name names, and whether it does.
func Weekday(w string) (time.Weekday, bool) {
	d, ok := weekdayWords[w]
	return d, ok
}

// IsTimeWord reports whether a folded word names a month, a weekday or a
// time relative to now ("yesterday", "semana").
func IsTimeWord(w string) bool {
	_, m := MonthOrAbbrev(w)
	_, d := weekdayWords[w]
	return m || d || relativeTimeWords[w]
}

// WeekdayName returns the weekday's name in language l, in lower case
// with its accents ("miércoles").
func WeekdayName(l Lang, d time.Weekday) string {
	i := (int(d) + 6) % 7 // the names start on Monday
	if l == Spanish {
		return weekdayNamesES[i]
	}
	return weekdayNamesEN[i]
}

// MonthName returns the month's folded name in language l.
func MonthName(l Lang, m time.Month) string {
	if l == Spanish {
		return monthNamesES[m-1]
	}
	return monthNamesEN[m-1]
}
