package corpus_test

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/footnote-bot/footnote/corpus"
)

// TestLoadSymlinksOnDisk builds a real folder with links of every kind and
// checks that only those ending at a regular file inside the folder are
// read; the rest are reported, and nothing blocks or reads without bound.
func TestLoadSymlinksOnDisk(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "corpus")
	outside := filepath.Join(root, "outside")
	for _, d := range []string{dir, outside, filepath.Join(dir, "sub")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, text string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "real.md"), "Real\n\nThe embassy was raided.")
	write(filepath.Join(dir, "sub", "deep.md"), "Deep\n\nGlas was arrested.")
	write(filepath.Join(outside, "secret.txt"), "Secret\n\nroot:x:0:0")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo-target"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link("sub/deep.md", "inside.md")                      // inside, regular: read
	link("../corpus/real.md", "roundabout.md")            // leaves and comes back by name: outside
	link(filepath.Join(outside, "secret.txt"), "abs.txt") // absolute: outside
	link("../outside/secret.txt", "rel.txt")              // relative, outside
	link("/dev/zero", "zero.txt")                         // a device
	link("fifo-target", "fifo.txt")                       // a FIFO inside
	link("loop-b.md", "loop-a.md")                        // a loop
	link("loop-a.md", "loop-b.md")                        //
	link("missing.md", "dangling.md")                     // nothing there
	link("sub", "subdir.md")                              // a folder
	link("../outside", "escape")                          // a folder outside...
	link("escape/secret.txt", "through-escape.txt")       // ... a file reached through it
	link("inside.md", "chain.md")                         // a chain of links inside

	done := make(chan struct{})
	var docs []*corpus.Document
	var skipped []*corpus.FileError
	var err error
	go func() {
		defer close(done)
		docs, skipped, err = corpus.Load(os.DirFS(dir))
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Load blocked (a FIFO or a device was opened)")
	}
	if err != nil {
		t.Fatal(err)
	}
	got := paths(docs)
	for _, want := range []string{"chain.md", "inside.md", "real.md", "sub/deep.md"} {
		if !slices.Contains(got, want) {
			t.Errorf("loaded %q, want %s among them", got, want)
		}
	}
	for _, d := range docs {
		if strings.Contains(d.Text, "root:x") {
			t.Errorf("%s: a file outside the corpus was read", d.Path)
		}
	}
	reasons := map[string]error{}
	for _, fe := range skipped {
		reasons[fe.Path] = fe.Err
	}
	for name, want := range map[string]error{
		"abs.txt":            corpus.ErrLinkOutside,
		"rel.txt":            corpus.ErrLinkOutside,
		"roundabout.md":      corpus.ErrLinkOutside,
		"through-escape.txt": corpus.ErrLinkOutside,
		"zero.txt":           corpus.ErrLinkOutside,
		"fifo.txt":           corpus.ErrNotRegular,
		"subdir.md":          corpus.ErrNotRegular,
		"loop-a.md":          corpus.ErrLinkLoop,
		"loop-b.md":          corpus.ErrLinkLoop,
		"dangling.md":        fs.ErrNotExist,
	} {
		if err, ok := reasons[name]; !ok || !errors.Is(err, want) {
			t.Errorf("%s: skipped with %v, want %v", name, err, want)
		}
	}
}

func TestLoadSymlinksInMapFS(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink | 0o777}
	}
	fsys := fstest.MapFS{
		"a.md":       file("A\n\nThe embassy was raided."),
		"b.md":       link("a.md"),
		"c.md":       link("/etc/passwd.md"),
		"d.md":       link("../x.md"),
		"dev.md":     link("device"),
		"device":     &fstest.MapFile{Mode: fs.ModeDevice},
		"dir/e.md":   link("../a.md"),
		"dir/f.md":   link("../../a.md"),
		"self.md":    link("self.md"),
		"nested.txt": link("dir/e.md"),
	}
	docs, skipped := mustLoad(t, fsys)
	// b.md, dir/e.md and nested.txt read a.md's bytes under their own ids
	if want := []string{"a.md", "b.md", "dir/e.md", "nested.txt"}; !slices.Equal(paths(docs), want) {
		t.Errorf("loaded %q, want %q", paths(docs), want)
	}
	want := map[string]error{"c.md": corpus.ErrLinkOutside, "d.md": corpus.ErrLinkOutside, "dir/f.md": corpus.ErrLinkOutside,
		"dev.md": corpus.ErrNotRegular, "self.md": corpus.ErrLinkLoop}
	if len(skipped) != len(want) {
		t.Errorf("skipped %v, want %d", skipped, len(want))
	}
	for _, fe := range skipped {
		if !errors.Is(fe, want[fe.Path]) {
			t.Errorf("skipped %v, want %v", fe, want[fe.Path])
		}
	}
	files, _, err := corpus.Files(fsys)
	if err != nil || !slices.Equal(files, paths(docs)) {
		t.Errorf("Files = %q, %v; want the files Load read, %q", files, err, paths(docs))
	}
}

