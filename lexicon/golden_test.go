package lexicon_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

var update = flag.Bool("update", false, "rewrite testdata/golden*.txt from the current data")

// goldenWords are news words in both languages whose lists are kept in
// testdata/golden.txt (the default build) and testdata/golden-gpl.txt (with
// the tag lexicon_gpl), so that a regeneration's effect on them shows in
// review. After go generate, run go test ./lexicon -run Golden -update and
// go test -tags lexicon_gpl ./lexicon -run Golden -update, and read the
// diff.
var goldenWords = map[lang.Lang][]string{
	lang.English: {"shouted", "detained", "arrested", "envoy", "ambassador", "embassy", "mexican",
		"reaction", "condemned", "kick out", "suspended", "said", "raid", "ties", "president", "asylum"},
	lang.Spanish: {"gritó", "detenido", "arrestado", "embajada", "embajador", "ecuatoriano", "condenó",
		"expulsar", "suspendió", "dijo", "allanamiento", "relaciones", "presidente", "asilo"},
}

func TestGolden(t *testing.T) {
	var b strings.Builder
	for _, l := range []lang.Lang{lang.English, lang.Spanish} {
		for _, w := range goldenWords[l] {
			s := stem(l, w)
			fmt.Fprintf(&b, "%s %q (%s)\n", l, w, s)
			for _, kind := range []struct {
				name string
				rels []lexicon.Rel
			}{{"syn", lexicon.Synonyms(l, s)}, {"tr", lexicon.Translations(l, s)}} {
				fmt.Fprintf(&b, "  %s:", kind.name)
				for _, r := range kind.rels {
					fmt.Fprintf(&b, " %s %.2f;", r.Stem, r.Weight)
				}
				b.WriteString("\n")
			}
		}
	}
	path := filepath.Join("testdata", "golden.txt")
	if withGPL {
		path = filepath.Join("testdata", "golden-gpl.txt")
	}
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lexicon -run Golden -update, with and without -tags lexicon_gpl)", err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("lists differ from %s at line %d:\n got %s\nwant %s\n(after a regeneration, review and run with -update)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("lists differ from %s in length: %d lines, want %d", path, len(gl), len(wl))
	}
}
