package lexicon

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon/internal/table"
)

// TestEmbeddedSizes checks that every embedded table decodes and has a
// plausible size, so a broken or truncated regeneration fails here.
func TestEmbeddedSizes(t *testing.T) {
	d, err := decode(sources())
	if err != nil {
		t.Fatalf("decode the embedded data: %v", err)
	}
	tests := []struct {
		from, to          lang.Lang
		minKeys, minEdges int
		maxKeys, maxEdges int
	}{
		{lang.English, lang.English, 100_000, 300_000, 300_000, 2_000_000},
		{lang.Spanish, lang.Spanish, 10_000, 100_000, 100_000, 1_000_000},
		{lang.English, lang.Spanish, 20_000, 40_000, 200_000, 1_000_000},
		{lang.Spanish, lang.English, 10_000, 20_000, 200_000, 1_000_000},
	}
	for _, tt := range tests {
		tb := d.tables[pair{tt.from, tt.to}]
		if tb == nil && tt.from != tt.to && len(gplData) == 0 {
			continue // default build: no translations
		}
		if tb == nil {
			t.Errorf("no %s-%s table", tt.from, tt.to)
			continue
		}
		keys, edges := tb.Len()
		t.Logf("%s-%s: %d keys, %d edges", tt.from, tt.to, keys, edges)
		if keys < tt.minKeys || keys > tt.maxKeys || edges < tt.minEdges || edges > tt.maxEdges {
			t.Errorf("%s-%s: %d keys and %d edges, want %d..%d keys and %d..%d edges",
				tt.from, tt.to, keys, edges, tt.minKeys, tt.maxKeys, tt.minEdges, tt.maxEdges)
		}
	}
	for _, p := range []pair{{lang.English, lang.English}, {lang.Spanish, lang.Spanish}} {
		o := d.overlays[p]
		switch {
		case len(gplData) == 0 && o != nil:
			t.Errorf("%s-%s overlay in the default build", p.from, p.to)
		case len(gplData) > 0 && o == nil:
			t.Errorf("no %s-%s overlay with the GPL file", p.from, p.to)
		case o != nil:
			keys, edges := o.Len()
			t.Logf("%s-%s overlay: %d keys, %d edges", p.from, p.to, keys, edges)
			if edges < 10_000 {
				t.Errorf("%s-%s overlay has %d edges, want at least 10000", p.from, p.to, edges)
			}
		}
	}
	total := 0
	for _, s := range sources() {
		total += len(s.gz)
	}
	if total > 5<<20 {
		t.Errorf("embedded data is %d bytes, more than 5 MiB", total)
	}
}

// TestLazyConcurrentFirstUse starts many lookups at once on a lexicon not
// yet decoded: all must see the same data, decoded once (run with -race).
func TestLazyConcurrentFirstUse(t *testing.T) {
	calls := 0
	var mu sync.Mutex
	z := &lazy{srcs: func() []source {
		mu.Lock()
		calls++
		mu.Unlock()
		return sources()
	}}
	if z.loaded.Load() {
		t.Fatal("a new lexicon reports loaded before any use")
	}
	const n = 16
	got := make([]*data, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			got[i] = z.get()
		}()
	}
	close(start)
	wg.Wait()
	if calls != 1 {
		t.Errorf("decoded %d times, want once", calls)
	}
	for i, d := range got {
		if d == nil || d != got[0] {
			t.Fatalf("goroutine %d got %p, goroutine 0 got %p", i, d, got[0])
		}
	}
	if !z.loaded.Load() {
		t.Error("not loaded after use")
	}
}

// TestBrokenData: corrupt embedded data gives an error from Load-like use
// and nil lookups, never a panic.
func TestBrokenData(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("FNLEX1\n\x05")) // five tables announced, none there
	zw.Close()
	tests := []struct {
		name string
		srcs []source
		want string
	}{
		{"not gzip", []source{{name: "x", gz: []byte("plain text")}}, "lexicon x:"},
		{"truncated gzip", []source{{name: "x", gz: gz.Bytes()[:gz.Len()-4]}}, "lexicon x:"},
		{"bad table", []source{{name: "x", gz: gz.Bytes()}}, "lexicon x:"},
		{"two tables for one pair", []source{{name: "a", gz: wordnetData}, {name: "b", gz: wordnetData}}, "second en-en table"},
		{"two overlays for one pair", []source{{name: "a", gz: wordnetData}, {name: "b", gz: wordnetData, overlay: true},
			{name: "c", gz: wordnetData, overlay: true}}, "lexicon c: a second en-en table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := &lazy{srcs: func() []source { return tt.srcs }}
			if d := z.get(); d != nil {
				t.Errorf("got data from broken sources")
			}
			if z.err == nil || !strings.Contains(z.err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", z.err, tt.want)
			}
		})
	}
}

