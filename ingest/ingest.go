// Package ingest adds articles to a corpus folder: local files copied as
// they are, web pages fetched safely and saved as Markdown with front
// matter. It refuses what is already there (same text or same URL) and
// never overwrites a file.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/lang"
)

// Fetcher downloads a page. *fetch.Fetcher implements it.
type Fetcher interface {
	Fetch(ctx context.Context, rawURL string) (*fetch.Page, error)
}

// Adder writes new articles into one corpus folder.
type Adder struct {
	Dir     string
	Fetcher Fetcher
}

// Result is one added (or recognised) article.
type Result struct {
	Doc  *corpus.Document
	Path string // where it was written, inside Dir
	// DuplicateOf names the existing document when nothing was added.
	DuplicateOf string
}

// ErrDuplicate wraps the refusal of an article the corpus already has.
var ErrDuplicate = errors.New("already in the corpus")

// AddFile copies a local article file into the folder after checking that it
// parses and is not in seen; an added article is recorded in seen. Only a
// regular file (or a link to one) is read, and no more than the size limit.
func (a *Adder) AddFile(path string, seen *Seen) (*Result, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s is a folder; give article files", path)
	}
	if !corpus.Supported(path) {
		return nil, fmt.Errorf("%s: not an article file (%s)", path, strings.Join(corpus.Extensions, ", "))
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, corpus.ErrNotRegular)
	}
	if info.Size() > corpus.MaxFileSize {
		return nil, fmt.Errorf("%s is %d bytes, over the %d-byte limit", path, info.Size(), corpus.MaxFileSize)
	}
	data, err := corpus.ReadBounded(os.DirFS(filepath.Dir(path)), filepath.Base(path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	res, err := a.AddData(filepath.Base(path), data, seen)
	if err != nil && !errors.Is(err, ErrDuplicate) {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	return res, err
}

// AddData saves an article's bytes under a name (a file name with one of the
// corpus extensions, e.g. an uploaded attachment's) after checking that it
// parses and is not in seen; an added article is recorded in seen.
func (a *Adder) AddData(name string, data []byte, seen *Seen) (*Result, error) {
	name = filepath.Base(name)
	if !corpus.Supported(name) {
		return nil, fmt.Errorf("%s: not an article file (%s)", name, strings.Join(corpus.Extensions, ", "))
	}
	doc, err := corpus.Parse(name, data)
	if err != nil {
		return nil, err
	}
	corpus.Sanitize(doc)
	if dup := seen.Duplicate(doc); dup != "" {
		return &Result{Doc: doc, DuplicateOf: dup}, fmt.Errorf("%w as %s", ErrDuplicate, dup)
	}
	saved, err := a.write(name, data)
	if err != nil {
		return nil, err
	}
	doc.Path = saved
	doc.ID = corpus.CleanLine(idFor(saved, doc))
	seen.Add(doc)
	return &Result{Doc: doc, Path: saved}, nil
}

// AddURL fetches a page and saves it as Markdown with front matter (title,
// source URL, date and language, from the page's metadata when present),
// unless seen has its URL or its text; an added article is recorded in seen.
func (a *Adder) AddURL(ctx context.Context, rawURL string, seen *Seen) (*Result, error) {
	if id := seen.DuplicateURL(rawURL); id != "" {
		return &Result{Doc: seen.Document(id), DuplicateOf: id}, fmt.Errorf("%s: %w as %s", rawURL, ErrDuplicate, id)
	}
	page, err := a.Fetcher.Fetch(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	name := "page.html"
	switch page.ContentType {
	case "text/plain":
		name = "page.txt"
	case "text/markdown", "text/x-markdown":
		name = "page.md"
	}
	doc, err := corpus.Parse(name, page.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	corpus.Sanitize(doc)
	if doc.URL == "" || !strings.HasPrefix(doc.URL, "http") {
		doc.URL = page.URL
	}
	if id := seen.DuplicateURL(doc.URL); id != "" {
		return &Result{Doc: seen.Document(id), DuplicateOf: id}, fmt.Errorf("%s: %w as %s", rawURL, ErrDuplicate, id)
	}
	if dup := seen.Duplicate(doc); dup != "" {
		return &Result{Doc: doc, DuplicateOf: dup}, fmt.Errorf("%s: %w as %s", rawURL, ErrDuplicate, dup)
	}
	md, err := toMarkdown(doc)
	if err != nil {
		return nil, err
	}
	fname, err := a.write(slug(doc.Title)+".md", md)
	if err != nil {
		return nil, err
	}
	saved, err := corpus.Parse(fname, md)
	if err != nil {
		return nil, fmt.Errorf("saved article does not read back: %w", err)
	}
	corpus.Sanitize(saved)
	saved.Path = fname
	seen.Add(saved)
	doc.ID = saved.ID
	seen.Add(doc) // the page's own bytes and URL, as fetched
	return &Result{Doc: saved, Path: fname}, nil
}

func idFor(name string, doc *corpus.Document) string {
	if doc.ID != "" && doc.ID != strings.TrimSuffix(filepath.Base(doc.Path), filepath.Ext(doc.Path)) {
		return doc.ID // set in front matter
	}
	return strings.TrimSuffix(name, filepath.Ext(name))
}

// write creates name in the folder without overwriting anything: a taken
// name gets -2, -3, … before its extension. The file appears whole or not at
// all.
func (a *Adder) write(name string, data []byte) (string, error) {
	if err := os.MkdirAll(a.Dir, 0o755); err != nil {
		return "", fmt.Errorf("create corpus folder: %w", err)
	}
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	tmp, err := os.CreateTemp(a.Dir, ".ingest-*")
	if err != nil {
		return "", fmt.Errorf("write article: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write article: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("write article: %w", err)
	}
	for i := 1; i < 1000; i++ {
		cand := name
		if i > 1 {
			cand = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		// os.Link fails if the name exists: no overwrite, no race.
		err := os.Link(tmp.Name(), filepath.Join(a.Dir, cand))
		if err == nil {
			return cand, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", fmt.Errorf("write article: %w", err)
		}
	}
	return "", fmt.Errorf("write article: too many files named %s", name)
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9ñ]+`)

func slug(title string) string {
	s := slugUnsafe.ReplaceAllString(lang.Fold(title), "-")
	s = strings.Trim(s, "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	if s == "" {
		s = "article"
	}
	return s
}

// toMarkdown renders a document as Markdown with YAML front matter.
func toMarkdown(doc *corpus.Document) ([]byte, error) {
	fm := map[string]string{"title": doc.Title, "source": doc.Source, "url": doc.URL, "language": string(doc.Language)}
	if doc.Date != "" {
		fm["date"] = doc.Date
	}
	for k, v := range fm {
		if v == "" {
			delete(fm, k)
		}
	}
	y, err := yaml.Marshal(fm)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.Write(y)
	b.WriteString("---\n\n")
	// Markdown would read *, _, # and [ in article text as markup.
	for i, p := range strings.Split(doc.Text, "\n\n") {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(escapeMarkdown(p))
	}
	b.WriteString("\n")
	return []byte(b.String()), nil
}

var mdSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`)

func escapeMarkdown(p string) string {
	p = mdSpecial.Replace(p)
	if strings.HasPrefix(p, "#") || strings.HasPrefix(p, ">") || strings.HasPrefix(p, "- ") || strings.HasPrefix(p, "---") {
		p = "\u200b" + p
	}
	return p
}
