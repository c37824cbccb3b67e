package cli

import (
	"io"
	"log/slog"
	"testing"

	"github.com/footnote-bot/footnote/config"
)

// TestOneModelClientPerProcess: the embedder (used by every reload) and the
// answers share one model client, built once.
func TestOneModelClientPerProcess(t *testing.T) {
	cfg, err := config.FromEnv(func(k string) string {
		return map[string]string{"OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "FOOTNOTE_DATA_DIR": t.TempDir()}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{cfg: cfg, log: slog.New(slog.NewTextHandler(io.Discard, nil)), stdout: io.Discard, stderr: io.Discard}
	first, err := e.llmClient()
	if err != nil || first == nil {
		t.Fatalf("client %v, err %v", first, err)
	}
	for range 2 {
		emb, err := e.embedder()
		if err != nil {
			t.Fatal(err)
		}
		if api, ok := emb.(apiEmbedder); !ok || api.c != first {
			t.Fatalf("embedder %T holds another client than the answers'", emb)
		}
		if c, _ := e.llmClient(); c != first {
			t.Fatal("a second model client was built")
		}
	}
}
