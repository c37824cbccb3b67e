package llm_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/llm"
)

func TestNewValidates(t *testing.T) {
	for _, cfg := range []llm.Config{
		{BaseURL: "localhost:11434"},
		{BaseURL: "ftp://x/v1"},
		{EmbedBatch: 4096},
		{EmbedBatch: -1},
		{EmbedConcurrency: -2},
		{Timeout: -1},
	} {
		if _, err := llm.New(cfg); err == nil {
			t.Errorf("%v: no error", cfg)
		}
	}
	c, err := llm.New(llm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if c.EmbedderID() != "openai:text-embedding-3-small" || c.Dimension() != 0 {
		t.Fatalf("defaults: %q %d", c.EmbedderID(), c.Dimension())
	}
}

func TestConfigNeverPrintsKey(t *testing.T) {
	cfg := llm.Config{APIKey: "sk-secret-123"}
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg)} {
		if strings.Contains(s, "sk-secret") {
			t.Fatalf("key printed: %s", s)
		}
	}
}
