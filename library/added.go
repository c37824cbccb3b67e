package library

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/footnote-bot/footnote/retrieval"
)

// Prints returns what a duplicate check needs of every article of the
// corpus the options name (the articles Load reads), from the index's file
// lists where the files are unchanged: a process that only adds articles
// reads neither the articles nor the index. Skipped files are logged, as
// Load does; a corpus folder that is missing or empty has no prints.
func Prints(o Options) ([]retrieval.Print, error) {
	var prints []retrieval.Print
	base := o.CorpusDir != "" && o.Guild == ""
	if !base {
		// the built-in articles, or a guild's read-only corpus folder
		fsys, key := o.builtin(), "builtin"
		if o.CorpusDir != "" {
			fsys, key = os.DirFS(o.CorpusDir), absPath(o.CorpusDir)
		}
		ps, err := o.folderPrints(fsys, key)
		if err != nil {
			return nil, err
		}
		prints = ps
	}
	if _, err := os.Stat(o.Dir()); err != nil {
		return prints, nil
	}
	ps, err := o.folderPrints(os.DirFS(o.Dir()), absPath(o.Dir()))
	if err != nil {
		return nil, err
	}
	return append(prints, ps...), nil
}

func (o *Options) folderPrints(fsys fs.FS, key string) ([]retrieval.Print, error) {
	ps, skipped, err := retrieval.FolderPrints(fsys, key, o.indexDir())
	if err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	for _, s := range skipped {
		o.logger().Warn("skipped corpus file", "file", s.Path, "reason", s.Err.Error())
	}
	return ps, nil
}

// IndexAdded indexes articles just written to o.Dir() (paths inside it)
// without building the corpus's index: only they are read and embedded,
// and saved where the next Open, or a running library's watcher, joins
// them to the rest without embedding them again. When the configured
// embedder fails they are indexed with the local one, as Open does.
func IndexAdded(ctx context.Context, o Options, paths []string) (retrieval.Stats, error) {
	if o.Guild != "" && o.Embedder != nil && o.IndexRoot != "" {
		o.Embedder = newVectorCache(o.Embedder, filepath.Join(o.IndexRoot, "vectors"))
	}
	dir := o.Dir()
	l := &Library{o: o}
	configured := o.Embedder != nil
	var emb retrieval.Embedder = retrieval.NewHashEmbedder(0)
	if configured {
		emb = o.Embedder
	}
	fsys, key := os.DirFS(dir), absPath(dir)
	stats, err := retrieval.IndexFiles(ctx, fsys, key, paths, l.buildOptions(emb, len(paths)))
	if err != nil && configured && l.fallBack(ctx, err) {
		stats, err = retrieval.IndexFiles(ctx, fsys, key, paths, l.buildOptions(retrieval.NewHashEmbedder(0), len(paths)))
	}
	if err != nil {
		return stats, fmt.Errorf("index added articles: %w", err)
	}
	return stats, nil
}
