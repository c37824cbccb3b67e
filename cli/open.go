package cli

import (
	"context"
	"flag"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/library"
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

// libraryOptions wire the corpus to this process's configuration: its
// folders, the embedder (the endpoint's when configured), the fetcher of
// /ingest, progress on stderr and the index gauges of serve's metrics.
func (e *env) libraryOptions() (library.Options, error) {
	emb, err := e.embedder()
	if err != nil {
		return library.Options{}, err
	}
	if e.guild != "" {
		if err := library.ValidGuild(e.guild); err != nil {
			return library.Options{}, usagef("--guild: %v", err)
		}
	}
	return library.Options{
		Guild:     e.guild,
		CorpusDir: e.cfg.CorpusDir,
		DataDir:   e.cfg.DataDir,
		IndexRoot: e.cfg.IndexRoot(),
		Embedder:  emb,
		BatchSize: e.cfg.EmbedBatch,
		Fetcher:   fetch.New(fetch.Options{Timeout: e.cfg.FetchTimeout, MaxBytes: e.cfg.FetchMaxBytes, AllowPrivate: e.cfg.AllowPrivateFetch}),
		Progress:  e.indexProgress,
		OnIndexed: func(ix *retrieval.Index) { e.metrics.SetIndexed(len(ix.Documents()), len(ix.Chunks())) },
		Logger:    e.log,
	}, nil
}

// openLibrary opens the configured corpus.
func (e *env) openLibrary(ctx context.Context) (*library.Library, error) {
	o, err := e.libraryOptions()
	if err != nil {
		return nil, err
	}
	return library.Open(ctx, o)
}

// embedder is the endpoint's embedder when one is configured and
// FOOTNOTE_API_EMBEDDINGS is on, else nil (the library's local one).
func (e *env) embedder() (retrieval.Embedder, error) {
	if !e.cfg.ModelConfigured() || !e.cfg.UseEmbeddings {
		return nil, nil
	}
	c, err := e.llmClient()
	if err != nil {
		return nil, err
	}
	return apiEmbedder{c: c, m: e.metrics, batch: e.cfg.EmbedBatch}, nil
}

// open opens the corpus and the service answering from it: generative
// with verified citations when a model is configured, extractive
// otherwise.
func (e *env) open(ctx context.Context) (*library.Library, *answer.Service, error) {
	lib, err := e.openLibrary(ctx)
	if err != nil {
		return nil, nil, err
	}
	c, err := e.llmClient()
	if err != nil {
		return nil, nil, err
	}
	var m answer.ChatModel
	if c != nil {
		m = chatModel{c: c, m: e.metrics}
	}
	return lib, answer.NewService(func() answer.Corpus { return lib.Index() }, m, e.cfg.ModelTimeout, e.log), nil
}
