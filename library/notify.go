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
	out := make(chan struct{}, 1)
	signal := func() {
		select {
		case out <- struct{}{}:
		default:
		}
	}
	var roots []string
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			abs = d
		}
		roots = append(roots, abs)
	}
	// add watches every folder under root, or root's nearest existing
	// parent when root does not exist.
	var add func(root string) error
	add = func(root string) error {
		info, err := os.Stat(root)
		if errors.Is(err, fs.ErrNotExist) {
			parent := filepath.Dir(root)
			if parent == root {
				return err
			}
			return add(parent)
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
			if err := w.Add(p); err != nil {
				return err
			}
			return nil
		})
	}
	for _, r := range roots {
		if err := add(r); err != nil {
			w.Close()
			return nil, err
		}
	}
	go func() {
		defer w.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Has(fsnotify.Create) {
					// a new folder (or a corpus folder that did not exist)
					if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
						if err := add(ev.Name); err != nil {
							log.Warn("cannot watch a new folder; it is polled", "folder", ev.Name, "err", err)
						}
					}
				}
				signal()
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				log.Debug("file-system events", "err", err)
				signal() // an overflow may have lost events
			}
		}
	}()
	return out, nil
}
