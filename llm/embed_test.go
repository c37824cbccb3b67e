package llm_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

func TestEmbedBatchesKeepOrder(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.EmbedBatch = 3; cfg.EmbedConcurrency = 2 })
	in := texts(10)
	vecs, err := c.Embed(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != len(in) {
		t.Fatalf("got %d vectors for %d texts", len(vecs), len(in))
	}
	for i, v := range vecs {
		if !slices.Equal(v, llmtest.Vector(in[i], llmtest.DefaultDimension)) {
			t.Fatalf("vector %d is not the vector of text %d", i, i)
		}
	}
	if n := srv.Requests(llmtest.Embeddings); n != 4 {
		t.Fatalf("requests = %d, want ceil(10/3) = 4", n)
	}
	sizes := srv.EmbeddingInputs()
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{1, 3, 3, 3}) {
		t.Fatalf("batch sizes %v", sizes)
	}
	if c.Dimension() != llmtest.DefaultDimension || c.EmbedderID() != "openai:test-embed" {
		t.Fatalf("Dimension %d EmbedderID %q", c.Dimension(), c.EmbedderID())
	}
	if vecs, err := c.Embed(t.Context(), nil); vecs != nil || err != nil || srv.Requests(llmtest.Embeddings) != 4 {
		t.Fatalf("empty input: %v %v", vecs, err)
	}
}

// TestEmbedConcurrencyBounded holds every request in the server until three
// are in flight at once, then lets them all go: the client must reach its
// bound and never exceed it.
func TestEmbedConcurrencyBounded(t *testing.T) {
	const limit = 3
	arrived := make(chan struct{}, 100)
	release := make(chan struct{})
	srv := newServer(t, llmtest.WithHook(func(ctx context.Context, ep llmtest.Endpoint) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-ctx.Done():
		}
	}))
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.EmbedBatch = 2; cfg.EmbedConcurrency = limit })

	type result struct {
		vecs [][]float32
		err  error
	}
	done := make(chan result, 1)
	go func() {
		vecs, err := c.Embed(t.Context(), texts(20))
		done <- result{vecs, err}
	}()
	guard := time.After(10 * time.Second) // a failure guard, not synchronisation
	for range limit {
		select {
		case <-arrived:
		case <-guard:
			t.Fatal("fewer than 3 requests ever in flight")
		}
	}
	close(release)
	r := <-done
	if r.err != nil || len(r.vecs) != 20 {
		t.Fatalf("Embed: %d vectors, %v", len(r.vecs), r.err)
	}
	if got := srv.MaxInFlight(llmtest.Embeddings); got != limit {
		t.Fatalf("max in flight %d, want %d", got, limit)
	}
	wantRequests(t, srv, llmtest.Embeddings, 10)
}

func TestEmbedRetryAfterHonoured(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Embeddings, llmtest.RateLimited(time.Second))
	c := newClient(t, srv, nil) // MaxBackoff 2ms: a ~1s gap can only come from Retry-After
	start := time.Now()
	vecs, err := c.Embed(t.Context(), []string{"hello"})
	if err != nil || len(vecs) != 1 {
		t.Fatalf("Embed: %v", err)
	}
	recs := srv.Records(llmtest.Embeddings)
	if len(recs) != 2 || recs[0].Status != 429 || recs[1].Status != 200 {
		t.Fatalf("records: %d", len(recs))
	}
	gap := recs[1].Start.Sub(recs[0].Start)
	if gap < 950*time.Millisecond || gap > 3*time.Second {
		t.Fatalf("gap between attempts %s, want about 1s", gap)
	}
	t.Logf("Retry-After: 1 → gap %s, call %s", gap.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

func TestEmbedRetryAfterPastDeadlineFailsNow(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Embeddings, llmtest.RateLimited(30*time.Second))
	c := newClient(t, srv, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Embed(ctx, []string{"hello"})
	if !errors.Is(err, llm.ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("took %s; should fail at once", d)
	}
	wantRequests(t, srv, llmtest.Embeddings, 1)
}

func TestEmbedServerErrorsExhaustRetries(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Embeddings, llmtest.ServerError(), llmtest.ServerError(), llmtest.ServerError())
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.MaxRetries = 2 })
	_, err := c.Embed(t.Context(), []string{"hello"})
	var se *llm.StatusError
	if !errors.As(err, &se) || se.StatusCode != 500 {
		t.Fatalf("err = %v, want a 500 StatusError", err)
	}
	wantRequests(t, srv, llmtest.Embeddings, 3)
	t.Logf("error: %v", err)
}

