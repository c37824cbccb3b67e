package timeline

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

func TestResolve(t *testing.T) {
	sat := time.Date(2024, 4, 6, 0, 0, 0, 0, time.UTC) // a Saturday
	tests := []struct {
		sentence string
		want     string
		ok       bool
	}{
		{"Police broke into the Mexican Embassy late Friday to arrest him.", "2024-04-05", true},
		{"Nicaragua cut relations on Saturday.", "2024-04-06", true},
		{"On Thursday, tensions escalated.", "2024-04-04", true},
		{"The court ruled on 23 May 2024.", "2024-05-23", true},
		{"The court ruled on May 23, 2024, in The Hague.", "2024-05-23", true},
		{"El Consejo votó el 10 de abril de 2024.", "2024-04-10", true},
		{"El Consejo votó el 10 de abril.", "2024-04-10", true},
		{"La policía irrumpió el viernes en la embajada.", "2024-04-05", true},
		{"Noboa became president last year.", "2023", true},
		{"Noboa asumió la presidencia el año pasado.", "2023", true},
		{"He had lived there since December.", "", false},
		{"The talks began in December.", "2023-12", true},
		{"The earthquake in 2016 killed hundreds.", "2016", true},
		{"Hearings were held on 30 April and 1 May.", "2024-04-30", true},
		{"Mexico may take the case to court.", "", false},
		{"The raid shocked diplomats.", "", false},
		{"Ayer, Glas fue trasladado.", "2024-04-05", true},
	}
	for _, tt := range tests {
		w, ok := Resolve(tt.sentence, sat)
		if ok != tt.ok || ok && w.String() != tt.want {
			t.Errorf("Resolve(%q) = %v %v, want %s %v", tt.sentence, w, ok, tt.want, tt.ok)
		}
	}
}

// With the seed article (6 April 2024) and an article of 23 May 2024, the
// raid comes before the court's order, each cited to its article.
func TestTimelineOrdersTheStory(t *testing.T) {
	seed, err := os.ReadFile("../corpus/000_81644a94c58555c8.md")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"seed.md": {Data: seed},
		"order.md": {Data: []byte("---\ntitle: Court declines emergency measures\nsource: Harbor Press Service\ndate: 2024-05-23\n---\n\n" +
			"THE HAGUE — The International Court of Justice on Thursday declined Mexico's request for emergency measures against Ecuador.\n\n" +
			"Mexico filed the case on 11 April, days after the raid on its embassy in Quito.\n")},
	}
	docs, _, err := corpus.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix, _, err := retrieval.Build(context.Background(), docs, retrieval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ev := Build(ix, Options{})
	raid, order := -1, -1
	for i, e := range ev {
		if strings.Contains(e.Text, "broke into the Mexican Embassy late Friday") {
			raid = i
			if e.Date != "2024-04-05" || e.DocID != "seed" {
				t.Errorf("raid dated %s from %s", e.Date, e.DocID)
			}
		}
		if strings.Contains(e.Text, "declined Mexico's request") {
			order = i
			if e.Date != "2024-05-23" || e.DocID != "order" {
				t.Errorf("order dated %s from %s", e.Date, e.DocID)
			}
		}
		if i > 0 && e.When.Date.Before(ev[i-1].When.Date) {
			t.Errorf("events out of order at %d: %s after %s", i, e.Date, ev[i-1].Date)
		}
		if doc := ix.Document(e.DocID); doc.Text[e.Start:e.End] != e.Text {
			t.Errorf("event %q is not its document's text at its offsets", e.Text)
		}
	}
	if raid < 0 || order < 0 || raid > order {
		t.Fatalf("raid at %d, order at %d in %d events", raid, order, len(ev))
	}
	focused := Build(ix, Options{Focus: "court"})
	for _, e := range focused {
		if !strings.Contains(strings.ToLower(e.Text), "court") {
			t.Errorf("focused event off topic: %q", e.Text)
		}
	}
}