// endlessFS serves one file that claims to be small and never ends, as a
// file that grows while it is read (or /dev/zero) would.
type endlessFS struct{}

func (endlessFS) Open(name string) (fs.File, error) {
	switch name {
	case ".":
		return fstest.MapFS{"big.txt": file("x")}.Open(".")
	case "big.txt":
		return endless{}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (endlessFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return fstest.MapFS{"big.txt": file("x")}.ReadDir(name)
}

type endless struct{}

func (endless) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{"big.txt": file("x")}.Stat("big.txt")
}
func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}
func (endless) Close() error { return nil }

var _ io.Reader = endless{}

func TestLoadReadsAtMostTheLimit(t *testing.T) {
	docs, skipped := mustLoad(t, endlessFS{})
	if len(docs) != 0 || len(skipped) != 1 || !strings.Contains(skipped[0].Err.Error(), "limit") {
		t.Errorf("Load = %d docs, skipped %v; want big.txt refused over the limit", len(docs), skipped)
	}
}

func TestSanitize(t *testing.T) {
	d := &corpus.Document{
		ID:     "a\x1b[2Jb",
		Title:  "Raid\x1b]8;;https://evil.example\x07 on\nthe embassy\u202e",
		Source: "AP\r\u009b31m",
		URL:    "https://example.com/\x00x",
		Date:   "2024-04-06\x7f",
		Text:   "Line one\x1b[31m red.\r\n\nLine\ttwo \u2066isolated\u2069.",
	}
	corpus.Sanitize(d)
	want := corpus.Document{
		ID:     "a[2Jb",
		Title:  "Raid]8;;https://evil.example on the embassy",
		Source: "AP31m",
		URL:    "https://example.com/x",
		Date:   "2024-04-06",
		Text:   "Line one[31m red.\n\nLine two isolated.",
	}
	if *d != want {
		t.Errorf("Sanitize =\n%+v\nwant\n%+v", *d, want)
	}
}

func TestLoadSanitizesHTMLTitlesAndText(t *testing.T) {
	fsys := fstest.MapFS{
		"a.html": file("<html><head><title>Raid \x1b[2J\x1b]0;owned\x07</title></head><body><article><p>Police \x1b[31mentered\u009b the embassy in Quito.</p></article></body></html>"),
	}
	docs, skipped, err := corpus.Load(fsys)
	if err != nil || len(docs) != 1 {
		t.Fatalf("Load = %v, %v, %v", docs, skipped, err)
	}
	for field, v := range map[string]string{"title": docs[0].Title, "text": docs[0].Text} {
		if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\n' || r >= 0x7f && r <= 0x9f }) {
			t.Errorf("%s %q holds control characters", field, v)
		}
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "plain text", "a\x1b[31mb", "\r\n\t", "\u202eevil", "¿Qué?\n\n«Sí»", "\xc2\x9b", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, got := range map[string]string{"CleanText": corpus.CleanText(s), "CleanLine": corpus.CleanLine(s)} {
			for _, r := range got {
				if r < 0x20 && !(r == '\n' && name == "CleanText") || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
					t.Fatalf("%s(%q) = %q keeps %U", name, s, got, r)
				}
			}
			if again := corpus.CleanText(got); name == "CleanText" && again != got {
				t.Fatalf("CleanText is not idempotent on %q", s)
			}
			if len(got) > len(s) {
				t.Fatalf("%s(%q) grew to %q", name, s, got)
			}
		}
		if !strings.ContainsFunc(s, func(r rune) bool {
			return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
		}) && corpus.CleanText(s) != s {
			t.Fatalf("CleanText changed %q, which has no control characters", s)
		}
	})
}

// FuzzLoadSymlinks: whatever a link says, Load ends, never panics, and
// reads a link only when it resolves to the one regular file in the folder.
func FuzzLoadSymlinks(f *testing.F) {
	for _, s := range []string{"real.md", "../real.md", "/etc/passwd", "dir/../real.md", "x/../../real.md", "a.md", "dir", "", ".", "dir/b.md"} {
		f.Add(s, "real.md")
	}
	f.Fuzz(func(t *testing.T, target, second string) {
		link := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: fs.ModeSymlink | 0o777} }
		fsys := fstest.MapFS{
			"real.md":  file("Real\n\nThe embassy was raided."),
			"a.md":     link(target),
			"dir/b.md": link(second),
			"dir/c":    &fstest.MapFile{Mode: fs.ModeDir | 0o755},
		}
		docs, skipped := mustLoad(t, fsys)
		if len(docs)+len(skipped) != 3 {
			t.Fatalf("%d loaded + %d skipped, want 3 files accounted for", len(docs), len(skipped))
		}
		for _, d := range docs {
			if !strings.HasSuffix(d.Text, "The embassy was raided.") {
				t.Fatalf("%s read %q", d.Path, d.Text)
			}
		}
	})
}
