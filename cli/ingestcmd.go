package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/ingest"
)

func init() {
	register(command{name: "ingest", args: "FILE|URL...", summary: "Add articles (files or web pages) to the corpus and index them.", run: runIngest})
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := flagSet(e, "ingest")
	fs.BoolVar(&e.cfg.AllowPrivateFetch, "allow-private", e.cfg.AllowPrivateFetch, "allow fetching loopback, private and link-local addresses")
	commonFlags(e, fs)
	pos, err := parse(e, fs, args)
	if err != nil {
		return helpOK(err)
	}
	if len(pos) == 0 {
		return usagef("ingest: give article files or URLs")
	}
	if err := e.validate(); err != nil {
		return err
	}
	dir := e.cfg.CorpusDir
	if dir == "" {
		dir = e.addedDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create corpus folder: %w", err)
	}
	existing, err := e.loadDocs()
	if err != nil && !strings.Contains(err.Error(), "no readable articles") {
		return err
	}
	adder := &ingest.Adder{Dir: dir, Fetcher: fetch.New(fetch.Options{
		Timeout: e.cfg.FetchTimeout, MaxBytes: e.cfg.FetchMaxBytes, AllowPrivate: e.cfg.AllowPrivateFetch,
	})}
	var failed int
	var added []*corpus.Document
	for _, arg := range pos {
		var res *ingest.Result
		var err error
		if isURL(arg) {
			res, err = adder.AddURL(ctx, arg, existing)
		} else {
			res, err = adder.AddFile(arg, existing)
		}
		switch {
		case errors.Is(err, ingest.ErrDuplicate):
			fmt.Fprintf(e.stdout, "skipped %s: already in the corpus as %s\n", arg, res.DuplicateOf)
			continue
		case errors.Is(err, fetch.ErrNotPublic):
			failed++
			fmt.Fprintf(e.stderr, "footnote: %s: %v (pass --allow-private to fetch it anyway)\n", arg, err)
			continue
		case err != nil:
			failed++
			fmt.Fprintf(e.stderr, "footnote: %v\n", err)
			continue
		}
		existing = append(existing, res.Doc)
		added = append(added, res.Doc)
		e.log.Debug("article added", "id", res.Doc.ID, "file", res.Path, "from", arg)
	}
	if len(added) > 0 {
		ix, _, err := e.openIndex(ctx)
		if err != nil {
			return err
		}
		counts := map[string]int{}
		for _, s := range sourcesOf(ix) {
			counts[s.Path] = s.Chunks
		}
		for _, d := range added {
			fmt.Fprintf(e.stdout, "added %s: %s (%s, %s, %s)\n", d.ID, d.Title, dash(d.Date), d.Language, plural(counts[d.Path], "chunk", "chunks"))
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d not added", failed, len(pos))
	}
	return nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
