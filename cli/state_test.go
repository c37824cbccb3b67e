package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// footnote before 0.1.0 kept everything in the cache folder. The first
// start of this version, with the default folders, moves the added articles
// and the database to the data folder, answers from them, and keeps only
// the rebuildable index in the cache.
func TestStateMovesOutOfTheCacheFolder(t *testing.T) {
	bin := binary(t)
	h := newHome(t)
	article := "---\ntitle: \"OAS condemns the raid\"\ndate: 2024-04-10\n---\n\nThe Organization of American States voted to condemn the raid on the Mexican embassy in Quito.\n"
	for path, data := range map[string]string{
		filepath.Join(h.cache, "corpus", "oas-condemns.md"): article,
		filepath.Join(h.cache, "footnote.db"):               "not opened by sources",
	} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) (string, string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env, cmd.Dir = h.env, h.dir
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr.String())
		}
		return stdout.String(), stderr.String()
	}

	out, log := run("sources")
	if !strings.Contains(out, "OAS condemns the raid") {
		t.Errorf("the migrated article is not a source:\n%s", out)
	}
	if strings.Count(log, "moved articles and state") != 1 {
		t.Errorf("the move is not said once:\n%s", log)
	}
	for _, p := range []string{filepath.Join(h.data, "corpus", "oas-condemns.md"), filepath.Join(h.data, "footnote.db")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s is not in the data folder: %v", filepath.Base(p), err)
		}
	}
	for _, p := range []string{filepath.Join(h.cache, "corpus"), filepath.Join(h.cache, "footnote.db")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is still in the cache folder", filepath.Base(p))
		}
	}
	if _, err := os.Stat(filepath.Join(h.cache, "index")); err != nil {
		t.Errorf("the index is not in the cache folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(h.data, "index")); err == nil {
		t.Error("the index is in the data folder")
	}

	// A second start moves nothing and says nothing about it; an emptied
	// cache folder costs only a rebuild.
	if _, log := run("sources"); strings.Contains(log, "moved") {
		t.Errorf("the second start moved something:\n%s", log)
	}
	if err := os.RemoveAll(h.cache); err != nil {
		t.Fatal(err)
	}
	if out, _ := run("ask", "What did the Organization of American States do?"); !strings.Contains(out, "voted to condemn the raid") {
		t.Errorf("after the cache was emptied, the added article no longer answers:\n%s", out)
	}
}

// footnote ingest with the defaults keeps the article in the data folder.
func TestIngestWritesToTheDataFolder(t *testing.T) {
	bin := binary(t)
	h := newHome(t)
	f := filepath.Join(h.dir, "note.md")
	if err := os.WriteFile(f, []byte("# Recall of the ambassador\n\nMexico recalled its ambassador from Quito on Saturday after the raid.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "ingest", f)
	cmd.Env = h.env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	entries, err := os.ReadDir(filepath.Join(h.data, "corpus"))
	if err != nil || len(entries) != 1 {
		t.Fatalf("data folder corpus: %v, %v", entries, err)
	}
	if _, err := os.Stat(filepath.Join(h.cache, "corpus")); err == nil {
		t.Error("ingest wrote to the cache folder")
	}
}
