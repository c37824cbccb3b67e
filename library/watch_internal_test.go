package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/retrieval"
)

func TestSettler(t *testing.T) {
	cases := []struct{ fps, want string }{
		{"iiii", "...."},
		{"aa", ".R"},
		{"abb", "..R"},
		// a folder that changes at every look is still indexed every
		// maxSettleLooks+1 looks
		{"abcdefghijkl", "....R....R.."},
		{"abcdeff", "....R.R"},
		{"aai", ".R."},
	}
	for _, tc := range cases {
		var s settler
		var got strings.Builder
		indexed := "i"
		for _, fp := range tc.fps {
			if s.look(string(fp), indexed) {
				got.WriteByte('R')
				indexed = string(fp)
			} else {
				got.WriteByte('.')
			}
		}
		if got.String() != tc.want {
			t.Errorf("looks %s: reloads %s, want %s", tc.fps, got.String(), tc.want)
		}
	}
}

// testLibrary opens a library over the corpus folder dir, with its index
// state in a temporary folder.
func testLibrary(t *testing.T, dir string, onIndexed func(*retrieval.Index)) *Library {
	t.Helper()
	l, err := Open(context.Background(), Options{CorpusDir: dir, DataDir: t.TempDir(), IndexRoot: t.TempDir(), OnIndexed: onIndexed})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestReloadSkipsFIFOsAndDevices: a corpus folder with a FIFO and links to
// a device and to a FIFO is indexed without them, and without hanging.
func TestReloadSkipsFIFOsAndDevices(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nThe embassy in Quito was raided."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for target, name := range map[string]string{"/dev/zero": "zero.md", "pipe.md": "to-pipe.txt", "/etc/hostname": "host.txt"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	r := testLibrary(t, dir, nil)
	done := make(chan error, 1)
	go func() {
		_, err := r.reload(context.Background())
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("reload hung on a FIFO or a device")
	}
	if docs := r.Index().Documents(); len(docs) != 1 || docs[0].ID != "a" {
		t.Errorf("indexed %d documents, want only a.md", len(docs))
	}
}

// TestABuildInProgressHoldsNothingHostage: while a build holds the token,
// a reload for /ingest or /forget gives up at its deadline, and the watcher
// skips its turn instead of waiting (so shutdown is not held either).
func TestABuildInProgressHoldsNothingHostage(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nThe embassy in Quito was raided."), 0o644); err != nil {
		t.Fatal(err)
	}
	r := testLibrary(t, dir, nil)
	if err := r.lock(context.Background()); err != nil { // a build in progress
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := r.reload(ctx)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("reload behind a build: %v, want context.Canceled", err)
	}

	wctx, wcancel := context.WithCancel(context.Background())
	ticks := make(chan time.Time)
	stopped := make(chan struct{})
	go func() {
		r.watchTicks(wctx, ticks)
		close(stopped)
	}()
	ticks <- time.Now()
	ticks <- time.Now() // received: the first look did not wait for the build
	wcancel()
	<-stopped
	r.unlock()
	if _, err := r.reload(context.Background()); err != nil {
		t.Errorf("reload once the build is done: %v", err)
	}
}
