package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/footnote-bot/footnote/llm/llmtest"
)

// TestIngestIndexesOnlyTheAddedArticle: with the model's embeddings, in
// separate processes, `footnote ingest` embeds only the new article's
// chunks, and the next `ask` answers from it embedding only the question:
// the other articles are not embedded a second time.
func TestIngestIndexesOnlyTheAddedArticle(t *testing.T) {
	bin := binary(t)
	var mu sync.Mutex
	var embedded []string
	srv := llmtest.NewServer(llmtest.WithResponder(good), llmtest.WithEmbedFunc(func(text string, dim int) []float32 {
		mu.Lock()
		embedded = append(embedded, text)
		mu.Unlock()
		return llmtest.Vector(text, dim)
	}))
	defer srv.Close()
	take := func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := embedded
		embedded = nil
		return out
	}
	h := newHome(t)
	env := append(h.env, "OPENAI_BASE_URL="+srv.URL(), "FOOTNOTE_MODEL_TIMEOUT=5s")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("footnote %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	dir := t.TempDir()
	for name, text := range map[string]string{
		"rivers.md":    "---\ntitle: Rivers\n---\n\nThe northern rivers flooded the valley towns in March.\n",
		"mountains.md": "---\ntitle: Mountains\n---\n\nClimbers reached the southern summit after a week of snow.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("sources", "--corpus", dir)
	if first := take(); len(first) == 0 {
		t.Fatal("the first build embedded nothing through the model")
	}

	article := filepath.Join(t.TempDir(), "harbour.md")
	body := "---\ntitle: Harbour reopens\n---\n\nThe eastern harbour reopened to cargo ships on Tuesday after dredging.\n"
	if err := os.WriteFile(article, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out := run("ingest", "--corpus", dir, article)
	if !strings.Contains(out, "added harbour") {
		t.Fatalf("ingest printed %q", out)
	}
	for _, text := range take() {
		if !strings.Contains(text, "harbour") {
			t.Errorf("ingest embedded %q, which is not the added article's", text)
		}
	}

	question := "When did the eastern harbour reopen to cargo ships?"
	out = run("ask", "--json", "--corpus", dir, question)
	if got := take(); len(got) != 1 || got[0] != question {
		t.Errorf("the ask after ingest embedded %q; want only the question", got)
	}
	var a struct {
		Citations []struct {
			DocID string `json:"doc_id"`
		} `json:"citations"`
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Citations) == 0 || a.Citations[0].DocID != "harbour" {
		t.Errorf("the answer does not cite the added article:\n%s", out)
	}
}