// BenchmarkFirstLoad measures decoding all embedded tables, as the first
// lookup pays it.
func BenchmarkFirstLoad(b *testing.B) {
	size := 0
	for _, s := range sources() {
		size += len(s.gz)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept := &lazy{srcs: sources}
	if kept.get() == nil {
		b.Fatal(kept.err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(kept)
	b.ReportAllocs()
	for b.Loop() {
		z := &lazy{srcs: sources}
		if z.get() == nil {
			b.Fatal(z.err)
		}
	}
	// after the loop: b.Loop resets the timer, which drops earlier metrics
	b.ReportMetric(float64(size)/(1<<20), "embedded-MB")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "retained-MB")
}

func BenchmarkSynonyms(b *testing.B) {
	benchLookup(b, Synonyms, lang.English, []string{"shout", "arrest", "embassi", "govern", "qzxwv"})
}

func BenchmarkTranslations(b *testing.B) {
	benchLookup(b, Translations, lang.Spanish, []string{"conden", "embaj", "deten", "gobiern", "qzxwv"})
}

// benchLookup measures lookup of stems in language l, in turn, once the
// lexicon is loaded.
func benchLookup(b *testing.B, lookup func(lang.Lang, string) []Rel, l lang.Lang, stems []string) {
	if err := Load(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		lookup(l, stems[i%len(stems)])
		i++
	}
}

// TestImportDoesNotDecode runs this test binary again with only
// importing in effect: Loaded must be false until the first lookup.
func TestImportDoesNotDecode(t *testing.T) {
	if os.Getenv("LEXICON_LAZY_CHILD") == "1" {
		if Loaded() {
			fmt.Println("loaded-before-use")
			return
		}
		Synonyms(lang.English, "shout")
		fmt.Println("loaded-after-use:", Loaded())
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportDoesNotDecode$", "-test.count=1")
	cmd.Env = append(os.Environ(), "LEXICON_LAZY_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "loaded-after-use: true") {
		t.Errorf("child output %q, want Loaded false before and true after the first lookup", out)
	}
}

// gzTables encodes and compresses tables as the generator does.
func gzTables(t *testing.T, tables ...*table.Table) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if err := table.Encode(zw, tables...); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestOverlaySource: an overlay source's table for a pair a plain source
// has answers for the keys it holds, the plain table for the others, and
// its other pairs are added.
func TestOverlaySource(t *testing.T) {
	e := func(target string, w uint8) table.Edge { return table.Edge{Target: target, Weight: w} }
	plain := table.Build("en", "en", map[string][]table.Edge{
		"arrest": {e("nab", 100)}, "shout": {e("yell", 100)},
	}, MaxRels)
	over := table.Build("en", "en", map[string][]table.Edge{
		"arrest": {e("nab", 100), e("detain", 50)},
	}, MaxRels)
	tr := table.Build("en", "es", map[string][]table.Edge{"arrest": {e("deten", 100)}}, MaxRels)
	d, err := decode([]source{
		{name: "plain", gz: gzTables(t, plain)},
		{name: "gpl", gz: gzTables(t, tr, over), overlay: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		from, to lang.Lang
		key      string
		want     []table.Edge
	}{
		{lang.English, lang.English, "arrest", []table.Edge{e("nab", 100), e("detain", 50)}},
		{lang.English, lang.English, "shout", []table.Edge{e("yell", 100)}},
		{lang.English, lang.English, "yell", []table.Edge{}}, // a target only: no edges either side
		{lang.English, lang.Spanish, "arrest", []table.Edge{e("deten", 100)}},
	}
	for _, tt := range tests {
		got := d.lookup(tt.from, tt.to, tt.key)
		if len(got) != len(tt.want) || len(got) > 0 && !slices.Equal(got, tt.want) {
			t.Errorf("lookup(%s, %s, %q) = %v, want %v", tt.from, tt.to, tt.key, got, tt.want)
		}
	}
}
