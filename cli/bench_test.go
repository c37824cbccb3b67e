package cli

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/config"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

func benchEnv(b *testing.B, getenv map[string]string) *env {
	b.Helper()
	getenv["FOOTNOTE_DATA_DIR"] = b.TempDir()
	cfg, err := config.FromEnv(func(k string) string { return getenv[k] })
	if err != nil {
		b.Fatal(err)
	}
	return &env{cfg: cfg, log: slog.New(slog.NewTextHandler(io.Discard, nil)), stdout: io.Discard, stderr: io.Discard}
}

var benchQuestions = []string{
	"Who was arrested at the Mexican embassy?",
	"Why did Mexico break diplomatic ties with Ecuador?",
	"Which other country cut diplomatic relations with Ecuador?",
	"What is the capital of France?",
}

// BenchmarkAskWarm measures an extractive answer on the built-in corpus with
// the index already loaded.
func BenchmarkAskWarm(b *testing.B) {
	ctx := context.Background()
	_, a, err := benchEnv(b, map[string]string{}).open(ctx)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := a.Ask(ctx, answer.Request{Question: benchQuestions[i%len(benchQuestions)], K: 5}); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/ask")
}

// BenchmarkGenerativeOverhead measures what footnote adds to a generative
// answer beyond the model's own time, against a local server whose model
// answers at once: retrieval, prompt, streaming plumbing and verification.
func BenchmarkGenerativeOverhead(b *testing.B) {
	first := regexp.MustCompile(`(?s)<source n="1"[^>]*>\n(.*?[.!?])[ \n]`)
	srv := llmtest.NewServer(llmtest.WithResponder(func(r llmtest.ChatRequest) llmtest.Reply {
		m := first.FindStringSubmatch(r.LastUser())
		return llmtest.Reply{Text: m[1] + " [1]"}
	}))
	defer srv.Close()
	ctx := context.Background()
	e := benchEnv(b, map[string]string{"OPENAI_BASE_URL": srv.URL(), "FOOTNOTE_API_EMBEDDINGS": "false"})
	_, a, err := e.open(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var overhead, model time.Duration
	for b.Loop() {
		ans, err := a.Ask(ctx, answer.Request{Question: "Who was arrested at the Mexican embassy?", K: 5, OnDelta: func(string) {}})
		if err != nil || ans.Mode != answer.ModeGenerative {
			b.Fatalf("mode %s err %v note %q", ans.Mode, err, ans.Note)
		}
		m := time.Duration(ans.TimingsMS["model"] * float64(time.Millisecond))
		model += m
		overhead += time.Duration(ans.TimingsMS["total"]*float64(time.Millisecond)) - m
	}
	b.ReportMetric(float64(overhead.Microseconds())/float64(b.N)/1000, "overhead-ms/ask")
	b.ReportMetric(float64(model.Microseconds())/float64(b.N)/1000, "model-ms/ask")
}
