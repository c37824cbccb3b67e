package corpus_test

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/footnote-bot/footnote/corpus"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }

// mustLoad loads the articles of fsys, failing the test on an error.
func mustLoad(t testing.TB, fsys fs.FS) ([]*corpus.Document, []*corpus.FileError) {
	t.Helper()
	docs, skipped, err := corpus.Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return docs, skipped
}

func paths(docs []*corpus.Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Path)
	}
	return out
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":                file("---\ntitle: A\n---\nThe embassy was raided."),
		"sub/b.txt":           file("B\n\nGlas was arrested."),
		"sub/deeper/c.html":   file("<title>C</title><p>Diplomats were hurt.</p>"),
		"UPPER.MD":            file("Upper-case extensions load too."),
		"d.htm":               file("<p>Short extension.</p>"),
		"e.markdown":          file("Long extension."),
		"broken.md":           file("---\ntitle: never closed\n\nText."),
		"empty.txt":           file(""),
		"blank.md":            file("\n \n"),
		"binary.md":           file("PNG\x00\x01\x02"),
		"latin1.txt":          file("L\xf3pez"),
		"bad-date.md":         file("---\ndate: soon\n---\nText."),
		".hidden.md":          file("Hidden files are not articles."),
		".git/HEAD.md":        file("Hidden folders are skipped."),
		"sub/.drafts/x.md":    file("Hidden folders deep down too."),
		"notes.pdf":           file("%PDF-1.4 not an article"),
		"photo.jpg":           file("\xff\xd8\xff\xe0"),
		"README":              file("no extension"),
		"data.json":           file(`{"not": "an article"}`),
		"sub/folder.md/x.txt": file("A folder named like an article is walked into."),
	}
	docs, skipped := mustLoad(t, fsys)
	wantDocs := []string{"UPPER.MD", "a.md", "d.htm", "e.markdown", "sub/b.txt", "sub/deeper/c.html", "sub/folder.md/x.txt"}
	if got := paths(docs); !slices.Equal(got, wantDocs) {
		t.Errorf("loaded %q, want %q (sorted by path)", got, wantDocs)
	}
	wantSkipped := map[string]string{
		"broken.md":   "never closed",
		"empty.txt":   corpus.ErrNoText.Error(),
		"blank.md":    corpus.ErrNoText.Error(),
		"binary.md":   "binary",
		"latin1.txt":  "UTF-8",
		"bad-date.md": "not a date",
	}
	got := map[string]string{}
	for _, fe := range skipped {
		got[fe.Path] = fe.Err.Error()
		if !strings.HasPrefix(fe.Error(), fe.Path+": ") {
			t.Errorf("FileError.Error() = %q, want it to start with the path", fe.Error())
		}
	}
	for p, reason := range wantSkipped {
		if !strings.Contains(got[p], reason) {
			t.Errorf("skipped %s: reason %q, want it to mention %q", p, got[p], reason)
		}
	}
	for p := range got {
		if _, ok := wantSkipped[p]; !ok {
			t.Errorf("skipped %s (%s), want it loaded or ignored", p, got[p])
		}
	}
	for _, fe := range skipped {
		if fe.Path == "empty.txt" && !errors.Is(fe, corpus.ErrNoText) {
			t.Errorf("errors.Is(%v, ErrNoText) = false; FileError must unwrap", fe)
		}
	}
}

func TestLoadDocumentFields(t *testing.T) {
	fsys := fstest.MapFS{
		"news/2024/raid.md": file("---\ntitle: Raid\nsource: AP\ndate: 2024-04-06\n---\nThe embassy was raided."),
	}
	docs, skipped, err := corpus.Load(fsys)
	if err != nil || len(skipped) != 0 || len(docs) != 1 {
		t.Fatalf("Load = %d docs, skipped %v, err %v", len(docs), skipped, err)
	}
	d := docs[0]
	if d.Path != "news/2024/raid.md" || d.ID != "raid" || d.Title != "Raid" || d.Source != "AP" || d.Date != "2024-04-06" {
		t.Errorf("document = %+v", d)
	}
}

func TestLoadDuplicateIDs(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":       file("---\nid: raid\n---\nFirst by path."),
		"b.md":       file("---\nid: raid\n---\nSecond by path."),
		"raid.txt":   file("Third, id from its name."),
		"x/story.md": file("Story in x."),
		"y/story.md": file("Story in y."),
		"unique.md":  file("Only one."),
	}
	docs, skipped := mustLoad(t, fsys)
	if want := []string{"a.md", "unique.md", "x/story.md"}; !slices.Equal(paths(docs), want) {
		t.Errorf("loaded %q, want %q", paths(docs), want)
	}
	want := map[string]string{
		"b.md":       `document id "raid" is already used by a.md`,
		"raid.txt":   `document id "raid" is already used by a.md`,
		"y/story.md": `document id "story" is already used by x/story.md`,
	}
	if len(skipped) != len(want) {
		t.Errorf("skipped %v, want %d files", skipped, len(want))
	}
	for _, fe := range skipped {
		if w, ok := want[fe.Path]; !ok || fe.Err.Error() != w {
			t.Errorf("skipped %s: %v, want %q", fe.Path, fe.Err, w)
		}
	}
}

