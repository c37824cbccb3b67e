package cli_test

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/corpus"
)

func TestIngestThenAsk(t *testing.T) {
	data := t.TempDir()
	env := map[string]string{"FOOTNOTE_DATA_DIR": data}
	article := filepath.Join(t.TempDir(), "icj-order.md")
	body := "---\ntitle: Court declines Mexico's request\nsource: Harbor Press Service\ndate: 2024-05-23\n---\n\n" +
		"THE HAGUE — The International Court of Justice on Thursday declined to order emergency measures against Ecuador.\n\n" +
		"The judges noted Ecuador's assurances that it would protect the Mexican embassy's premises and archives.\n"
	if err := os.WriteFile(article, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, env, "ingest", article)
	if r.code != 0 || !strings.Contains(r.stdout, "added icj-order") {
		t.Fatalf("ingest: %v\n%s%s", r.err, r.stdout, r.stderr)
	}
	a := askJSON(t, env, "What did the court decide about emergency measures?")
	if a.Refused || len(a.Citations) == 0 || a.Citations[0].DocID != "icj-order" || a.Citations[0].Date != "2024-05-23" {
		t.Fatalf("answer %q citations %+v", a.Answer, a.Citations)
	}
	// the built-in article is still answered from
	b := askJSON(t, env, "Who was arrested at the Mexican embassy?")
	if !strings.Contains(b.Answer, "Glas") {
		t.Fatalf("built-in corpus lost: %q", b.Answer)
	}
	// again: recognised, not added twice
	r = runCLI(t, env, "ingest", article)
	if r.code != 0 || !strings.Contains(r.stdout, "already in the corpus") {
		t.Fatalf("second ingest: %v\n%s", r.err, r.stdout)
	}
	src := runCLI(t, env, "sources")
	if strings.Count(src.stdout, "Court declines") != 1 {
		t.Fatalf("sources:\n%s", src.stdout)
	}
}

func TestIngestURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html lang="en"><head><title>OAS vote</title><meta property="article:published_time" content="2024-04-10"></head>
<body><article><p>The Organization of American States approved a resolution condemning the raid, with 29 votes in favour.</p></article></body></html>`))
	}))
	defer srv.Close()
	env := map[string]string{"FOOTNOTE_DATA_DIR": t.TempDir()}
	// a local address is refused unless allowed
	r := runCLI(t, env, "ingest", srv.URL+"/oas")
	if r.code != 1 || !strings.Contains(r.stderr, "not public") {
		t.Fatalf("loopback URL: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, env, "ingest", "--allow-private", srv.URL+"/oas")
	if r.code != 0 || !strings.Contains(r.stdout, "OAS vote") {
		t.Fatalf("allowed: exit %d %v\n%s%s", r.code, r.err, r.stdout, r.stderr)
	}
	a := askJSON(t, env, "How many votes did the OAS resolution get?")
	if a.Refused || !strings.Contains(a.Answer, "29") {
		t.Fatalf("answer %q", a.Answer)
	}
}

// writeArticles writes n distinct small articles under dir (in sub-folders
// of 100) and returns the folder.
func writeArticles(t testing.TB, dir string, n int) string {
	t.Helper()
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("batch%03d", i/100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("---\ntitle: Report %d on the embassy raid\ndate: 2024-04-%02d\n---\n\n"+
			"Dispatch %d: diplomats in Quito discussed the raid on the Mexican embassy for the %d time.\n\n"+
			"Officials in Mexico City answered statement %d with a note of protest.\n", i, 6+i%20, i, i, i)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("art%05d.md", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// articleFiles lists the article files of a corpus folder.
func articleFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, _, err := corpus.Files(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestIngestFolder(t *testing.T) {
	src := t.TempDir()
	for name, body := range map[string]string{
		"a.md":              "# A\n\nThe embassy in Quito was raided on Friday night.",
		"deep/er/b.txt":     "B\n\nMexico broke off diplomatic relations with Ecuador.",
		".drafts/c.md":      "# C\n\nA hidden draft is not an article.",
		"deep/.hidden.md":   "# D\n\nNeither is a hidden file.",
		"notes.pdf":         "%PDF-1.4",
		"deep/er/broken.md": "---\ntitle: never closed\n\nText.",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("# Secret\n\nNot for the corpus."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(src, "link.md")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "corpus")
	r := runCLI(t, nil, "ingest", "--corpus", dir, src)
	if strings.Count(r.stdout, "added ") != 2 || !strings.Contains(r.stdout, "added a:") || !strings.Contains(r.stdout, "added b:") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	for _, want := range []string{"link.md", "outside the corpus", "broken.md"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not mention %q:\n%s", want, r.stderr)
		}
	}
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (two files not added)", r.code)
	}
	if got := articleFiles(t, dir); len(got) != 2 {
		t.Errorf("corpus holds %q, want a.md and b.txt", got)
	}
}

// TestConcurrentIngestsAddEachArticleOnce runs four ingests of the same
// folder at once into one corpus: each article must end up there once.
func TestConcurrentIngestsAddEachArticleOnce(t *testing.T) {
	const n, runs = 40, 4
	src := writeArticles(t, t.TempDir(), n)
	dir := filepath.Join(t.TempDir(), "corpus")
	var wg sync.WaitGroup
	results := make([]result, runs)
	for i := range runs {
		wg.Go(func() { results[i] = runCLI(t, nil, "ingest", "--corpus", dir, src) })
	}
	wg.Wait()
	added := 0
	for _, r := range results {
		if r.code != 0 {
			t.Errorf("ingest: exit %d: %v\n%s", r.code, r.err, r.stderr)
		}
		added += strings.Count(r.stdout, "added ")
	}
	if got := articleFiles(t, dir); len(got) != n || added != n {
		t.Errorf("%d ingests at once left %d files and printed %d added lines, want %d", runs, len(got), added, n)
	}
}

// TestIngestInterrupted sends SIGINT to a running `footnote ingest` of
// thousands of files: it stops promptly, exits 130 saying so, and keeps
// every article it reported, whole.
func TestIngestInterrupted(t *testing.T) {
	bin := binary(t)
	h := newHome(t)
	src := writeArticles(t, t.TempDir(), 4000)
	dir := filepath.Join(t.TempDir(), "corpus")
	cmd := exec.Command(bin, "ingest", "--corpus", dir, src)
	cmd.Env = h.env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 8192)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var printed []string
	for l := range lines {
		printed = append(printed, l)
		if len(printed) == 20 {
			break
		}
	}
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() {
		for l := range lines {
			printed = append(printed, l)
		}
		exited <- cmd.Wait()
	}()
	select {
	case err = <-exited:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("ingest ignored SIGINT for 30 s")
	}
	t.Logf("exited %v after SIGINT, having printed %d lines", time.Since(sent).Round(time.Millisecond), len(printed))
	if cmd.ProcessState.ExitCode() != 130 || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("exit %v, stderr:\n%s", err, stderr.String())
	}
	files := articleFiles(t, dir)
	if len(files) >= 4000 {
		t.Fatalf("all %d files were added: the interrupt came too late to test anything", len(files))
	}
	have := map[string]bool{}
	for _, f := range files {
		have[strings.TrimSuffix(filepath.Base(f), ".md")] = true
	}
	reported := 0
	for _, l := range printed {
		var id string
		if _, err := fmt.Sscanf(l, "added %s", &id); err != nil {
			continue
		}
		reported++
		if id = strings.TrimSuffix(id, ":"); !have[id] {
			t.Errorf("reported %s as added; it is not in the corpus", id)
		}
	}
	if len(files) < reported || len(files) > reported+1 {
		t.Errorf("%d lines said added, %d files are in the corpus", reported, len(files))
	}
	docs, skipped, err := corpus.Load(os.DirFS(dir))
	if err != nil || len(skipped) > 0 || len(docs) != len(files) {
		t.Errorf("the kept articles do not all read back: %d docs, skipped %v, err %v", len(docs), skipped, err)
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, ".ingest-*")); len(entries) > 0 {
		t.Errorf("temporary files left: %q", entries)
	}
	// the next start indexes what was kept
	r := exec.Command(bin, "sources", "--corpus", dir)
	r.Env = h.env
	out, err := r.Output()
	if err != nil || strings.Count(string(out), "Report ") != len(files) {
		t.Errorf("sources after the interrupt: %v, %d reports listed, want %d", err, strings.Count(string(out), "Report "), len(files))
	}
}