func TestEmbedUnauthorizedNotRetried(t *testing.T) {
	srv := newServer(t, llmtest.WithAPIKey("right"))
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.APIKey = "wrong" })
	_, err := c.Embed(t.Context(), []string{"hello"})
	if !errors.Is(err, llm.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	wantRequests(t, srv, llmtest.Embeddings, 1)
	if strings.Contains(err.Error(), "wrong") {
		t.Fatalf("error leaks the key: %v", err)
	}

	good := newClient(t, srv, func(cfg *llm.Config) { cfg.APIKey = "right" })
	if _, err := good.Embed(t.Context(), []string{"hello"}); err != nil {
		t.Fatal(err)
	}
}

func TestEmbedBadRequestNotRetried(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, nil)
	_, err := c.Embed(t.Context(), []string{"ok", ""}) // the server rejects empty inputs like OpenAI
	var se *llm.StatusError
	if !errors.As(err, &se) || se.StatusCode != 400 || errors.Is(err, llm.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	wantRequests(t, srv, llmtest.Embeddings, 1)
}

func TestEmbedRespectsContextDeadline(t *testing.T) {
	srv := newServer(t)
	srv.SetFault(llmtest.Embeddings, &llmtest.Fault{Hang: true})
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.Timeout = time.Minute })
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Embed(ctx, texts(5))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("returned after %s", d)
	}
}

// TestEmbedRetriedAfterFault: an attempt that hangs past the attempt
// timeout, or whose connection is cut, is tried again, and the second
// attempt's vectors are returned.
func TestEmbedRetriedAfterFault(t *testing.T) {
	tests := []struct {
		name   string
		fault  llmtest.Fault
		mutate func(*llm.Config)
	}{
		{"attempt timeout", llmtest.Hang(), func(cfg *llm.Config) { cfg.Timeout = 100 * time.Millisecond }},
		{"connection cut", llmtest.Fault{Cut: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			srv.QueueFaults(llmtest.Embeddings, tt.fault)
			c := newClient(t, srv, tt.mutate)
			if _, err := c.Embed(t.Context(), []string{"hello"}); err != nil {
				t.Fatal(err)
			}
			wantRequests(t, srv, llmtest.Embeddings, 2)
		})
	}
}

func TestEmbedMalformedJSON(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Embeddings, llmtest.MalformedJSON())
	c := newClient(t, srv, nil)
	if _, err := c.Embed(t.Context(), []string{"hello"}); err == nil {
		t.Fatal("no error for a malformed body")
	}
}

func TestEmbedChecksDimensions(t *testing.T) {
	// Vectors whose dimension depends on the text: one batch of mixed
	// lengths must fail, and so must a later call with another dimension.
	srv := newServer(t, llmtest.WithEmbedFunc(func(text string, _ int) []float32 {
		return llmtest.Vector(text, len(text))
	}))
	c := newClient(t, srv, nil)
	if _, err := c.Embed(t.Context(), []string{"abc", "abcd"}); err == nil || !strings.Contains(err.Error(), "dimension") {
		t.Fatalf("mixed dimensions: err = %v", err)
	}
	if _, err := c.Embed(t.Context(), []string{"abc"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Embed(t.Context(), []string{"abcde"}); err == nil || !strings.Contains(err.Error(), "dimension") {
		t.Fatalf("changed dimension: err = %v", err)
	}
}

func TestEmbedChecksCount(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{
			"object": "list",
			"data":   []map[string]any{{"object": "embedding", "index": 0, "embedding": []float32{1, 0}}},
		})
	}))
	defer ts.Close()
	c, err := llm.New(llm.Config{BaseURL: ts.URL + "/v1", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Embed(t.Context(), []string{"a", "b"}); err == nil || !strings.Contains(err.Error(), "1 vectors for 2 inputs") {
		t.Fatalf("err = %v", err)
	}
}

func TestEmbedFirstFailureCancelsOthers(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Embeddings, llmtest.Unauthorized())
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.EmbedBatch = 1; cfg.EmbedConcurrency = 1 })
	_, err := c.Embed(t.Context(), texts(50))
	if !errors.Is(err, llm.ErrUnauthorized) || !strings.Contains(err.Error(), "embed batch 1 of 50") {
		t.Fatalf("err = %v", err)
	}
	if n := srv.Requests(llmtest.Embeddings); n > 2 {
		t.Fatalf("%d requests after the first failed", n)
	}
}
