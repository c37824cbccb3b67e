package cli

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/config"
	"github.com/footnote-bot/footnote/retrieval"
)

// A file dropped into the corpus folder while footnote runs is answerable
// within seconds, without a restart.
func TestDroppedFileIsAnswerable(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../corpus/000_81644a94c58555c8.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "seed.md"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"FOOTNOTE_CORPUS_DIR": dir, "FOOTNOTE_DATA_DIR": t.TempDir()}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{cfg: cfg, log: slog.New(slog.NewTextHandler(io.Discard, nil)), stdout: io.Discard, stderr: io.Discard}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := e.answerer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	swapped := make(chan struct{}, 4)
	go e.newReloader(a.Live, func(*retrieval.Index) { swapped <- struct{}{} }).watch(ctx, 100*time.Millisecond)

	const q = "What did the court decide about emergency measures?"
	before, err := a.Ask(ctx, q, nil, 5, nil)
	if err != nil || !before.Refused {
		t.Fatalf("before the file: refused %v, err %v", before.Refused, err)
	}
	body := "---\ntitle: Court declines Mexico's request\nsource: Harbor Press Service\ndate: 2024-05-23\n---\n\n" +
		"THE HAGUE — The International Court of Justice on Thursday declined to order emergency measures against Ecuador.\n"
	if err := os.WriteFile(filepath.Join(dir, "order.md"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(5 * time.Second)
	for {
		select {
		case <-swapped:
		case <-deadline:
			t.Fatal("the new article was not answerable within 5 s")
		}
		got, err := a.Ask(ctx, q, nil, 5, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Refused && len(got.Citations) > 0 && got.Citations[0].DocID == "order" && strings.Contains(got.Answer, "declined") {
			break
		}
	}
	if n := len(a.Current().Documents()); n != 2 {
		t.Fatalf("live index has %d documents", n)
	}
}

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

func testEnv(t *testing.T, dir string) *env {
	t.Helper()
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"FOOTNOTE_CORPUS_DIR": dir, "FOOTNOTE_DATA_DIR": t.TempDir()}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	return &env{cfg: cfg, log: slog.New(slog.NewTextHandler(io.Discard, nil)), stdout: io.Discard, stderr: io.Discard}
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
	e := testEnv(t, dir)
	ix, _, err := e.openIndex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r := e.newReloader(retrieval.NewLive(ix), nil)
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
	if docs := r.live.Index().Documents(); len(docs) != 1 || docs[0].ID != "a" {
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
	e := testEnv(t, dir)
	ix, _, err := e.openIndex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r := e.newReloader(retrieval.NewLive(ix), nil)
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
