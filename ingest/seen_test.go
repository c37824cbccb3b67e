package ingest_test

import (
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/ingest"
	"github.com/footnote-bot/footnote/retrieval"
)

// TestSeenPrintsRefusesAsSeenDocuments: a Seen made from prints refuses
// exactly what a Seen made from the documents refuses.
func TestSeenPrintsRefusesAsSeenDocuments(t *testing.T) {
	old, err := corpus.Parse("old.md", []byte("---\ntitle: Old\nurl: https://www.news.example/old/\n---\n\nPolice entered the embassy late on Friday.\n"))
	if err != nil {
		t.Fatal(err)
	}
	corpus.Sanitize(old)
	byDocs := ingest.NewSeen([]*corpus.Document{old})
	byPrints := ingest.NewSeenPrints([]retrieval.Print{{ID: old.ID, FileHash: old.Hash, Text: retrieval.TextKey(old.Text), URL: old.URL}})
	for _, tc := range []struct {
		name, file string
		dup        bool
	}{
		{"same bytes", "---\ntitle: Old\nurl: https://www.news.example/old/\n---\n\nPolice entered the embassy late on Friday.\n", true},
		{"same text, other case and spacing", "---\ntitle: Another title\n---\n\npolice  ENTERED the embassy late on Friday.\n", true},
		{"other text", "# Other\n\nMexico broke off diplomatic relations.\n", false},
	} {
		d, err := corpus.Parse("new.md", []byte(tc.file))
		if err != nil {
			t.Fatal(err)
		}
		corpus.Sanitize(d)
		a, b := byDocs.Duplicate(d), byPrints.Duplicate(d)
		if a != b || (b != "") != tc.dup {
			t.Errorf("%s: documents say %q, prints say %q, want duplicate %v", tc.name, a, b, tc.dup)
		}
	}
	for _, u := range []string{"http://news.example/old", "https://news.example/other"} {
		if a, b := byDocs.DuplicateURL(u), byPrints.DuplicateURL(u); a != b {
			t.Errorf("URL %s: documents say %q, prints say %q", u, a, b)
		}
	}
	if byPrints.DuplicateURL("http://news.example/old") != old.ID || byPrints.Len() != 1 || byPrints.Document(old.ID).ID != old.ID {
		t.Error("prints: URL, Len or Document lost the old article")
	}
}
