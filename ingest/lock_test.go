package ingest_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/ingest"
)

// ingestFiles is what one `footnote ingest` process does: take the folder,
// read what it holds, add each file not already there.
func ingestFiles(ctx context.Context, dir string, files []string) error {
	unlock, err := ingest.Lock(ctx, dir)
	if err != nil {
		return err
	}
	defer unlock()
	docs, _, err := corpus.Load(os.DirFS(dir))
	if err != nil {
		return err
	}
	seen := ingest.NewSeen(docs)
	a := &ingest.Adder{Dir: dir}
	for _, f := range files {
		if _, err := a.AddFile(f, seen); err != nil && !strings.Contains(err.Error(), "already in the corpus") {
			return err
		}
	}
	return nil
}

// TestHelperIngestProcess is not a test: it is the child process of
// TestConcurrentIngestProcessesAddEachArticleOnce.
func TestHelperIngestProcess(t *testing.T) {
	dir := os.Getenv("FOOTNOTE_TEST_INGEST_DIR")
	if dir == "" {
		t.Skip("helper process only")
	}
	files := strings.Split(os.Getenv("FOOTNOTE_TEST_INGEST_FILES"), "\n")
	if err := ingestFiles(context.Background(), dir, files); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func TestConcurrentIngestProcessesAddEachArticleOnce(t *testing.T) {
	src, dir := t.TempDir(), t.TempDir()
	var files []string
	const articles, procs = 12, 4
	for i := range articles {
		p := filepath.Join(src, fmt.Sprintf("art%05d.md", i))
		body := fmt.Sprintf("# Article %d\n\nReport number %d on the raid of the embassy in Quito.", i, i)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	var cmds []*exec.Cmd
	for range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIngestProcess$")
		cmd.Env = append(os.Environ(), "FOOTNOTE_TEST_INGEST_DIR="+dir, "FOOTNOTE_TEST_INGEST_FILES="+strings.Join(files, "\n"))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("ingest process: %v", err)
		}
	}
	docs, skipped, err := corpus.Load(os.DirFS(dir))
	if err != nil || len(skipped) > 0 {
		t.Fatalf("Load: %v, skipped %v", err, skipped)
	}
	if len(docs) != articles {
		var names []string
		for _, d := range docs {
			names = append(names, d.Path)
		}
		t.Errorf("%d processes left %d articles, want %d: %v", procs, len(docs), articles, names)
	}
}

func TestLockWaitsAndHonoursTheContext(t *testing.T) {
	dir := t.TempDir()
	unlock, err := ingest.Lock(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		u, err := ingest.Lock(ctx, dir)
		if err == nil {
			u()
		}
		done <- err
	}()
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("took a lock another holder has")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Lock ignored its context")
	}
	unlock()
	u, err := ingest.Lock(context.Background(), dir)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	u()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the lock left %d files in the corpus folder", len(entries))
	}
}
