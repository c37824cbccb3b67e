package lang

import (
	"regexp"
	"testing"
	"time"
)

func TestCalendarWords(t *testing.T) {
	for w, want := range map[string]time.Month{"april": time.April, "abril": time.April, "setiembre": time.September, "diciembre": time.December} {
		if m, ok := Month(w); !ok || m != want {
			t.Errorf("Month(%q) = %v, %v", w, m, ok)
		}
	}
	for _, w := range []string{"apr", "mar", "abr", "monday", ""} {
		if m, ok := Month(w); ok {
			t.Errorf("Month(%q) = %v: not a full month name", w, m)
		}
	}
	if m, ok := MonthOrAbbrev("sept"); !ok || m != time.September {
		t.Errorf("MonthOrAbbrev(sept) = %v, %v", m, ok)
	}
	if d, ok := Weekday("miercoles"); !ok || d != time.Wednesday {
		t.Errorf("Weekday(miercoles) = %v, %v", d, ok)
	}
	// Spanish words are folded with their ñ: "año", not "ano"
	for w, want := range map[string]bool{"friday": true, "ayer": true, "june": true, "jun": true, "embassy": false, "2024": false,
		Fold("año"): true, Fold("mañana"): true, "ano": false} {
		if got := IsTimeWord(w); got != want {
			t.Errorf("IsTimeWord(%q) = %v", w, got)
		}
	}
	if got := MonthName(Spanish, time.May) + " " + MonthName(English, time.May); got != "mayo may" {
		t.Errorf("MonthName = %q", got)
	}
}

// The month and weekday patterns match every name of their language, with
// and without its accents, and nothing else whole.
func TestCalendarPatterns(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		match   []string
		not     []string
	}{
		{MonthPattern(English, false), []string{"january", "september", "december"}, []string{"sept", "enero"}},
		{MonthPattern(English, true), []string{"sept", "sep", "apr", "march"}, []string{"abril"}},
		{MonthPattern(Spanish, false), []string{"enero", "setiembre", "septiembre"}, []string{"january"}},
		{WeekdayPattern(English), []string{"monday", "sunday"}, []string{"lunes"}},
		{WeekdayPattern(Spanish), []string{"miércoles", "miercoles", "sábado", "sabado"}, []string{"monday"}},
	} {
		re := regexp.MustCompile(`^(?:` + tc.pattern + `)$`)
		for _, w := range tc.match {
			if !re.MatchString(w) {
				t.Errorf("%q does not match %q", tc.pattern, w)
			}
		}
		for _, w := range tc.not {
			if re.MatchString(w) {
				t.Errorf("%q matches %q", tc.pattern, w)
			}
		}
	}
}

// "May" is the month, and no stop word, where a number or a word that goes
// before dates stands beside it; elsewhere it is the verb.
func TestMonthMay(t *testing.T) {
	for _, tc := range []struct {
		text string
		stop bool
	}{
		{"The ruling came on May 5.", false},
		{"It was published on 21 May 2025.", false},
		{"Talks resumed in May.", false},
		{"The court may rule next week.", true},
		{"May I ask a question?", true},
		{"This may take years.", true},
		{"What happens next may surprise them.", true},
	} {
		var got *Term
		for _, term := range Terms(English, tc.text) {
			if term.Text == "may" {
				got = &term
			}
		}
		if got == nil || got.Stop != tc.stop {
			t.Errorf("%q: may is stop %v, want %v", tc.text, got != nil && got.Stop, tc.stop)
		}
	}
}
