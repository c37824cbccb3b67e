package llm_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

var question = []llm.Message{
	{Role: "system", Content: "Answer with citations."},
	{Role: "user", Content: "What did the article say?"},
}

func TestChatStreamDeltasInOrder(t *testing.T) {
	srv := newServer(t)
	chunks := []string{"The", " article", " says", " [1]", "."}
	srv.QueueReplies(llmtest.Reply{Chunks: chunks})
	c := newClient(t, srv, nil)

	var got []string
	text, usage, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, func(d string) { got = append(got, d) })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, chunks) || text != strings.Join(chunks, "") {
		t.Fatalf("deltas %q text %q", got, text)
	}
	if usage != (llm.Usage{PromptTokens: 8, CompletionTokens: 5}) {
		t.Fatalf("usage %+v", usage)
	}
	recs := srv.Records(llmtest.Chat)
	var body struct {
		Stream        bool `json:"stream"`
		StreamOptions struct {
			IncludeUsage bool `json:"include_usage"`
		} `json:"stream_options"`
		Messages []struct{ Role, Content string } `json:"messages"`
	}
	if err := json.Unmarshal(recs[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	if !body.Stream || !body.StreamOptions.IncludeUsage || len(body.Messages) != 2 || body.Messages[1].Content != question[1].Content {
		t.Fatalf("request body %s", recs[0].Body)
	}
	if h := recs[0].Header.Get("Authorization"); h != "" {
		t.Fatalf("empty key sent Authorization %q", h)
	}
}

// TestChatStreamNoBuffering makes the server write chunk i+1 only after the
// callback has received chunk i: a client that buffered deltas would
// deadlock (and fail on the context deadline).
func TestChatStreamNoBuffering(t *testing.T) {
	srv := newServer(t)
	received := make(chan string, 10)
	srv.QueueReplies(llmtest.Reply{
		Chunks: []string{"a", "b", "c", "d"},
		BeforeChunk: func(ctx context.Context, i int) {
			if i == 0 {
				return
			}
			select {
			case <-received:
			case <-ctx.Done():
			}
		},
	})
	c := newClient(t, srv, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	text, _, err := c.ChatStream(ctx, question, llm.ChatOptions{}, func(d string) { received <- d })
	if err != nil || text != "abcd" {
		t.Fatalf("text %q err %v", text, err)
	}
}

func TestChatStreamCutMidway(t *testing.T) {
	srv := newServer(t)
	srv.QueueReplies(llmtest.Reply{Text: "one two three four five", Fault: llmtest.CutStream(2)})
	c := newClient(t, srv, nil)
	var deltas []string
	text, _, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, func(d string) { deltas = append(deltas, d) })
	if !errors.Is(err, llm.ErrStreamInterrupted) {
		t.Fatalf("err = %v, want ErrStreamInterrupted", err)
	}
	if text != "one two" || strings.Join(deltas, "") != text {
		t.Fatalf("partial text %q, deltas %q", text, deltas)
	}
	if n := srv.Requests(llmtest.Chat); n != 1 {
		t.Fatalf("requests %d: a stream that delivered tokens must not be retried", n)
	}
	t.Logf("error: %v", err)
}

func TestChatStreamCutBeforeFirstTokenRetried(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Chat, llmtest.CutStream(0))
	srv.QueueReplies(llmtest.Reply{Text: "lost"}, llmtest.Reply{Text: "fine"})
	c := newClient(t, srv, nil)
	text, _, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, nil)
	if err != nil || text != "fine" {
		t.Fatalf("text %q err %v", text, err)
	}
}

func TestChatStreamMalformedJSON(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Chat, llmtest.MalformedJSON())
	c := newClient(t, srv, nil)
	text, _, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, nil)
	if err == nil || errors.Is(err, llm.ErrStreamInterrupted) || text != "" {
		t.Fatalf("text %q err %v", text, err)
	}
	wantRequests(t, srv, llmtest.Chat, 1)
	t.Logf("error: %v", err)
}

func TestChatStreamRetriesBeforeFirstToken(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Chat, llmtest.RateLimited(0), llmtest.ServerError())
	srv.QueueReplies(llmtest.Reply{Text: "third time lucky"})
	c := newClient(t, srv, nil)
	text, _, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, nil)
	if err != nil || text != "third time lucky" {
		t.Fatalf("text %q err %v", text, err)
	}
	wantRequests(t, srv, llmtest.Chat, 3)
}

