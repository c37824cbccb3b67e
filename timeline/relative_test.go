package timeline

import (
	"testing"
	"time"
)

func TestRelatives(t *testing.T) {
	sat := time.Date(2024, 4, 6, 0, 0, 0, 0, time.UTC) // a Saturday
	day := func(m time.Month, d int) string {
		return time.Date(2024, m, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
	}
	for _, tc := range []struct {
		sentence string
		article  time.Time
		want     map[RelativeKind]string
	}{
		{"Police stormed the embassy late Friday.", sat, map[RelativeKind]string{Weekday: day(4, 5)}},
		{"La policía irrumpió en la embajada el miércoles.", sat, map[RelativeKind]string{Weekday: day(4, 3)}},
		{"Police stormed the embassy on Saturday.", sat, map[RelativeKind]string{Weekday: day(4, 6)}},
		{"The minister resigned yesterday.", sat, map[RelativeKind]string{Yesterday: day(4, 5)}},
		{"The talks resume today.", sat, map[RelativeKind]string{Today: day(4, 6)}},
		// a day of the month given outright needs no resolving
		{"Police stormed the embassy on Friday, April 5.", sat, nil},
		{"On 3 April the court ruled, and the ban took effect the following day.", sat, map[RelativeKind]string{NextDay: day(4, 4)}},
		{"El 3 de abril se anunció el embargo, que rigió al día siguiente.", sat, map[RelativeKind]string{NextDay: day(4, 4)}},
		{"On 3 April the ban took effect; it had been announced the previous day.", sat, map[RelativeKind]string{DayBefore: day(4, 2)}},
		// the last day given before the phrase, not the first, nor a weekday
		{"The vote was on 3 April; on 5 April the law passed and took effect the next day.", sat, map[RelativeKind]string{NextDay: day(4, 6)}},
		{"They arrived on Friday and on 2 April they left the following day.", sat, map[RelativeKind]string{NextDay: day(4, 3)}},
		// the day after an event, or after tomorrow, is no date
		{"On 3 April the court ruled; the ban took effect the day after the vote.", sat, nil},
		{"On 3 April the court said it would rule the day after tomorrow.", sat, nil},
		// "the following day" of no date given is nothing
		{"The ban took effect the following day.", sat, nil},
		// no article date, nothing to resolve against
		{"Police stormed the embassy late Friday.", time.Time{}, nil},
	} {
		got := map[RelativeKind]string{}
		for _, r := range Relatives(tc.sentence, tc.article) {
			got[r.Kind] = r.Date.Format("2006-01-02")
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: %v, want %v", tc.sentence, got, tc.want)
			continue
		}
		for k, d := range tc.want {
			if got[k] != d {
				t.Errorf("%q: %v, want %v", tc.sentence, got, tc.want)
			}
		}
	}
}
