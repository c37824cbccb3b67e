package llm_test

import (
	"errors"
	"testing"

	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

func TestChat(t *testing.T) {
	seen := make(chan llmtest.ChatRequest, 1)
	srv := newServer(t, llmtest.WithAPIKey("sk-test"), llmtest.WithResponder(func(r llmtest.ChatRequest) llmtest.Reply {
		seen <- r
		return llmtest.Reply{Text: "It said X [1].", Usage: &llmtest.Usage{PromptTokens: 11, CompletionTokens: 4}}
	}))
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.APIKey = "sk-test" })
	text, usage, err := c.Chat(t.Context(), question, llm.ChatOptions{Temperature: llm.ZeroTemperature, MaxTokens: 50})
	if err != nil {
		t.Fatal(err)
	}
	if text != "It said X [1]." || usage != (llm.Usage{PromptTokens: 11, CompletionTokens: 4}) {
		t.Fatalf("text %q usage %+v", text, usage)
	}
	r := <-seen
	if r.Stream || r.Model != "test-chat" || len(r.Messages) != 2 || r.Messages[0].Role != "system" || r.MaxTokens != 50 {
		t.Fatalf("request %+v", r)
	}
	if r.Temperature == nil || *r.Temperature > 1e-6 {
		t.Fatalf("ZeroTemperature not sent as ~0: %v", r.Temperature)
	}
}

func TestChatDefaultOptionsOmitted(t *testing.T) {
	seen := make(chan llmtest.ChatRequest, 1)
	srv := newServer(t, llmtest.WithResponder(func(r llmtest.ChatRequest) llmtest.Reply { seen <- r; return llmtest.Reply{Text: "x"} }))
	c := newClient(t, srv, nil)
	if _, _, err := c.Chat(t.Context(), question, llm.ChatOptions{}); err != nil {
		t.Fatal(err)
	}
	if r := <-seen; r.Temperature != nil || r.MaxTokens != 0 {
		t.Fatalf("zero options sent: %+v", r)
	}
}

func TestChatRetriesAndErrors(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Chat, llmtest.ServerError(), llmtest.RateLimited(0))
	srv.QueueReplies(llmtest.Reply{Text: "ok"})
	c := newClient(t, srv, nil)
	if text, _, err := c.Chat(t.Context(), question, llm.ChatOptions{}); err != nil || text != "ok" {
		t.Fatalf("text %q err %v", text, err)
	}
	wantRequests(t, srv, llmtest.Chat, 3)

	srv.QueueFaults(llmtest.Chat, llmtest.MalformedJSON())
	if _, _, err := c.Chat(t.Context(), question, llm.ChatOptions{}); err == nil {
		t.Fatal("no error for a malformed body")
	}

	srv.QueueFaults(llmtest.Chat, llmtest.RateLimited(0), llmtest.RateLimited(0))
	lim := newClient(t, srv, func(cfg *llm.Config) { cfg.MaxRetries = 1 })
	if _, _, err := lim.Chat(t.Context(), question, llm.ChatOptions{}); !errors.Is(err, llm.ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
}

func TestChatRejectsBadInput(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, nil)
	for _, msgs := range [][]llm.Message{nil, {{Role: "tool", Content: "x"}}} {
		if _, _, err := c.Chat(t.Context(), msgs, llm.ChatOptions{}); err == nil {
			t.Errorf("%v: no error", msgs)
		}
		if _, _, err := c.ChatStream(t.Context(), msgs, llm.ChatOptions{}, nil); err == nil {
			t.Errorf("%v: no stream error", msgs)
		}
	}
	if n := srv.Requests(llmtest.Chat); n != 0 {
		t.Fatalf("%d requests for invalid input", n)
	}
}
