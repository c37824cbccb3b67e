package corpus_test

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

const seedPath = "000_81644a94c58555c8.md"

func TestBuiltin(t *testing.T) {
	docs, skipped := mustLoad(t, corpus.Builtin())
	if len(skipped) != 0 {
		t.Errorf("skipped %v", skipped)
	}
	if len(docs) != 1 {
		t.Fatalf("Builtin holds %d documents, want 1", len(docs))
	}
	d := docs[0]
	want := meta{
		ID:       "000_81644a94c58555c8",
		Title:    "Mexico’s president says his country is breaking diplomatic ties with Ecuador after embassy raid",
		Source:   "The Associated Press",
		Date:     "2024-04-06",
		Language: lang.English,
	}
	if got := metaOf(d); got != want {
		t.Errorf("seed article =\n %+v\nwant\n %+v", got, want)
	}
	if d.Path != seedPath {
		t.Errorf("Path = %q, want %q", d.Path, seedPath)
	}
	raw, err := fs.ReadFile(corpus.Builtin(), seedPath)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(raw); d.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("Hash = %s, want the SHA-256 of the embedded file", d.Hash)
	}
	for _, s := range []string{
		"Jorge Glas",
		"QUITO, Ecuador — Mexico’s government ended diplomatic ties",
		"20 drug-trafficking gangs as terrorist groups", // NBSPs in the file are plain spaces
		"persona non grata.",
	} {
		if !strings.Contains(d.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for _, bad := range []string{"---", "title:", "\u00a0", "\r", "\n\n\n"} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("text contains %q", bad)
		}
	}
	if !strings.HasPrefix(d.Text, "QUITO") {
		t.Errorf("text starts %.40q, want the first paragraph", d.Text)
	}
}

// TestBuiltinQuoteIsOneSentence checks the case citations depend on: the
// quote and its speaker form one sentence of one chunk.
func TestBuiltinQuoteIsOneSentence(t *testing.T) {
	docs, _, err := corpus.Load(corpus.Builtin())
	if err != nil || len(docs) != 1 {
		t.Fatalf("Load(Builtin()) = %v, %v", docs, err)
	}
	const want = "“This is not possible. It cannot be. This is crazy,” Roberto Canseco, head of the Mexican consular section in Quito, told local press while standing outside the embassy right after the raid."
	for _, c := range corpus.Split(docs[0]) {
		for i := range c.Sentences {
			if c.Sentence(i) == want {
				return
			}
		}
	}
	t.Errorf("no chunk has the sentence %q", want)
}
