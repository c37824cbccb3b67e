package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// ErrNoArticles is returned by Load for a corpus with no article it can
// read.
var ErrNoArticles = errors.New("no readable articles (.md, .txt, .html)")

// Load reads the corpus the options name: the corpus folder, or the
// built-in articles plus the added ones (an added article with a built-in
// one's id is skipped). Skipped files are logged, one warning each. Files
// unchanged since the index was last saved are not parsed again (see
// retrieval.LoadFolder).
func Load(o Options) ([]*corpus.Document, error) {
	docs, skipped, err := load(&o)
	if err != nil {
		return nil, err
	}
	for _, s := range skipped {
		o.logger().Warn("skipped corpus file", "file", s.Path, "reason", s.Err.Error())
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("corpus folder %s has %w", o.CorpusDir, ErrNoArticles)
	}
	return docs, nil
}

func load(o *Options) ([]*corpus.Document, []*corpus.FileError, error) {
	if o.CorpusDir != "" && o.Guild == "" {
		return loadCorpusDir(o)
	}
	docs, skipped, err := loadBase(o)
	if err != nil {
		return nil, nil, err
	}
	added := o.Dir()
	if _, err := os.Stat(added); err != nil {
		return docs, skipped, nil
	}
	more, sk, err := retrieval.LoadFolder(os.DirFS(added), absPath(added), o.indexDir())
	if err != nil {
		return nil, nil, err
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
	return docs, skipped, nil
}

// loadCorpusDir reads the corpus folder, after checking it is one.
func loadCorpusDir(o *Options) ([]*corpus.Document, []*corpus.FileError, error) {
	dir := o.CorpusDir
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("corpus folder %s does not exist; create it, or add articles to it with footnote ingest --corpus %s FILE|URL", dir, dir)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("corpus folder: %w", err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("corpus folder %s is not a folder", dir)
	}
	return retrieval.LoadFolder(os.DirFS(dir), absPath(dir), o.indexDir())
}
