package corpus_test

import (
	"testing"
	"time"

	"github.com/footnote-bot/footnote/corpus"
)

// A text without front matter is dated by the date line or dateline among
// its first lines; a sentence's date is an event's, not the text's.
func TestTextDate(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"date line under a letterhead", "Water is back in Villa Alta\n\nMinistry of the Environment\nSan Aurelio, 28 de marzo de 2025\n\nThe ministry reports that water is back.", "2025-03-28"},
		{"dateline before the story", "Ministerio de Salud\n\nLima, 14 de marzo de 2031.- El Ministerio de Salud informa lo siguiente.", "2031-03-14"},
		{"English date line", "Statement\n\nMarch 28, 2025\n\nThe company regrets the spill.", "2025-03-28"},
		{"day before month in English", "Statement\n\nGeneva, 2 April 2024\n\nThe council met.", "2024-04-02"},
		{"a sentence's date is an event's", "Spill\n\nOn 3 March 2025, a pipeline burst at the mine.\n\nWater was cut.", ""},
		{"a dateline without a year", "Spill\n\nLIMA, Oct 3 (Wire) - Congress voted on Thursday.", ""},
		{"no such day", "Statement\n\nLima, 31 de abril de 2025\n\nText.", ""},
		{"año with del", "Comunicado\n\nLima, 14 de marzo del 2031\n\nTexto.", "2031-03-14"},
		{"an info box's date is another's", "Jorge Glas\n\nBorn: 10 September 1969\nOffice: Vice President", ""},
		{"an event's date in a fact box", "Claves del derrame\n\nFecha del derrame: 3 de marzo de 2025\nLugar: Quebrada Honda", ""},
		{"a timeline line", "Timeline\n\nMarch 3, 2025: the pipe bursts\nMarch 6, 2025: the mine is shut", ""},
		{"an update line", "Claves de la huelga\n\nActualizado: 2 de julio de 2025\nDetenidos: 4", "2025-07-02"},
		{"a date far down the text", "Title\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n\nSeven.\n\nEight.\n\nLima, 14 de marzo de 2031", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := corpus.Parse("note.txt", []byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Date != tt.want {
				t.Errorf("Date = %q, want %q", doc.Date, tt.want)
			}
		})
	}
	// front matter's date wins
	doc, err := corpus.Parse("note.md", []byte("---\ntitle: Note\ndate: 2024-01-02\n---\n\nLima, 14 de marzo de 2031\n\nText."))
	if err != nil || doc.Date != "2024-01-02" {
		t.Errorf("front matter date: %q, %v", doc.Date, err)
	}
}

func FuzzTextDate(f *testing.F) {
	f.Add("Lima, 14 de marzo de 2031.- El texto.")
	f.Add("March 28, 2025\n\nText.")
	f.Add("de de de 2025 marzo 31")
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := corpus.Parse("f.txt", []byte(text))
		if err != nil || doc.Date == "" {
			return
		}
		if _, err := time.Parse("2006-01-02", doc.Date); err != nil {
			t.Fatalf("date %q of %q: %v", doc.Date, text, err)
		}
	})
}
