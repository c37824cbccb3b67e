package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/retrieval"
)

// watchWithEvents runs the watcher on r with file-system events and the
// given ticks, polling only every pollEvery ticks, until the test ends.
func watchWithEvents(t *testing.T, l *Library, ticks <-chan time.Time, pollEvery int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	changed, err := notify(ctx, l.dirs, l.o.logger())
	if err != nil {
		cancel()
		t.Skipf("no file-system events here: %v", err)
	}
	done := make(chan struct{})
	go func() {
		l.watchLoop(ctx, ticks, changed, pollEvery)
		close(done)
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// looks returns how many times the watcher has walked the folders, once
// it is between looks.
func (l *Library) looksSoFar() int {
	l.sem <- struct{}{}
	defer l.unlock()
	return l.looks
}

// TestIdleWatcherDoesNotWalk: with events, an unchanged folder is walked
// once at the start and then only every pollEvery ticks, not at every
// tick.
func TestIdleWatcherDoesNotWalk(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), "# A\n\nThe embassy in Quito was raided.")
	l := testLibrary(t, dir, nil)
	ticks := make(chan time.Time)
	watchWithEvents(t, l, ticks, 25)
	for range 100 {
		ticks <- time.Now()
	}
	// 1 at the start, then at ticks 25, 50, 75 and 100 at most
	if n := l.looksSoFar(); n < 1 || n > 5 {
		t.Errorf("an idle folder was walked %d times in 100 ticks, want 1 to 5", n)
	}
}

// TestEventsTriggerAReload: a file written into the folder, or into a
// sub-folder created after the watch began, is indexed at the next looks,
// long before the slow poll would find it.
func TestEventsTriggerAReload(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.md"), "# A\n\nThe embassy in Quito was raided.")
	indexed := make(chan *retrieval.Index, 8)
	l := testLibrary(t, dir, func(ix *retrieval.Index) { indexed <- ix })
	ticks := make(chan time.Time)
	watchWithEvents(t, l, ticks, 1_000_000)
	ticks <- time.Now() // the first look
	for _, name := range []string{"b.md", filepath.Join("later", "c.md")} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), "# "+name+"\n\nMexico broke off relations with Ecuador.")
		waitIndexed(t, ticks, indexed, name)
	}
}

// TestMissingFolderIsWatchedOnceCreated: a corpus folder that does not
// exist when the watch begins (nothing ingested yet) is picked up when it
// appears.
func TestMissingFolderIsWatchedOnceCreated(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "corpus")
	indexed := make(chan *retrieval.Index, 8)
	// the corpus cannot be opened yet: a library as Open would leave it
	l := &Library{o: Options{CorpusDir: dir, OnIndexed: func(ix *retrieval.Index) { indexed <- ix }},
		live: retrieval.NewLive(nil), dirs: []string{dir}, sem: make(chan struct{}, 1)}
	l.o.IndexRoot = t.TempDir()
	l.seen = fingerprint(l.dirs)
	ticks := make(chan time.Time)
	watchWithEvents(t, l, ticks, 1_000_000)
	ticks <- time.Now()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "a.md"), "# A\n\nThe embassy in Quito was raided.")
	waitIndexed(t, ticks, indexed, "a.md")
}

func writeFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitIndexed ticks until an index holding the file is swapped in; events
// arrive asynchronously, so it gives them up to 10 s of ticks.
func waitIndexed(t *testing.T, ticks chan<- time.Time, indexed <-chan *retrieval.Index, path string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		select {
		case ix := <-indexed:
			for _, d := range ix.Documents() {
				if d.Path == filepath.ToSlash(path) {
					return
				}
			}
		case now := <-tick.C:
			select {
			case ticks <- now:
			case ix := <-indexed:
				for _, d := range ix.Documents() {
					if d.Path == filepath.ToSlash(path) {
						return
					}
				}
			}
		}
	}
	t.Fatalf("%s was not indexed within 10 s of ticks", path)
}
