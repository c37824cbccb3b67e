package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// commonFlags are the flags every corpus command takes; they override the
// configuration from the environment.
func commonFlags(e *env, fs *flag.FlagSet) {
	fs.StringVar(&e.cfg.CorpusDir, "corpus", e.cfg.CorpusDir, "folder of articles (default: the built-in article plus ingested ones)")
	fs.StringVar(&e.cfg.DataDir, "data-dir", e.cfg.DataDir, "folder for ingested articles and state (and the index, unless FOOTNOTE_CACHE_DIR is set)")
}

// validate checks the configuration once flags are applied. A problem with
// a value given by a flag names the flag, not the variable it overrides.
func (e *env) validate() error {
	if err := e.cfg.Validate(); err != nil {
		return blameFlags(e.fs, err)
	}
	return nil
}

// addedDir is where `footnote ingest` puts articles when no corpus folder is
// given: they join the built-in one.
func (e *env) addedDir() string { return filepath.Join(e.cfg.DataDir, "corpus") }

// loadDocs reads the corpus: the configured folder, or the built-in article
// plus the ingested ones. Skipped files are logged, one warning each. Files
// unchanged since the index was last saved are not parsed again (see
// retrieval.LoadFolder).
func (e *env) loadDocs() ([]*corpus.Document, error) {
	var docs []*corpus.Document
	var skipped []*corpus.FileError
	if dir := e.cfg.CorpusDir; dir != "" {
		info, err := os.Stat(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("corpus folder %s does not exist; create it, or add articles to it with footnote ingest --corpus %s FILE|URL", dir, dir)
		}
		if err != nil {
			return nil, fmt.Errorf("corpus folder: %w", err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("corpus folder %s is not a folder", dir)
		}
		docs, skipped, err = retrieval.LoadFolder(os.DirFS(dir), absPath(dir), e.indexDir())
		if err != nil {
			return nil, err
		}
	} else {
		var err error
		docs, skipped, err = retrieval.LoadFolder(corpus.Builtin(), "builtin", e.indexDir())
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(e.addedDir()); err == nil {
			more, sk, err := retrieval.LoadFolder(os.DirFS(e.addedDir()), absPath(e.addedDir()), e.indexDir())
			if err != nil {
				return nil, err
			}
			skipped = append(skipped, sk...)
			ids := map[string]bool{}
			for _, d := range docs {
				ids[d.ID] = true
			}
			for _, d := range more {
				if ids[d.ID] {
					skipped = append(skipped, &corpus.FileError{Path: d.Path, Err: fmt.Errorf("document id %q is the built-in article's", d.ID)})
					continue
				}
				docs = append(docs, d)
			}
		}
	}
	for _, s := range skipped {
		e.log.Warn("skipped corpus file", "file", s.Path, "reason", s.Err.Error())
	}
	if len(docs) == 0 {
		where := e.cfg.CorpusDir
		return nil, fmt.Errorf("corpus folder %s has no readable articles (.md, .txt, .html)", where)
	}
	return docs, nil
}

// absPath is dir made absolute, or dir when it cannot be.
func absPath(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// indexDir is where one corpus's index state lives: a folder per corpus
// location, so switching --corpus does not throw another corpus's vectors away.
func (e *env) indexDir() string {
	key := "builtin"
	if e.cfg.CorpusDir != "" {
		abs, err := filepath.Abs(e.cfg.CorpusDir)
		if err != nil {
			abs = e.cfg.CorpusDir
		}
		sum := sha256.Sum256([]byte(abs))
		key = filepath.Base(abs) + "-" + hex.EncodeToString(sum[:6])
	}
	return filepath.Join(e.cfg.IndexRoot(), "index", key)
}

// openIndex loads the corpus and builds (or refreshes) its index.
func (e *env) openIndex(ctx context.Context) (*retrieval.Index, retrieval.Stats, error) {
	docs, err := e.loadDocs()
	if err != nil {
		return nil, retrieval.Stats{}, err
	}
	emb, err := e.embedder()
	if err != nil {
		return nil, retrieval.Stats{}, err
	}
	ix, stats, err := retrieval.Build(ctx, docs, e.indexOptions(emb, len(docs)))
	if err != nil && e.fallBack(ctx, emb, err) {
		ix, stats, err = retrieval.Build(ctx, docs, e.indexOptions(retrieval.NewHashEmbedder(0), len(docs)))
	}
	if errors.Is(err, corpus.ErrEmpty) {
		return nil, stats, fmt.Errorf("the corpus has no text to index")
	}
	if err != nil {
		return nil, stats, fmt.Errorf("index corpus: %w", err)
	}
	e.log.Debug("index ready", "documents", stats.Documents, "chunks", stats.Chunks, "embedded", stats.Embedded, "reused", stats.Reused)
	return ix, stats, nil
}

// indexOptions are the options every index of this process is built with.
func (e *env) indexOptions(emb retrieval.Embedder, docs int) retrieval.Options {
	return retrieval.Options{
		Embedder:  emb,
		DataDir:   e.indexDir(),
		BatchSize: e.cfg.EmbedBatch,
		Logger:    e.log,
		Progress:  e.indexProgress(docs),
	}
}

// embedder picks the local embedder, or the API's when an endpoint is
// configured, FOOTNOTE_API_EMBEDDINGS is on and its embeddings have not
// failed earlier in this process.
func (e *env) embedder() (retrieval.Embedder, error) {
	if e.cfg.ModelConfigured() && e.cfg.UseEmbeddings && !e.localEmbed {
		c, err := e.llmClient()
		if err != nil {
			return nil, err
		}
		return apiEmbedder{c: c, m: e.metrics, batch: e.cfg.EmbedBatch}, nil
	}
	return retrieval.NewHashEmbedder(0), nil
}

// answerer opens the index and returns what answers from it: generative with
// verified citations when a model is configured, extractive otherwise.
func (e *env) answerer(ctx context.Context) (*Answerer, error) {
	ix, _, err := e.openIndex(ctx)
	if err != nil {
		return nil, err
	}
	live := retrieval.NewLive(ix)
	a := &Answerer{Engine: answer.NewLiveEngine(func() answer.Corpus { return live.Index() }), Index: ix, Live: live}
	c, err := e.llmClient()
	if err != nil {
		return nil, err
	}
	if c != nil {
		a.Gen = answer.NewGenerator(a.Engine, chatModel{c: c, m: e.metrics}, e.cfg.ModelTimeout, e.log)
	}
	return a, nil
}
