package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/retrieval"
)

// watchDirs are the folders whose files make the corpus.
func (e *env) watchDirs() []string {
	if e.cfg.CorpusDir != "" {
		return []string{e.cfg.CorpusDir}
	}
	return []string{e.addedDir()}
}

// corpusFingerprint summarises the article files of the corpus folders:
// names, sizes and modification times. It changes when a file is added,
// changed or removed.
func corpusFingerprint(dirs []string) string {
	var lines []string
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !corpus.Supported(p) {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			lines = append(lines, fmt.Sprintf("%s\x00%d\x00%d", p, info.Size(), info.ModTime().UnixNano()))
			return nil
		})
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// reloader rebuilds the live index from the corpus folders, one build at a
// time, and remembers which state of the folders the last build read, so the
// watcher does not index again what /ingest or /forget just indexed.
type reloader struct {
	e         *env
	live      *retrieval.Live
	dirs      []string
	onIndexed func(*retrieval.Index) // may be nil

	mu   sync.Mutex // held for a whole build and swap
	seen string     // fingerprint of the folders the last build read
}

func (e *env) newReloader(live *retrieval.Live, onIndexed func(*retrieval.Index)) *reloader {
	r := &reloader{e: e, live: live, dirs: e.watchDirs(), onIndexed: onIndexed}
	r.seen = corpusFingerprint(r.dirs)
	return r
}

// reload re-reads the corpus, indexes it (reusing the vectors of unchanged
// documents) and swaps the new index in whole.
func (r *reloader) reload(ctx context.Context) (*retrieval.Index, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reloadLocked(ctx, corpusFingerprint(r.dirs))
}

func (r *reloader) reloadLocked(ctx context.Context, fp string) (*retrieval.Index, error) {
	// a state that failed to index is not retried until it changes
	r.seen = fp
	ix, stats, err := r.e.openIndex(ctx)
	if err != nil {
		return nil, err
	}
	r.live.Swap(ix)
	r.e.log.Info("corpus reloaded", "documents", stats.Documents, "chunks", stats.Chunks, "embedded", stats.Embedded, "removed", stats.Removed)
	if r.onIndexed != nil {
		r.onIndexed(ix)
	}
	return ix, nil
}

// watch keeps the live index in step with the corpus folders: it looks
// every interval, and once a change has stayed the same for one more look
// (a file still being written is not read half-way) it reloads.
func (r *reloader) watch(ctx context.Context, interval time.Duration) {
	pending := ""
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fp := corpusFingerprint(r.dirs)
		r.mu.Lock()
		switch {
		case fp == r.seen:
			pending = ""
		case fp != pending:
			pending = fp // changed: wait one more look for it to settle
		default:
			pending = ""
			if _, err := r.reloadLocked(ctx, fp); err != nil {
				r.e.log.Warn("corpus changed but could not be indexed; still answering from the previous index", "err", err)
			}
		}
		r.mu.Unlock()
	}
}
