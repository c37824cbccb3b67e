package answer

import (
	"reflect"
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestParseVerdicts(t *testing.T) {
	tests := []struct {
		name  string
		reply string
		n     int
		want  map[int]string
		err   bool
	}{
		{"json", `{"1": "supported", "2": "contradicts", "3": "not_supported"}`, 3,
			map[int]string{1: VerdictSupported, 2: VerdictContradicts, 3: VerdictNotSupported}, false},
		{"fenced, with text around", "Here you go:\n```json\n{\"1\": \"Supported\", \"2\": \"not supported\"}\n```", 2,
			map[int]string{1: VerdictSupported, 2: VerdictNotSupported}, false},
		{"synonyms", `{"1": "entailed", "2": "refuted", "3": "neutral"}`, 3,
			map[int]string{1: VerdictSupported, 2: VerdictContradicts, 3: VerdictNotSupported}, false},
		{"lines", "1: supported\n2 - contradicts\n3. unsupported", 3,
			map[int]string{1: VerdictSupported, 2: VerdictContradicts, 3: VerdictNotSupported}, false},
		{"out of range and unknown left out", `{"0": "supported", "2": "maybe", "4": "supported", "1": "contradicts"}`, 3,
			map[int]string{1: VerdictContradicts}, false},
		{"non-string values ignored", `{"1": true, "2": "supported"}`, 2, map[int]string{2: VerdictSupported}, false},
		{"nothing", "I cannot judge these claims.", 2, nil, true},
		{"empty", "", 1, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseVerdicts(tt.reply, tt.n)
			if (err != nil) != tt.err || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseVerdicts(%q) = %v, %v; want %v (error %v)", tt.reply, got, err, tt.want, tt.err)
			}
		})
	}
}

// FuzzParseVerdicts: any reply gives verdicts only for claims 1..n, only
// the three verdicts, or an error; never a panic.
func FuzzParseVerdicts(f *testing.F) {
	for _, s := range []string{`{"1":"supported"}`, "1: contradicts\n2: no", "```{\"3\": \"yes\"}```", "{", "}{", "9999999999999999999: supported"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, reply string, n int) {
		n = n % 50
		got, err := parseVerdicts(reply, n)
		if err != nil {
			return
		}
		for k, v := range got {
			if k < 1 || k > n || v != VerdictSupported && v != VerdictContradicts && v != VerdictNotSupported {
				t.Fatalf("verdict %d=%q of %q (n=%d)", k, v, reply, n)
			}
		}
	})
}

// FuzzCheckClaim: checking any claim against any passage never panics and
// keeps only markers of cited passages.
func FuzzCheckClaim(f *testing.F) {
	f.Add("The OAS approved it with 29 votes [1].", "El Consejo Permanente de la OEA aprobó con veintinueve votos.", true)
	f.Add("Ecuador was condemned by Mexico, not “by Peru…”", "Mexico condemned Ecuador without delay.", false)
	f.Add("1.200,5 mil millones", "ÉÑ — «» 3,5 — U.S. No. 5", true)
	f.Fuzz(func(t *testing.T, claimText, passageText string, spanish bool) {
		l := lang.English
		if spanish {
			l = lang.Spanish
		}
		p := passage(passageText, l.Other())
		r := supported(claimText, l, p)
		for _, n := range r.keep {
			if n != 1 {
				t.Fatalf("kept marker %d of %q citing one passage", n, claimText)
			}
		}
	})
}
