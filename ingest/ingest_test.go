package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/ingest"
)

// pages serves fixed pages, standing in for the web.
type pages map[string]*fetch.Page

func (p pages) Fetch(_ context.Context, u string) (*fetch.Page, error) {
	if pg, ok := p[u]; ok {
		return pg, nil
	}
	return nil, errors.New("fetch " + u + ": 404 Not Found")
}

const page = `<html lang="es"><head><title>Site</title>
<meta property="og:title" content="La OEA condena la irrupción en la embajada">
<meta property="article:published_time" content="2024-04-11T10:00:00Z">
<meta property="og:site_name" content="Agencia Ejemplo">
</head><body><nav>Menú</nav><article><h1>La OEA condena la irrupción en la embajada</h1>
<p>El Consejo Permanente aprobó el miércoles una resolución que condena la *incursión* en la sede diplomática.</p>
<p>Ecuador votó en contra y El Salvador se abstuvo.</p></article></body></html>`

func TestAddURLSavesMarkdownWithFrontMatter(t *testing.T) {
	dir := t.TempDir()
	a := &ingest.Adder{Dir: dir, Fetcher: pages{"https://news.example/oea": {URL: "https://news.example/oea", ContentType: "text/html", Body: []byte(page)}}}
	res, err := a.AddURL(context.Background(), "https://news.example/oea", ingest.NewSeen(nil))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, res.Path))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := corpus.Parse(res.Path, data)
	if err != nil {
		t.Fatalf("saved file does not parse: %v\n%s", err, data)
	}
	if doc.Title != "La OEA condena la irrupción en la embajada" || doc.Date != "2024-04-11" || doc.Language != "es" ||
		doc.URL != "https://news.example/oea" || doc.Source != "Agencia Ejemplo" {
		t.Fatalf("metadata: %+v", doc)
	}
	if !strings.Contains(doc.Text, "condena la *incursión*") || strings.Contains(doc.Text, "Menú") {
		t.Fatalf("text: %q", doc.Text)
	}
	// the same URL, or the same text from elsewhere, is not added twice
	_, err = a.AddURL(context.Background(), "https://news.example/oea/", ingest.NewSeen([]*corpus.Document{doc}))
	if !errors.Is(err, ingest.ErrDuplicate) {
		t.Fatalf("same URL: %v", err)
	}
	a.Fetcher = pages{"https://mirror.example/copy": {URL: "https://mirror.example/copy", ContentType: "text/html", Body: []byte(page)}}
	if _, err = a.AddURL(context.Background(), "https://mirror.example/copy", ingest.NewSeen([]*corpus.Document{doc})); !errors.Is(err, ingest.ErrDuplicate) {
		t.Fatalf("same text: %v", err)
	}
}

func TestAddFileNeverOverwrites(t *testing.T) {
	dir, src := t.TempDir(), t.TempDir()
	a := &ingest.Adder{Dir: dir}
	write := func(name, body string) string {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first, err := a.AddFile(write("story.md", "# One\n\nFirst story text."), ingest.NewSeen(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(src, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	second, err := a.AddFile(write("b/story.md", "# Two\n\nSecond story text."), ingest.NewSeen([]*corpus.Document{first.Doc}))
	if err != nil {
		t.Fatal(err)
	}
	if first.Path == second.Path || second.Path != "story-2.md" {
		t.Fatalf("paths %q and %q", first.Path, second.Path)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "story.md"))
	if !strings.Contains(string(got), "First") {
		t.Fatal("the first file was overwritten")
	}
	if _, err := a.AddFile(write("again.md", "# One\n\nFirst story text."), ingest.NewSeen([]*corpus.Document{first.Doc, second.Doc})); !errors.Is(err, ingest.ErrDuplicate) {
		t.Fatalf("duplicate text: %v", err)
	}
	for name, body := range map[string]string{"bin.txt": "\x00\x01", "empty.md": "  \n", "x.pdf": "%PDF"} {
		if _, err := a.AddFile(write(name, body), ingest.NewSeen(nil)); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if _, err := a.AddFile(filepath.Join(src, "missing.md"), ingest.NewSeen(nil)); err == nil {
		t.Error("missing file accepted")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("corpus folder holds %d files, want 2 (no temporary files left)", len(entries))
	}
}
