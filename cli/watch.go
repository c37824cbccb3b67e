package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
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

// watchCorpus keeps a live index in step with the corpus folders: it looks
// every interval, and once a change has stayed the same for one more look
// (a file still being written is not read half-way) it rebuilds the index,
// reusing the vectors of unchanged documents, and swaps it in whole.
func (e *env) watchCorpus(ctx context.Context, live *retrieval.Live, interval time.Duration, onSwap func(*retrieval.Index)) {
	dirs := e.watchDirs()
	last := corpusFingerprint(dirs)
	pending := ""
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fp := corpusFingerprint(dirs)
		switch {
		case fp == last:
			pending = ""
			continue
		case fp != pending:
			pending = fp // changed: wait one more look for it to settle
			continue
		}
		ix, stats, err := e.openIndex(ctx)
		if err != nil {
			e.log.Warn("corpus changed but could not be indexed; still answering from the previous index", "err", err)
			last, pending = fp, ""
			continue
		}
		live.Swap(ix)
		last, pending = fp, ""
		e.log.Info("corpus reloaded", "documents", stats.Documents, "chunks", stats.Chunks, "embedded", stats.Embedded, "removed", stats.Removed)
		if onSwap != nil {
			onSwap(ix)
		}
	}
}
