package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/ingest"
	"github.com/footnote-bot/footnote/library"
)

// ErrInterrupted is returned when a command stops because it was told to
// (Ctrl-C, SIGTERM); it exits with 130.
var ErrInterrupted = errors.New("interrupted")

func init() {
	register(command{name: "ingest", args: "FILE|FOLDER|URL...", summary: "Add articles (files, folders of them, or web pages) to the corpus and index them.", run: runIngest})
}

// runIngest adds articles to the corpus folder, printing each as it is
// added, then indexes them. The folder is locked for the whole copy, so two
// ingests at once never add the same article twice. On Ctrl-C it stops
// within the article it is on, keeps what it added (indexed on the next
// start if not now) and returns ErrInterrupted. Only the added articles
// are indexed (library.IndexAdded): the next start, or a running serve's
// watcher, joins them to the rest without embedding them again.
func runIngest(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	fs.BoolVar(&e.cfg.AllowPrivateFetch, "allow-private", e.cfg.AllowPrivateFetch, "allow fetching loopback, private and link-local addresses")
	commonFlags(e, fs)
	guildFlag(e, fs)
	pos, err := parseChecked(e, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("ingest: give article files, folders or URLs")
	}
	o, err := e.libraryOptions()
	if err != nil {
		return err
	}
	items, failed := e.ingestItems(pos)
	unlock, err := ingest.Lock(ctx, o.Dir())
	if err != nil {
		if ctx.Err() != nil {
			return ErrInterrupted
		}
		return err
	}
	added, nfailed, err := e.addAll(ctx, o, items)
	unlock()
	failed += nfailed
	if err != nil {
		return err
	}
	interrupted := ctx.Err() != nil
	if len(added) > 0 && !interrupted {
		paths := make([]string, len(added))
		for i, d := range added {
			paths[i] = d.Path
		}
		_, err := library.IndexAdded(ctx, o, paths)
		switch {
		case ctx.Err() != nil:
			interrupted = true
		case err != nil:
			return err
		}
	}
	if interrupted {
		fmt.Fprintf(e.stderr, "footnote: stopping: %s added and kept; what is not indexed yet is indexed on the next start\n", plural(len(added), "article", "articles"))
		return ErrInterrupted
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d not added", failed, len(items)+failed)
	}
	return nil
}

// ingestItems expands the arguments: a URL stays one, a folder becomes its
// article files (recursively, by the rules a corpus folder is read with),
// a file stays one. Folder entries that are skipped are reported, and
// counted in failed.
func (e *env) ingestItems(args []string) (items []string, failed int) {
	for _, arg := range args {
		if isURL(arg) {
			items = append(items, arg)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil || !info.IsDir() {
			items = append(items, arg) // AddFile says what is wrong
			continue
		}
		files, skipped, err := corpus.Files(os.DirFS(arg))
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "footnote: %s: %v\n", arg, err)
			continue
		}
		for _, s := range skipped {
			failed++
			fmt.Fprintf(e.stderr, "footnote: skipped %s: %v\n", filepath.Join(arg, filepath.FromSlash(s.Path)), s.Err)
		}
		for _, f := range files {
			items = append(items, filepath.Join(arg, filepath.FromSlash(f)))
		}
	}
	return items, failed
}

// addAll adds items to the corpus folder o.Dir(), one line on stdout for
// each as it happens, until ctx ends. err is set only when the corpus
// cannot be read.
func (e *env) addAll(ctx context.Context, o library.Options, items []string) (added []*corpus.Document, failed int, err error) {
	prints, err := library.Prints(o)
	if err != nil {
		return nil, 0, err
	}
	seen := ingest.NewSeenPrints(prints)
	adder := &ingest.Adder{Dir: o.Dir(), Fetcher: o.Fetcher}
	prog := newProgress(e.stderr, e.log, fmt.Sprintf("adding %s articles", thousands(len(items))), "done")
	defer prog.finish()
	for i, arg := range items {
		if ctx.Err() != nil {
			break
		}
		var res *ingest.Result
		var err error
		if isURL(arg) {
			res, err = adder.AddURL(ctx, arg, seen)
		} else {
			res, err = adder.AddFile(arg, seen)
		}
		prog.update(i+1, len(items))
		switch {
		case errors.Is(err, ingest.ErrDuplicate):
			fmt.Fprintf(e.stdout, "skipped %s: already in the corpus as %s\n", arg, res.DuplicateOf)
			continue
		case ctx.Err() != nil:
			continue // the fetch was cut short: not a failure of the article
		case errors.Is(err, fetch.ErrNotPublic):
			failed++
			fmt.Fprintf(e.stderr, "footnote: %s: %v (pass --allow-private to fetch it anyway)\n", arg, err)
			continue
		case err != nil:
			failed++
			fmt.Fprintf(e.stderr, "footnote: %v\n", err)
			continue
		}
		d := res.Doc
		added = append(added, d)
		prog.finish() // the line goes above the bar
		fmt.Fprintf(e.stdout, "added %s: %s (%s, %s, %s)\n", d.ID, d.Title, dash(d.Date), d.Language, plural(len(corpus.Split(d)), "chunk", "chunks"))
		e.log.Debug("article added", "id", d.ID, "file", res.Path, "from", arg)
	}
	return added, failed, nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