func TestLoadEmpty(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
	}{
		{name: "no files", fsys: fstest.MapFS{}},
		{name: "only empty folders", fsys: fstest.MapFS{"a": &fstest.MapFile{Mode: fs.ModeDir | 0o755}, "a/b": &fstest.MapFile{Mode: fs.ModeDir | 0o755}}},
		{name: "only hidden and unsupported files", fsys: fstest.MapFS{".a.md": file("x"), ".git/b.md": file("x"), "c.pdf": file("x"), "d": file("x")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, skipped, err := corpus.Load(tt.fsys)
			if err != nil || len(docs) != 0 || len(skipped) != 0 {
				t.Errorf("Load = %v, %v, %v; want nothing and no error", docs, skipped, err)
			}
		})
	}
}

func TestLoadOnlyUnreadable(t *testing.T) {
	docs, skipped, err := corpus.Load(fstest.MapFS{"a.md": file(""), "b.txt": file("\x00")})
	if err != nil {
		t.Fatalf("Load: %v; a corpus of bad files is not a walk error", err)
	}
	if len(docs) != 0 || len(skipped) != 2 {
		t.Errorf("Load = %d docs, %d skipped; want 0 and 2", len(docs), len(skipped))
	}
}

func TestLoadOversized(t *testing.T) {
	fsys := fstest.MapFS{
		"big.txt":   &fstest.MapFile{Data: make([]byte, corpus.MaxFileSize+1)},
		"small.txt": file("Small file."),
	}
	docs, skipped := mustLoad(t, fsys)
	if !slices.Equal(paths(docs), []string{"small.txt"}) {
		t.Errorf("loaded %q, want small.txt", paths(docs))
	}
	if len(skipped) != 1 || skipped[0].Path != "big.txt" || !strings.Contains(skipped[0].Err.Error(), "limit") {
		t.Errorf("skipped %v, want big.txt over the size limit", skipped)
	}
}

func TestLoadSkipsNonRegularFilesWithAWarning(t *testing.T) {
	fsys := fstest.MapFS{
		"pipe.md":   &fstest.MapFile{Mode: fs.ModeNamedPipe},
		"device.md": &fstest.MapFile{Mode: fs.ModeDevice},
		"real.md":   file("A real article."),
	}
	docs, skipped, err := corpus.Load(fsys)
	if err != nil || !slices.Equal(paths(docs), []string{"real.md"}) {
		t.Errorf("Load = %q, %v; want only real.md", paths(docs), err)
	}
	if len(skipped) != 2 {
		t.Fatalf("skipped %v, want pipe.md and device.md", skipped)
	}
	for _, fe := range skipped {
		if !errors.Is(fe, corpus.ErrNotRegular) {
			t.Errorf("skipped %v, want ErrNotRegular", fe)
		}
	}
}

// failFS fails to open the named paths.
type failFS struct {
	fs.FS
	fail map[string]error
}

func (f failFS) Open(name string) (fs.File, error) {
	if err, ok := f.fail[name]; ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.FS.Open(name)
}

func TestLoadUnreadableFile(t *testing.T) {
	denied := errors.New("permission denied")
	fsys := failFS{
		FS: fstest.MapFS{
			"locked.md": file("Cannot be read."),
			"open.md":   file("Can be read."),
			"dir/x.md":  file("Inside an unreadable folder."),
			"ok/y.md":   file("Inside a readable folder."),
		},
		fail: map[string]error{"locked.md": denied, "dir": denied},
	}
	docs, skipped := mustLoad(t, fsys)
	if want := []string{"ok/y.md", "open.md"}; !slices.Equal(paths(docs), want) {
		t.Errorf("loaded %q, want %q", paths(docs), want)
	}
	var got []string
	for _, fe := range skipped {
		got = append(got, fe.Path)
		if !errors.Is(fe, denied) {
			t.Errorf("skipped %v, want it to wrap %v", fe, denied)
		}
	}
	if want := []string{"dir", "locked.md"}; !slices.Equal(got, want) {
		t.Errorf("skipped %q, want %q", got, want)
	}
}

func TestLoadRootUnreadable(t *testing.T) {
	denied := errors.New("permission denied")
	fsys := failFS{FS: fstest.MapFS{"a.md": file("x")}, fail: map[string]error{".": denied}}
	docs, _, err := corpus.Load(fsys)
	if !errors.Is(err, denied) {
		t.Errorf("Load error = %v, want %v", err, denied)
	}
	if docs != nil {
		t.Errorf("Load returned %d documents with an error", len(docs))
	}
}

func TestSupported(t *testing.T) {
	tests := map[string]bool{
		"a.md": true, "a.markdown": true, "a.txt": true, "a.html": true, "a.htm": true,
		"A.MD": true, "a.Html": true, "dir/a.txt": true,
		"a.pdf": false, "a.json": false, "a": false, "md": false, "a.md.bak": false, "a.txt~": false, ".md": true,
	}
	for name, want := range tests {
		if got := corpus.Supported(name); got != want {
			t.Errorf("Supported(%q) = %v, want %v", name, got, want)
		}
	}
}
