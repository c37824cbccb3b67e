package library

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// notify watches dirs and everything under them for file-system events,
// and sends on the returned channel (without blocking; one pending signal
// is enough) whenever something in them may have changed. A folder that
// does not exist yet is waited for through its nearest existing parent.
// Folders created later are watched as they appear. The watch ends with
// ctx. It fails when the platform offers no events.
func notify(ctx context.Context, dirs []string, log *slog.Logger) (<-chan struct{}, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifier{w: w, out: make(chan struct{}, 1), log: log}
	for _, d := range dirs {
		if err := n.add(absPath(d)); err != nil {
			w.Close()
			return nil, err
		}
	}
	go n.run(ctx)
	return n.out, nil
}

// notifier turns one fsnotify watcher's events into notify's signals.
type notifier struct {
	w   *fsnotify.Watcher
	out chan struct{}
	log *slog.Logger
}

// signal says something may have changed, without blocking.
func (n *notifier) signal() {
	select {
	case n.out <- struct{}{}:
	default:
	}
}

// add watches every folder under root, or root's nearest existing parent
// when root does not exist.
func (n *notifier) add(root string) error {
	info, err := os.Stat(root)
	if errors.Is(err, fs.ErrNotExist) {
		parent := filepath.Dir(root)
		if parent == root {
			return err
		}
		return n.add(parent)
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return nil
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return n.w.Add(p)
	})
}

// run signals each event until ctx ends, watching folders as they are
// created.
func (n *notifier) run(ctx context.Context) {
	defer n.w.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-n.w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				n.created(ev.Name)
			}
			n.signal()
		case err, ok := <-n.w.Errors:
			if !ok {
				return
			}
			n.log.Debug("file-system events", "err", err)
			n.signal() // an overflow may have lost events
		}
	}
}

// created watches a new folder (or a corpus folder that did not exist).
func (n *notifier) created(name string) {
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		if err := n.add(name); err != nil {
			n.log.Warn("cannot watch a new folder; it is polled", "folder", name, "err", err)
		}
	}
}
