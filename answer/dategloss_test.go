package answer_test

import (
	"strings"
	"testing"
)

// A when question answered by a sentence that dates its event only
// relatively gets the day resolved against the article's date, in the
// question's language; an outright date, a future tense or an undated
// article get none.
func TestDateGloss(t *testing.T) {
	for _, tc := range []struct {
		name, date, question, sentence, want string
	}{
		{"weekday", "2024-04-06", "When did police storm the embassy?", "Police stormed the embassy late Friday.", " (Friday was 5 April 2024.)"},
		{"weekday, Spanish", "2024-04-06", "¿Cuándo irrumpió la policía en la embajada?", "La policía irrumpió en la embajada el miércoles.", " (El miércoles fue el 3 de abril de 2024.)"},
		{"following day", "2025-03-10", "When did the embargo take effect?", "On 3 March 2025 the government announced an embargo, which took effect the following day.", " (The following day was 4 March 2025.)"},
		{"an outright date", "2024-04-06", "When did police storm the embassy?", "Police stormed the embassy on Friday, April 5.", ""},
		{"what is to come", "2024-04-06", "When will the council meet?", "The council will meet on Tuesday.", ""},
		{"undated article", "", "When did police storm the embassy?", "Police stormed the embassy late Friday.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := engineFS(t, map[string]string{"a.md": "---\ntitle: Embassy\nsource: A\ndate: " + tc.date + "\n---\n\n" + tc.sentence + "\n"})
			a := ask(t, e, tc.question)
			if a.Refused {
				t.Fatalf("refused: %q", a.Answer)
			}
			got := ""
			if i := strings.LastIndex(a.Answer, "]"); i >= 0 {
				got = a.Answer[i+1:]
			}
			if got != tc.want {
				t.Errorf("after the citation %q, want %q (answer %q)", got, tc.want, a.Answer)
			}
		})
	}
}
