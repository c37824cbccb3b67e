package library

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// Library is a corpus in use: its live index, kept in step with its
// folders by Watch, and changed an article at a time by
// AddURL, AddFile and Forget. Its methods are safe for concurrent use.
type Library struct {
	o    Options
	live *retrieval.Live
	dirs []string // the folders whose files make the corpus

	// sem holds one token, taken for a whole build and swap (a reload, or
	// a change and its build); waiting for it gives up when the waiter's
	// context ends, so a slow build never holds /ingest, /forget or
	// shutdown past their deadlines.
	sem   chan struct{}
	seen  string // fingerprint of the folders the last build read; under sem
	looks int    // walks of the folders by the watcher; under sem
	local bool   // the embedder failed: index locally from now on; under sem
}

// Open reads the corpus and builds (or refreshes from saved state) its
// index.
func Open(ctx context.Context, o Options) (*Library, error) {
	l := &Library{o: o, sem: make(chan struct{}, 1)}
	if o.CorpusDir != "" {
		l.dirs = []string{o.CorpusDir}
	} else {
		l.dirs = []string{o.Dir()}
	}
	if o.Guild != "" {
		if err := ValidGuild(o.Guild); err != nil {
			return nil, err
		}
		l.dirs = guildDirs(&o)
		if o.Embedder != nil && o.IndexRoot != "" {
			l.o.Embedder = newVectorCache(o.Embedder, filepath.Join(o.IndexRoot, "vectors"))
		}
	}
	l.seen = fingerprint(l.dirs)
	ix, _, err := l.build(ctx)
	if err != nil {
		return nil, err
	}
	l.live = retrieval.NewLive(ix)
	return l, nil
}

// Index returns the index in use now.
func (l *Library) Index() *retrieval.Index { return l.live.Index() }

// Dir is the folder articles are added to and removed from.
func (l *Library) Dir() string { return l.o.Dir() }

// build reads the corpus and indexes it, reusing the saved vectors of
// unchanged documents; it does not swap. Before the library is shared, or
// under sem.
func (l *Library) build(ctx context.Context) (*retrieval.Index, retrieval.Stats, error) {
	docs, err := Load(l.o)
	if err != nil {
		return nil, retrieval.Stats{}, err
	}
	configured := l.o.Embedder != nil && !l.local
	var emb retrieval.Embedder = retrieval.NewHashEmbedder(0)
	if configured {
		emb = l.o.Embedder
	}
	ix, stats, err := retrieval.Build(ctx, docs, l.buildOptions(emb, len(docs)))
	if err != nil && configured && l.fallBack(ctx, err) {
		ix, stats, err = retrieval.Build(ctx, docs, l.buildOptions(retrieval.NewHashEmbedder(0), len(docs)))
	}
	if errors.Is(err, corpus.ErrEmpty) {
		return nil, stats, fmt.Errorf("the corpus has no text to index")
	}
	if err != nil {
		return nil, stats, fmt.Errorf("index corpus: %w", err)
	}
	l.o.logger().Debug("index ready", "documents", stats.Documents, "chunks", stats.Chunks, "embedded", stats.Embedded, "reused", stats.Reused)
	return ix, stats, nil
}

func (l *Library) buildOptions(emb retrieval.Embedder, docs int) retrieval.Options {
	o := retrieval.Options{Embedder: emb, DataDir: l.o.indexDir(), BatchSize: l.o.BatchSize, Logger: l.o.Logger}
	if l.o.Progress != nil {
		o.Progress = l.o.Progress(docs)
	}
	return o
}

// fallBack decides whether a build with the configured embedder that
// failed with err should be retried with the local embedder: when the
// caller has not given up and the corpus was not empty. It says so once,
// and every later build is local too.
func (l *Library) fallBack(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, corpus.ErrEmpty) {
		return false
	}
	l.local = true
	l.o.logger().Warn("the model endpoint's embeddings failed; indexing with the local embedder instead", "err", err.Error())
	return true
}
