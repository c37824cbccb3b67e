package main

import (
	"maps"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

// writeFiles writes name → content files into a new temporary folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tinyWordNet is a made-up WordNet in the database format: "land" and
// "country" share a synset with a hypernym and a hyponym; "land" has a rare
// second sense cut by its tag count; the adjective "landish" is a
// pertainym of "land"; the verb "raze" causes "fall".
var tinyWordNet = map[string]string{
	"data.noun": "  1 licence header line\n" +
		"00000010 15 n 02 land 0 country 0 002 @ 00000020 n 0000 ~ 00000030 n 0000 | a place\n" +
		"00000020 15 n 01 place 0 001 ~ 00000010 n 0000 | somewhere\n" +
		"00000030 15 n 01 homeland 0 001 @ 00000010 n 0000 | one's own land\n" +
		"00000040 15 n 02 land 0 ground 0 000 | a rare sense\n",
	"index.noun": "  1 licence header line\n" +
		"land n 2 2 @ ~ 2 1 00000010 00000040\n" +
		"country n 1 2 @ ~ 1 1 00000010\n" +
		"place n 1 1 ~ 1 1 00000020\n" +
		"homeland n 1 1 @ 1 0 00000030\n" +
		"ground n 1 0 1 0 00000040\n",
	"data.adj":    "00000100 00 a 01 landish(a) 0 001 \\ 00000010 n 0101 | of the land\n",
	"index.adj":   "landish a 1 1 \\ 1 0 00000100\n",
	"data.verb":   "00000200 30 v 01 raze 0 001 > 00000210 v 0000 | cause to fall\n00000210 30 v 01 fall 0 000 | come down\n",
	"index.verb":  "raze v 1 1 > 1 1 00000200\nfall v 1 0 1 1 00000210\n",
	"data.adv":    "",
	"index.adv":   "",
	"cntlist.rev": "land%1:15:00:: 1 10\ncountry%1:15:00:: 1 4\n",
}

func TestWordNetRelations(t *testing.T) {
	wn, err := readWordNet(writeFiles(t, tinyWordNet))
	if err != nil {
		t.Fatal(err)
	}
	g, der := wn.relations()
	s := func(w string) string { return stemPhrase(lang.English, w) }
	tests := []struct {
		from, to string
		want     float64 // 0: no link
	}{
		{"land", "country", wnSynonym},
		{"country", "land", wnSynonym},
		{"land", "place", wnHypernym},
		{"land", "homeland", wnHyponym},
		{"homeland", "land", wnHypernym},
		{"landish", "land", wnDerived},                   // pertainym
		{"land", "landish", wnDerived},                   // and back
		{"land", "ground", 0},                            // a second sense never tagged
		{"ground", "land", wnSynonym * (1 - wnRankStep)}, // ground's only sense is land's second
		{"raze", "fall", wnCause},                        // a cause
		{"fall", "raze", wnCause},                        // and back: "killed" for "died"
	}
	for _, tt := range tests {
		got := g[s(tt.from)][s(tt.to)]
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s → %s weighs %.3f, want %.3f", tt.from, tt.to, got, tt.want)
		}
		_, isDerived := der[s(tt.from)][s(tt.to)]
		if isDerived != (tt.want == wnDerived) {
			t.Errorf("%s → %s: in the derived graph %v, want %v", tt.from, tt.to, isDerived, !isDerived)
		}
	}
}

func TestWordNetBadFiles(t *testing.T) {
	tests := []struct {
		name, file, content string
	}{
		{"short synset", "data.noun", "00000010 15 n\n"},
		{"word count past the line", "data.noun", "00000010 15 n 09 land 0 000 | x\n"},
		{"negative pointer count", "data.noun", "00000010 15 n 01 land 0 -1 | x\n"},
		{"index counts wrong", "index.noun", "land n 3 0 1 0 00000010\n"},
		{"cntlist without key", "cntlist.rev", "land 1 10\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(tinyWordNet)
			files[tt.file] = tt.content
			if _, err := readWordNet(writeFiles(t, files)); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := readWordNet(t.TempDir()); err == nil {
		t.Error("no error for a folder without WordNet")
	}
}

// FuzzWordNetLines: any line parses or gives an error, never a panic.
func FuzzWordNetLines(f *testing.F) {
	for _, s := range []string{
		"00000010 15 n 02 land 0 country 0 002 @ 00000020 n 0000 ~ 00000030 n 0000 | a place",
		"land n 2 2 @ ~ 2 1 00000010 00000040",
		"00000100 00 a 01 landish(a) 0 001 \\ 00000010 n 0101 | of the land",
		"0 0 n ff", "x n -1 -1 0 0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		wn := &wordnet{synsets: map[wnKey]*wnSynset{}, rank: map[wnSense]int{}, count: map[string]int{}}
		wn.parseData('n', line)
		wn.parseIndex('n', line)
	})
}
