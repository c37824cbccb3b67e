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
		want     map[string]string // folded word → date
	}{
		{"Police stormed the embassy late Friday.", sat, map[string]string{"friday": day(4, 5)}},
		{"La policía irrumpió en la embajada el miércoles.", sat, map[string]string{"miercoles": day(4, 3)}},
		{"The minister resigned yesterday.", sat, map[string]string{"yesterday": day(4, 5)}},
		{"The talks resume today.", sat, map[string]string{"today": day(4, 6)}},
		// a day of the month given outright needs no resolving
		{"Police stormed the embassy on Friday, April 5.", sat, nil},
		{"On 3 April the court ruled, and the ban took effect the following day.", sat, map[string]string{"the following day": day(4, 4)}},
		{"El 3 de abril se anunció el embargo, que rigió al día siguiente.", sat, map[string]string{"al dia siguiente": day(4, 4)}},
		{"On 3 April the ban took effect; it had been announced the day before.", sat, map[string]string{"the day before": day(4, 2)}},
		// "the following day" of no date given is nothing
		{"The ban took effect the following day.", sat, nil},
		// no article date, nothing to resolve against
		{"Police stormed the embassy late Friday.", time.Time{}, nil},
	} {
		got := map[string]string{}
		for _, r := range Relatives(tc.sentence, tc.article) {
			got[r.Word] = r.Date.Format("2006-01-02")
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: %v, want %v", tc.sentence, got, tc.want)
			continue
		}
		for w, d := range tc.want {
			if got[w] != d {
				t.Errorf("%q: %v, want %v", tc.sentence, got, tc.want)
			}
		}
	}
}
