package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/footnote-bot/footnote/lang"
)

func TestReadMyThes(t *testing.T) {
	// Latin-1, as mythes-es ships it: \xf3 is ó.
	latin1 := "ISO8859-1\n" +
		"detener|2\n" +
		"-|parar|frenar\n" +
		"(tr.)|arrestar (fig.)|prender\n" +
		"arrestar|1\n" +
		"-|detener\n" +
		"acci\xf3n|1\n" +
		"-|acto\n"
	dir := writeFiles(t, map[string]string{"th.dat": latin1, "utf8.dat": "UTF-8\nacción|1\n-|acto\n"})
	got, err := readMyThes(filepath.Join(dir, "th.dat"))
	if err != nil {
		t.Fatal(err)
	}
	want := []thEntry{
		{"detener", [][]string{{"parar", "frenar"}, {"arrestar", "prender"}}},
		{"arrestar", [][]string{{"detener"}}},
		{"acción", [][]string{{"acto"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readMyThes = %q, want %q", got, want)
	}
	if u, err := readMyThes(filepath.Join(dir, "utf8.dat")); err != nil || u[0].head != "acción" {
		t.Errorf("UTF-8 file: %v, %v", u, err)
	}

	g := thesaurusRelations(got)
	s := func(w string) string { return stemPhrase(lang.Spanish, w) }
	mutual, oneWay := g[s("detener")][s("arrestar")], g[s("detener")][s("parar")]
	if mutual == 0 || oneWay == 0 || mutual <= oneWay*1.01 {
		t.Errorf("detener→arrestar (listed both ways) %.2f should outweigh detener→parar %.2f", mutual, oneWay)
	}
}

func TestReadMyThesErrors(t *testing.T) {
	tests := map[string]string{
		"unknown encoding": "KOI8-R\nx|1\n-|y\n",
		"no bar":           "UTF-8\nword 1\n",
		"bad count":        "UTF-8\nword|x\n",
		"ends early":       "UTF-8\nword|3\n-|a\n",
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"th.dat": content})
			if _, err := readMyThes(filepath.Join(dir, "th.dat")); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestDictb64(t *testing.T) {
	tests := []struct {
		in      string
		want    uint64
		wantErr bool
	}{
		{"A", 0, false}, {"B", 1, false}, {"/", 63, false}, {"BA", 64, false}, {"b", 27, false},
		{"", 0, true}, {"*", 0, true}, {"AAAAAAAAAAA", 0, true},
	}
	for _, tt := range tests {
		got, err := dictb64(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("dictb64(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseDictEntry(t *testing.T) {
	tests := []struct {
		text string
		want [][]string
	}{
		{"embassy /ˈem/\nembajada\n", [][]string{{"embajada"}}},
		{"arrest /p/\n1. arresto, detención\n2. arrestar; detener <v>\n", [][]string{{"arresto", "detención"}, {"arrestar", "detener"}}},
		{"word /x/\n(fig.) [note]\n\n", nil},
		{"only a head line", nil},
	}
	for _, tt := range tests {
		if got := parseDictEntry("h", tt.text); !reflect.DeepEqual(got.senses, tt.want) {
			t.Errorf("parseDictEntry(%q) = %q, want %q", tt.text, got.senses, tt.want)
		}
	}
}

func FuzzParseDictEntry(f *testing.F) {
	f.Add("arrest /p/\n1. arresto, detención\n2. arrestar; detener <v>\n")
	f.Add("x\n<<(\n1.")
	f.Fuzz(func(t *testing.T, text string) {
		for _, ws := range parseDictEntry("h", text).senses {
			for _, w := range ws {
				if w == "" {
					t.Fatal("empty translation")
				}
			}
		}
	})
}

func TestReadDictd(t *testing.T) {
	body := "00-database header\nembassy /e/\nembajada\narrest /a/\n1. arresto\n2. detener\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(body))
	zw.Close()
	// offsets and lengths in dictd's base64: embassy at 19 ("T") for 21
	// bytes ("V"), arrest at 40 ("o") for 33 ("h")
	index := "00databaseinfo\tA\tT\nembassy\tT\tV\narrest\to\th\n"
	dir := t.TempDir()
	base := filepath.Join(dir, "d")
	os.WriteFile(base+".dict.dz", gz.Bytes(), 0o644)
	os.WriteFile(base+".index", []byte(index), 0o644)
	got, err := readDictd(base)
	if err != nil {
		t.Fatal(err)
	}
	want := []dictEntry{{"embassy", [][]string{{"embajada"}}}, {"arrest", [][]string{{"arresto"}, {"detener"}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readDictd = %q, want %q", got, want)
	}
	os.WriteFile(base+".index", []byte("embassy\tT\t/////\n"), 0o644)
	if _, err := readDictd(base); err == nil {
		t.Error("no error for an entry past the end")
	}
	os.WriteFile(base+".index", []byte("embassy T U\n"), 0o644)
	if _, err := readDictd(base); err == nil {
		t.Error("no error for an index line without tabs")
	}
}

func TestATTPaths(t *testing.T) {
	// a<n> → a<n>; b x* <n> → c x* <n> with the loop on x not followed; a
	// back arc 1→0; a second section that must be ignored.
	text := "0\t1\ta\ta\t0.0\n" +
		"1\t2\t<n>\t<n>\t0.0\n" +
		"1\t0\tz\tz\t0.0\n" +
		"0\t3\tb\tc\t0.0\n" +
		"3\t3\tx\tx\t0.0\n" +
		"3\t5\t ε\tε\t0.0\n" +
		"3\t4\t<n>\t<n>\t0.0\n" +
		"2\t0.0\n4\t0.0\n" +
		"--\n0\t1\tq\tq\t0.0\n1\t0.0\n"
	a, err := parseATT([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	a.paths(func(in, out string) { got[in] = out })
	want := map[string]string{"a<n>": "a<n>", "b<n>": "c<n>"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paths = %q, want %q", got, want)
	}
	if _, err := parseATT([]byte("x\t1\ta\ta\n")); err == nil {
		t.Error("no error for a bad state")
	}
	if _, err := parseATT([]byte("0\t1\ta\ta\t0\n")); err == nil {
		t.Error("no error without a final state")
	}
}

func TestSplitTags(t *testing.T) {
	tests := []struct{ in, lemma, pos string }{
		{"arrest<n><sg>", "arrest", "n"},
		{"México<np><loc><m>", "México", "np loc"},
		{"take# out<vblex>", "take out", "vblex"},
		{"plain", "plain", ""},
	}
	for _, tt := range tests {
		if l, p := splitTags(tt.in); l != tt.lemma || p != tt.pos {
			t.Errorf("splitTags(%q) = %q, %q; want %q, %q", tt.in, l, p, tt.lemma, tt.pos)
		}
	}
}

// FuzzParseATT: any text parses or gives an error, and walking the paths
// of what parses ends, loops included.
func FuzzParseATT(f *testing.F) {
	f.Add("0\t1\ta\ta\t0.0\n1\t0\tb\tb\t0.0\n1\t0.0\n")
	f.Add("0\t0\tx\tx\n0\n--\n")
	f.Fuzz(func(t *testing.T, text string) {
		a, err := parseATT([]byte(text))
		if err != nil {
			return
		}
		n := 0
		a.paths(func(in, out string) {
			if n++; n > 1e6 {
				t.Fatal("too many paths")
			}
		})
	})
}

func TestStanza(t *testing.T) {
	copyright := "Format: x\n\nFiles: *\nCopyright: A\nLicense: MIT\n text\n\nFiles: debian/*\nLicense: GPL-2+\n"
	dir := writeFiles(t, map[string]string{"copyright": copyright})
	path := filepath.Join(dir, "copyright")
	got, err := stanza(path, "Files: *")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Files: *\nCopyright: A\nLicense: MIT\n text\n\n"; got != want {
		t.Errorf("stanza = %q, want %q", got, want)
	}
	if _, err := stanza(path, "Files: none/*"); err == nil {
		t.Error("no error for a missing stanza")
	}
}
