package llm_test

import (
	"testing"
	"time"

	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

// newClient returns a Client aimed at srv with tiny backoffs; mutate may
// adjust the configuration first.
func newClient(t testing.TB, srv *llmtest.Server, mutate func(*llm.Config)) *llm.Client {
	t.Helper()
	cfg := llm.Config{
		BaseURL:     srv.URL(),
		ChatModel:   "test-chat",
		EmbedModel:  "test-embed",
		Timeout:     5 * time.Second,
		BaseBackoff: time.Millisecond,
		MaxBackoff:  2 * time.Millisecond,
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := llm.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// newServer starts an llmtest server closed at the end of the test.
func newServer(t testing.TB, opts ...llmtest.Option) *llmtest.Server {
	t.Helper()
	srv := llmtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// wantRequests fails t unless srv has had n requests at ep.
func wantRequests(t testing.TB, srv *llmtest.Server, ep llmtest.Endpoint, n int) {
	t.Helper()
	if got := srv.Requests(ep); got != n {
		t.Fatalf("%d requests, want %d", got, n)
	}
}

func texts(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "article number " + string(rune('a'+i%26)) + " about topic " + string(rune('A'+i/26%26))
	}
	return out
}
