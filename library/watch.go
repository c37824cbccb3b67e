package library

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

// fingerprint summarises the article files of the corpus folders:
// names, sizes and modification times. It changes when a file is added,
// changed or removed.
func fingerprint(dirs []string) string {
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

// lock takes the build token, or fails when ctx ends first.
func (l *Library) lock(ctx context.Context) error {
	select {
	case l.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("wait for the index rebuild in progress: %w", ctx.Err())
	}
}

func (l *Library) unlock() { <-l.sem }

// reload re-reads the corpus, indexes it (reusing the vectors of unchanged
// documents) and swaps the new index in whole. It waits for a build in
// progress no longer than ctx allows.
func (l *Library) reload(ctx context.Context) (*retrieval.Index, error) {
	if err := l.lock(ctx); err != nil {
		return nil, err
	}
	defer l.unlock()
	return l.reloadLocked(ctx, fingerprint(l.dirs))
}

// reloadLocked builds from the folders as fp found them and swaps the
// index in; under sem.
func (l *Library) reloadLocked(ctx context.Context, fp string) (*retrieval.Index, error) {
	// a state that failed to index is not retried until it changes
	l.seen = fp
	ix, stats, err := l.build(ctx)
	if err != nil {
		return nil, err
	}
	l.live.Swap(ix)
	l.o.logger().Info("corpus reloaded", "documents", stats.Documents, "chunks", stats.Chunks, "embedded", stats.Embedded, "removed", stats.Removed)
	if l.o.OnIndexed != nil {
		l.o.OnIndexed(ix)
	}
	return ix, nil
}

// DefaultWatchInterval is how often a watcher looks at the folders when
// nothing else is said (FOOTNOTE_WATCH_INTERVAL).
const DefaultWatchInterval = 2 * time.Second

// maxSettleLooks is how many looks a folder that keeps changing may put a
// reload off: after that it is indexed as it is, and again later.
const maxSettleLooks = 4

// settler decides, one look at the folders at a time, when to reload: once
// a change has stayed the same for one more look (a file still being
// written is not read half-way), or once changes have gone on for
// maxSettleLooks looks.
type settler struct {
	pending string // fingerprint seen last look, if not yet indexed
	waited  int    // looks since a change was first seen
}

// look takes the folders' fingerprint now and the one last indexed, and
// reports whether to reload.
func (s *settler) look(fp, indexed string) bool {
	if fp == indexed {
		s.pending, s.waited = "", 0
		return false
	}
	s.waited++
	if fp == s.pending || s.waited > maxSettleLooks {
		s.pending, s.waited = "", 0
		return true
	}
	s.pending = fp // changed: wait one more look for it to settle
	return false
}

// slowPollLooks is how many looks apart the watcher walks the folders
// when file-system events say nothing changed: a safety net for changes
// the events miss (a network file system, a watch limit reached).
const slowPollLooks = 30

// Watch keeps the live index in step with the corpus folders. File-system
// events (fsnotify) tell it when to look; it then looks every interval and
// reloads when the settler says so, and otherwise walks the folders only
// every slowPollLooks intervals, so an idle corpus costs next to nothing.
// Without events (fsnotify unavailable) it looks every interval. A look
// that finds a build in progress (an /ingest or /forget) skips its turn.
func (l *Library) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	changed, err := notify(ctx, l.dirs, l.o.logger())
	if err != nil {
		l.o.logger().Info("watching the corpus folders by polling", "every", interval, "reason", err)
		l.watchLoop(ctx, t.C, nil, 1)
		return
	}
	l.watchLoop(ctx, t.C, changed, slowPollLooks)
}

// watchTicks looks at the folders at every tick.
func (l *Library) watchTicks(ctx context.Context, ticks <-chan time.Time) {
	l.watchLoop(ctx, ticks, nil, 1)
}

// watchLoop looks at the folders on a tick when something may have
// changed (an event came since the folders were last seen as indexed, or
// a change is settling) or when pollEvery ticks have passed since the last
// look.
func (l *Library) watchLoop(ctx context.Context, ticks <-chan time.Time, changed <-chan struct{}, pollEvery int) {
	var s settler
	dirty := true // look once at the start
	since := 0    // ticks since the last look
	for {
		select {
		case <-ctx.Done():
			return
		case <-changed:
			dirty = true
			continue
		case <-ticks:
		}
		since++
		if !dirty && since < pollEvery {
			continue
		}
		select {
		case l.sem <- struct{}{}:
		default:
			continue // a build is under way; it will read the folders
		}
		since = 0
		l.looks++
		fp := fingerprint(l.dirs)
		if s.look(fp, l.seen) {
			if _, err := l.reloadLocked(ctx, fp); err != nil && ctx.Err() == nil {
				l.o.logger().Warn("corpus changed but could not be indexed; still answering from the previous index", "err", err)
			}
		}
		dirty = fp != l.seen
		l.unlock()
	}
}
