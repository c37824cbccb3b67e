package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/ingest"
	"github.com/footnote-bot/footnote/retrieval"
	"github.com/footnote-bot/footnote/timeline"
)

// ErrNotFound is returned for a document id the corpus does not have.
var ErrNotFound = errors.New("no such article")

// ErrBuiltIn is returned when asked to remove an article that is not in the
// corpus folder (the built-in one).
var ErrBuiltIn = errors.New("that article is built in and cannot be removed")

// Added is an article that was added, or recognised as already there
// (then only its ID, Title and Date are known, and only when it is
// indexed).
type Added struct {
	Article
	// Summary is a two-point cited summary of the article.
	Summary *answer.Summary
	// DuplicateOf is set, and nothing added, when the corpus already has it.
	DuplicateOf string
}

// AddURL fetches a page into the corpus and indexes it.
func (l *Library) AddURL(ctx context.Context, rawURL string) (*Added, error) {
	return l.add(ctx, func(a *ingest.Adder, seen *ingest.Seen) (*ingest.Result, error) {
		return a.AddURL(ctx, rawURL, seen)
	})
}

// AddFile saves uploaded article bytes into the corpus and indexes them.
func (l *Library) AddFile(ctx context.Context, name string, data []byte) (*Added, error) {
	return l.add(ctx, func(a *ingest.Adder, seen *ingest.Seen) (*ingest.Result, error) {
		return a.AddData(name, data, seen)
	})
}

// add writes one article into the folder and indexes it. The folder is
// locked against other processes (a `footnote ingest` run) while the
// article is checked against what the index and the folder hold and
// written.
func (l *Library) add(ctx context.Context, do func(*ingest.Adder, *ingest.Seen) (*ingest.Result, error)) (*Added, error) {
	if err := l.lock(ctx); err != nil {
		return nil, err
	}
	defer l.unlock()
	cur := l.Index()
	res, err := l.write(ctx, cur, do)
	if errors.Is(err, ingest.ErrDuplicate) {
		d := cur.Document(res.DuplicateOf) // nil when another process wrote it and it is not indexed yet
		out := &Added{DuplicateOf: res.DuplicateOf}
		if d != nil {
			out.ID, out.Title, out.Date = d.ID, d.Title, d.Date
		}
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	ix, err := l.reloadLocked(ctx, fingerprint(l.dirs))
	if err != nil {
		// keep the corpus folder the source of truth: an article that
		// cannot be indexed is taken back out
		_ = os.Remove(filepath.Join(l.Dir(), res.Path))
		return nil, fmt.Errorf("index the new article: %w", err)
	}
	doc := findByPath(ix, res.Path)
	if doc == nil {
		return nil, fmt.Errorf("the new article %s was not indexed", res.Path)
	}
	out := &Added{Article: Article{ID: doc.ID, Title: doc.Title, Source: doc.Source, URL: doc.URL, Date: doc.Date,
		Language: string(doc.Language), Chunks: len(ix.ChunksOf(doc.ID)), Path: doc.Path}}
	s, err := answer.NewEngine(ix).Summarize(ctx, answer.SummaryOptions{DocID: doc.ID, Points: 2, Length: "short"})
	if err == nil {
		out.Summary = s
	}
	return out, nil
}

// write runs do with the folder locked, checking against the documents
// of the index and those in the folder (another process may have added
// some the index does not have yet).
func (l *Library) write(ctx context.Context, cur *retrieval.Index, do func(*ingest.Adder, *ingest.Seen) (*ingest.Result, error)) (*ingest.Result, error) {
	unlock, err := ingest.Lock(ctx, l.Dir())
	if err != nil {
		return nil, err
	}
	defer unlock()
	seen := ingest.NewSeen(cur.Documents())
	if docs, _, err := l.loadFolder(); err == nil {
		for _, d := range docs {
			seen.Add(d)
		}
	}
	return do(&ingest.Adder{Dir: l.Dir(), Fetcher: l.o.Fetcher}, seen)
}

// loadFolder reads the articles of the folder, reusing the index's saved
// documents for unchanged files.
func (l *Library) loadFolder() ([]*corpus.Document, []*corpus.FileError, error) {
	dir := l.Dir()
	return retrieval.LoadFolder(os.DirFS(dir), absPath(dir), l.o.indexDir())
}

// findByPath finds the document read from a file of the corpus folder.
func findByPath(ix *retrieval.Index, path string) *corpus.Document {
	for _, d := range ix.Documents() {
		if d.Path == path {
			return d
		}
	}
	return nil
}

// Forget removes an article (by id) from the corpus folder and the index.
// It returns the removed article's title.
func (l *Library) Forget(ctx context.Context, docID string) (string, error) {
	if err := l.lock(ctx); err != nil {
		return "", err
	}
	defer l.unlock()
	doc := l.Index().Document(docID)
	if doc == nil {
		return "", ErrNotFound
	}
	p := filepath.Join(l.Dir(), filepath.FromSlash(doc.Path))
	if rel, err := filepath.Rel(l.Dir(), p); err != nil || strings.HasPrefix(rel, "..") {
		return "", ErrBuiltIn
	}
	if _, err := os.Stat(p); err != nil {
		return "", ErrBuiltIn
	}
	if err := os.Remove(p); err != nil {
		return "", fmt.Errorf("remove %s: %w", doc.Path, err)
	}
	if _, err := l.reloadLocked(ctx, fingerprint(l.dirs)); err != nil {
		return "", fmt.Errorf("re-index without the article: %w", err)
	}
	return doc.Title, nil
}

// Documents lists the articles now indexed.
func (l *Library) Documents() []*corpus.Document { return l.Index().Documents() }

// Timeline returns the corpus's dated developments.
func (l *Library) Timeline(focus string, limit int) []timeline.Event {
	return timeline.Build(l.Index(), timeline.Options{Focus: focus, Limit: limit})
}
