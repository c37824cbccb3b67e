package library

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"path/filepath"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/ingest"
	"github.com/footnote-bot/footnote/retrieval"
)

// Options say where a corpus lives and how it is indexed.
type Options struct {
	// CorpusDir is the folder of articles. Empty: the built-in articles
	// (Builtin) plus those added under DataDir/corpus.
	CorpusDir string
	// DataDir is where added articles are kept when CorpusDir is empty.
	DataDir string
	// IndexRoot is the folder index state is kept under, one sub-folder
	// per corpus location (see indexDir).
	IndexRoot string
	// Builtin is the read-only articles served beside the added ones when
	// CorpusDir is empty; nil is corpus.Builtin().
	Builtin fs.FS
	// Embedder embeds chunks; nil is the local embedder. When it fails,
	// the library says so once and indexes with the local embedder for the
	// rest of its life, so reloads stay consistent and never wait on it
	// again.
	Embedder retrieval.Embedder
	// BatchSize is how many chunks go to the embedder at once.
	BatchSize int
	// Fetcher downloads pages for AddURL (fetch.New with the ingest rules).
	Fetcher ingest.Fetcher
	// Progress, when set, returns the progress reporter of a build of n
	// documents (see retrieval.Options.Progress).
	Progress func(n int) func(done, total int)
	// OnIndexed, when set, is called with every index swapped in after
	// the first (reloads and changes).
	OnIndexed func(*retrieval.Index)
	// Logger receives skipped files, reloads and fallbacks; nil discards.
	Logger *slog.Logger
	// Guild, when set, makes this one Discord server's corpus: the
	// built-in articles (or CorpusDir, read-only) plus the articles its
	// moderators added, under DataDir/guilds/Guild/corpus (see guild.go).
	// It must be a snowflake (ValidGuild). A configured Embedder is then
	// wrapped in a cache of vectors by content under IndexRoot/vectors,
	// shared by every server, so the same article is embedded once.
	Guild string
}

// Dir is the folder articles are added to and removed from: CorpusDir, or
// DataDir/corpus beside the built-in articles.
func (o *Options) Dir() string {
	if o.Guild != "" {
		return guildDir(o.DataDir, o.Guild)
	}
	if o.CorpusDir != "" {
		return o.CorpusDir
	}
	return filepath.Join(o.DataDir, "corpus")
}

// indexDir is where this corpus's index state lives: a folder per corpus
// location under IndexRoot, so switching corpus folders does not throw
// another corpus's vectors away.
func (o *Options) indexDir() string {
	if o.Guild != "" {
		return guildIndexDir(o)
	}
	key := "builtin"
	if o.CorpusDir != "" {
		abs := absPath(o.CorpusDir)
		sum := sha256.Sum256([]byte(abs))
		key = filepath.Base(abs) + "-" + hex.EncodeToString(sum[:6])
	}
	return filepath.Join(o.IndexRoot, "index", key)
}

func (o *Options) builtin() fs.FS {
	if o.Builtin != nil {
		return o.Builtin
	}
	return corpus.Builtin()
}

func (o *Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// absPath is dir made absolute, or dir when it cannot be.
func absPath(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}
