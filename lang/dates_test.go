package lang_test

import (
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestFullDates(t *testing.T) {
	tests := map[string]string{
		"cusco, 9 de octubre de 2031.- la alcaldia": "2031-10-09",
		"lima, 14 de marzo del 2031":                "2031-03-14",
		"geneva, 2 april 2024":                      "2024-04-02",
		"march 28, 2025":                            "2025-03-28",
		"the 5th may, 2024 vote":                    "2024-05-05",
		"31 april 2024":                             "",
		"in march 2025":                             "",
	}
	for s, want := range tests {
		got := ""
		if ds := lang.FullDates(s); len(ds) > 0 {
			got = ds[0].Date.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("FullDates(%q) = %q, want %q", s, got, want)
		}
	}
}
