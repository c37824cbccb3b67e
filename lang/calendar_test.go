package lang

import (
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
	for w, want := range map[string]bool{"friday": true, "ayer": true, "june": true, "jun": true, "embassy": false, "2024": false} {
		if got := IsTimeWord(w); got != want {
			t.Errorf("IsTimeWord(%q) = %v", w, got)
		}
	}
	if got := MonthName(Spanish, time.May) + " " + MonthName(English, time.May); got != "mayo may" {
		t.Errorf("MonthName = %q", got)
	}
}
