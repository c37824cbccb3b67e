package answer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus/corpustest"
)

// engineFS returns an engine on the corpus of files (text by path).
func engineFS(t *testing.T, files map[string]string) *answer.Engine {
	t.Helper()
	e, _ := engineOn(t, corpustest.LoadFiles(t, files))
	return e
}

func TestDisagreeingSourcesAreBothCited(t *testing.T) {
	e := engineFS(t, map[string]string{
		"wire.md": "---\ntitle: OAS condemns raid\nsource: Global Wire\ndate: 2024-04-11\n---\n\n" +
			"The Organization of American States approved a resolution condemning the raid on Wednesday.\n\n" +
			"The resolution received 29 votes in favour, with Ecuador voting against.\n",
		"daily.md": "---\ntitle: Americas body rebukes Ecuador\nsource: Daily Courier\ndate: 2024-04-12\n---\n\n" +
			"Diplomats in Washington rebuked Ecuador over the embassy raid.\n\n" +
			"The resolution received 28 votes in favour at the Organization of American States.\n",
	})
	a, err := e.Ask(context.Background(), "How many votes in favour did the OAS resolution receive?", answer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Refused || len(a.Citations) != 2 || !strings.Contains(a.Answer, "29") || !strings.Contains(a.Answer, "28") {
		t.Fatalf("answer %q with %d citations", a.Answer, len(a.Citations))
	}
	if !strings.Contains(a.Note, "differ") || !strings.Contains(a.Note, "Global Wire") || !strings.Contains(a.Note, "Daily Courier") {
		t.Fatalf("note %q", a.Note)
	}
	dates := map[string]bool{}
	for _, c := range a.Citations {
		dates[c.Date] = true
	}
	if !dates["2024-04-11"] || !dates["2024-04-12"] {
		t.Fatalf("citations lack their dates: %+v", a.Citations)
	}
}

// Figures that differ beside what a question asks are no disagreement
// about its answer: a who question is answered by one source.
func TestDifferingFiguresBesideAWhoQuestion(t *testing.T) {
	e := engineFS(t, map[string]string{
		"live.md": "---\ntitle: Minister resigns\nsource: Herald\ndate: 2025-03-18\n---\n\n" +
			"Environment Minister Rosa Vidal has resigned, and the president has named Tomás Aguirre to replace her; the spill's death toll stands at two.\n",
		"wiki.md": "---\ntitle: River spill\nsource: Encyclopedia\ndate: 2025-04-22\n---\n\n" +
			"The president named Tomás Aguirre to replace Environment Minister Rosa Vidal, who resigned after the spill caused three deaths.\n",
	})
	a := ask(t, e, "Who did the president name to replace the environment minister?")
	if a.Refused || !strings.Contains(a.Answer, "Tomás Aguirre") || len(a.Citations) != 1 || a.Note != "" {
		t.Fatalf("answer %q with %d citations, note %q", a.Answer, len(a.Citations), a.Note)
	}
}

// The latest figure is not completed with an older article's: an answer
// about "now" cites the newest source alone.
func TestLatestIsNotCompletedByOlderNews(t *testing.T) {
	e := engineFS(t, map[string]string{
		"march.md": "---\ntitle: El instituto suspende la mina y cuadruplica la estimación del derrame\nsource: A\ndate: 2025-03-07\nlanguage: es\n---\n\n" +
			"El instituto ordenó la suspensión de la mina y elevó a 1.200 metros cúbicos su estimación del volumen de solución que se vertió al río, cuatro veces más que la cifra de la empresa.\n\n" +
			"\"La empresa nos habló de 300 metros cúbicos. Nuestras mediciones en el río no son compatibles con esa cifra\", afirmó la funcionaria.\n",
		"april.md": "---\ntitle: Claves del derrame de cianuro en el río\nsource: B\ndate: 2025-04-28\nlanguage: es\n---\n\n" +
			"Volumen derramado: 1.650 metros cúbicos, según el informe final del instituto\n\nTramo de río contaminado: 62 km\n",
	})
	a := ask(t, e, "¿Cuál es la cifra más reciente de metros cúbicos derramados?")
	if a.Refused || !strings.Contains(a.Answer, "1.650") || len(a.Citations) != 1 {
		t.Fatalf("answer %q with %d citations", a.Answer, len(a.Citations))
	}
}

// A question about the latest state ("now", "sigue", "so far") is
// answered from the newest article, and says as of when; "gente" is
// counted by "personas".
func TestLatestPrefersNewestSource(t *testing.T) {
	doc := func(title, date, language, text string) string {
		return "---\ntitle: " + title + "\nsource: S\ndate: " + date + "\nlanguage: " + language + "\n---\n\n" + text + "\n"
	}
	for _, tc := range []struct {
		question, early, late, asOf string
	}{
		{"Where is Glas held now?",
			doc("Glas held", "2024-04-06", "en", "Glas remains held in a maximum-security prison in Guayaquil."),
			doc("Glas moved", "2024-04-09", "en", "Glas remains held in the La Roca prison after a hospital stay."),
			"As of 2024-04-09"},
		{"¿Cuánta gente sigue detenida en el puerto?",
			doc("Detenidos en el puerto", "2025-01-21", "es", "Dos personas siguen detenidas en el puerto, dijo la policía."),
			doc("Liberan a un detenido del puerto", "2025-04-10", "es", "Una persona permanece detenida en el puerto, dijo la policía."),
			"A fecha de 2025-04-10"},
		{"How many dockers have been hurt in the harbour protests so far?",
			doc("Protests spread", "2025-05-04", "en", "3 dockers have been hurt in the harbour protests, the union said."),
			doc("Union's report", "2025-07-15", "en", "14 dockers have been hurt in the harbour protests, the union said."),
			"As of 2025-07-15"},
	} {
		a := ask(t, engineFS(t, map[string]string{"early.md": tc.early, "late.md": tc.late}), tc.question)
		if a.Refused || len(a.Citations) == 0 || a.Citations[0].DocID != "late" || !strings.HasPrefix(a.Answer, tc.asOf) {
			t.Errorf("%q: answer %q", tc.question, a.Answer)
		}
	}
}

// Two articles disagree only about the same thing: one gives Ibarra's
// age, the other Lagos's, and mentions Ibarra only for her share of the
// vote, far from its figures.
func TestFiguresOfAnotherAreNoDisagreement(t *testing.T) {
	e := engineFS(t, map[string]string{
		"a.md": "---\ntitle: Ibarra wins primary\nsource: A\ndate: 2025-01-10\n---\n\n" +
			"Ibarra, a 57-year-old labour lawyer from the north, won the opposition primary in January.\n",
		"b.md": "---\ntitle: Lagos declared winner\nsource: B\ndate: 2025-05-04\n---\n\n" +
			"The council said Lagos, 61, of the ruling party, won the vote by a wide margin against the opposition candidate Ibarra.\n",
	})
	a := ask(t, e, "How old is Ibarra?")
	if a.Refused || len(a.Citations) != 1 || a.Citations[0].DocID != "a" || a.Note != "" {
		t.Fatalf("answer %q with %d citations, note %q", a.Answer, len(a.Citations), a.Note)
	}
}