func TestChatStreamUnauthorized(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Chat, llmtest.Unauthorized())
	c := newClient(t, srv, nil)
	_, _, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, nil)
	if !errors.Is(err, llm.ErrUnauthorized) || srv.Requests(llmtest.Chat) != 1 {
		t.Fatalf("err = %v after %d requests", err, srv.Requests(llmtest.Chat))
	}
}

func TestChatStreamFirstByteTimeoutRetried(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Chat, llmtest.Hang())
	srv.QueueReplies(llmtest.Reply{Text: "ok"})
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.Timeout = 100 * time.Millisecond })
	text, _, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, nil)
	if err != nil || text != "ok" || srv.Requests(llmtest.Chat) != 2 {
		t.Fatalf("text %q err %v requests %d", text, err, srv.Requests(llmtest.Chat))
	}
}

// TestChatStreamIdleTimeoutIsPerGap streams for longer than Timeout in
// total, each gap being shorter; then stalls, which must interrupt it.
func TestChatStreamIdleTimeoutIsPerGap(t *testing.T) {
	srv := newServer(t)
	srv.QueueReplies(llmtest.Reply{Text: "a b c d e f g h", ChunkDelay: 40 * time.Millisecond})
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.Timeout = 200 * time.Millisecond })
	start := time.Now()
	text, _, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, nil)
	if err != nil || text != "a b c d e f g h" {
		t.Fatalf("text %q err %v", text, err)
	}
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Fatalf("stream took %s; it should outlast Timeout", d)
	}

	srv.QueueReplies(llmtest.Reply{Text: "a b c", BeforeChunk: func(ctx context.Context, i int) {
		if i == 1 {
			<-ctx.Done() // stall until the client gives up
		}
	}})
	text, _, err = c.ChatStream(t.Context(), question, llm.ChatOptions{}, nil)
	if !errors.Is(err, llm.ErrStreamInterrupted) || text != "a" {
		t.Fatalf("stalled stream: text %q err %v", text, err)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("an idle timeout must not look like the caller's deadline: %v", err)
	}
}

func TestChatStreamContextCancelledMidway(t *testing.T) {
	srv := newServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	srv.QueueReplies(llmtest.Reply{Text: "a b c", BeforeChunk: func(sctx context.Context, i int) {
		if i == 1 {
			<-sctx.Done()
		}
	}})
	c := newClient(t, srv, nil)
	text, _, err := c.ChatStream(ctx, question, llm.ChatOptions{}, func(string) { cancel() })
	if !errors.Is(err, llm.ErrStreamInterrupted) || !errors.Is(err, context.Canceled) || text != "a" {
		t.Fatalf("text %q err %v", text, err)
	}
}

func TestChatStreamWithoutStreamOptions(t *testing.T) {
	srv := newServer(t)
	srv.QueueFaults(llmtest.Chat, llmtest.Fault{Status: 400, Message: "Unrecognized request argument supplied: stream_options"})
	c := newClient(t, srv, nil)
	for range 2 {
		text, usage, err := c.ChatStream(t.Context(), question, llm.ChatOptions{}, nil)
		if err != nil || text == "" || usage != (llm.Usage{}) {
			t.Fatalf("text %q usage %+v err %v", text, usage, err)
		}
	}
	recs := srv.Records(llmtest.Chat)
	if len(recs) != 3 {
		t.Fatalf("requests %d, want 3", len(recs))
	}
	for i, r := range recs[1:] {
		if strings.Contains(string(r.Body), "stream_options") {
			t.Fatalf("request %d still sends stream_options", i+2)
		}
	}
}

func TestChatStreamContextDeadlineWhileHanging(t *testing.T) {
	srv := newServer(t)
	srv.SetFault(llmtest.Chat, &llmtest.Fault{Hang: true})
	c := newClient(t, srv, func(cfg *llm.Config) { cfg.Timeout = time.Minute })
	ctx, cancel := context.WithTimeout(t.Context(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := c.ChatStream(ctx, question, llm.ChatOptions{}, nil)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Fatalf("err = %v after %s", err, time.Since(start))
	}
}
