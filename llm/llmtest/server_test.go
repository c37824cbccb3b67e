package llmtest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// post sends body to srv's endpoint and returns status, headers and body.
func post(t *testing.T, srv *Server, ep Endpoint, body string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+"/"+string(ep), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return resp.StatusCode, resp.Header, b
}

func TestEmbeddingsStringAndArray(t *testing.T) {
	srv := NewServer(WithDimension(8))
	defer srv.Close()

	for _, body := range []string{
		`{"model":"m","input":"hello world"}`,
		`{"model":"m","input":["hello world","other text"]}`,
	} {
		code, _, b := post(t, srv, Embeddings, body)
		if code != 200 {
			t.Fatalf("%s: status %d: %s", body, code, b)
		}
		var resp struct {
			Data []struct {
				Index     int       `json:"index"`
				Embedding []float32 `json:"embedding"`
			} `json:"data"`
			Usage struct {
				PromptTokens int `json:"prompt_tokens"`
			} `json:"usage"`
		}
		if err := json.Unmarshal(b, &resp); err != nil {
			t.Fatal(err)
		}
		if len(resp.Data) == 0 || len(resp.Data[0].Embedding) != 8 || resp.Usage.PromptTokens == 0 {
			t.Fatalf("unexpected response %s", b)
		}
		if !slices.Equal(resp.Data[0].Embedding, Vector("hello world", 8)) {
			t.Fatalf("vector differs from Vector()")
		}
	}
	if got := srv.EmbeddingInputs(); !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("EmbeddingInputs = %v", got)
	}
}

func TestEmbeddingsValidation(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	for _, body := range []string{`{"model":"m","input":`, `{"input":"x"}`, `{"model":"m","input":[]}`, `{"model":"m","input":[1,2]}`, `{"model":"m","input":""}`} {
		code, _, b := post(t, srv, Embeddings, body)
		var e errorBody
		if code != 400 || json.Unmarshal(b, &e) != nil || e.Error.Message == "" || e.Error.Type != "invalid_request_error" {
			t.Errorf("%s: got %d %s, want 400 with OpenAI error", body, code, b)
		}
	}
}

func TestVectorSimilarity(t *testing.T) {
	cos := func(a, b []float32) float64 {
		var s float64
		for i := range a {
			s += float64(a[i]) * float64(b[i])
		}
		return s
	}
	a := Vector("the central bank raised interest rates", 64)
	b := Vector("central bank raises interest rates again", 64)
	c := Vector("football team wins the cup final", 64)
	if cos(a, b) <= cos(a, c) {
		t.Fatalf("similar texts not closer: %.3f vs %.3f", cos(a, b), cos(a, c))
	}
	if n := cos(a, a); math.Abs(n-1) > 1e-5 {
		t.Fatalf("not unit length: %f", n)
	}
}

func TestAuthAndFaults(t *testing.T) {
	srv := NewServer(WithAPIKey("k"))
	defer srv.Close()
	body := `{"model":"m","input":"x"}`
	if code, _, _ := post(t, srv, Embeddings, body); code != 401 {
		t.Fatalf("no key: status %d", code)
	}
	srv.QueueFaults(Embeddings, RateLimited(2*time.Second), ServerError(), MalformedJSON())
	code, h, _ := post(t, srv, Embeddings, body, "Authorization", "Bearer k")
	if code != 429 || h.Get("Retry-After") != "2" {
		t.Fatalf("got %d Retry-After %q", code, h.Get("Retry-After"))
	}
	if code, _, _ := post(t, srv, Embeddings, body, "Authorization", "Bearer k"); code != 500 {
		t.Fatalf("got %d, want 500", code)
	}
	code, _, b := post(t, srv, Embeddings, body, "Authorization", "Bearer k")
	if code != 200 || json.Valid(b) {
		t.Fatalf("got %d %s, want 200 with invalid JSON", code, b)
	}
	if code, _, _ := post(t, srv, Embeddings, body, "Authorization", "Bearer k"); code != 200 {
		t.Fatalf("after faults: %d", code)
	}
	if n := srv.Requests(Embeddings); n != 5 {
		t.Fatalf("Requests = %d", n)
	}
}

func TestHangEndsWhenClientLeaves(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.SetFault(Embeddings, &Fault{Hang: true})
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL()+"/embeddings", strings.NewReader(`{"model":"m","input":"x"}`))
	_, err := http.DefaultClient.Do(req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	// Close must not wait for the hung handler (the test would time out).
}

// readSSE returns the data payloads of a streamed response.
func readSSE(t *testing.T, r io.Reader) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			out = append(out, d)
		}
	}
	return out
}

func TestChatStreamFormat(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.QueueReplies(Reply{Text: "Hello big world"})
	seen := make(chan ChatRequest, 1)
	srv.SetResponder(func(r ChatRequest) Reply { seen <- r; return Reply{Text: "x"} })

	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+"/chat/completions",
		strings.NewReader(`{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi there"}]}`))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	events := readSSE(t, resp.Body)
	if events[len(events)-1] != "[DONE]" {
		t.Fatalf("last event %q", events[len(events)-1])
	}
	var text string
	var usage *usageJSON
	for _, e := range events[:len(events)-1] {
		var c chunkJSON
		if err := json.Unmarshal([]byte(e), &c); err != nil {
			t.Fatalf("event %q: %v", e, err)
		}
		if len(c.Choices) > 0 {
			text += c.Choices[0].Delta.Content
		}
		if c.Usage != nil {
			usage = c.Usage
		}
	}
	if text != "Hello big world" || usage == nil || usage.CompletionTokens != 3 || usage.PromptTokens != 2 {
		t.Fatalf("text %q usage %+v", text, usage)
	}
	if rec := srv.Records(Chat); len(rec) != 1 || len(rec[0].ChunkWrites) != 3 {
		t.Fatalf("records %+v", rec)
	}

	// The queue is empty now: the responder answers and sees the prompt.
	code, _, b := post(t, srv, Chat, `{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"q"}]}],"temperature":0.5}`)
	got := <-seen
	if code != 200 || got.LastUser() != "q" || got.Temperature == nil || *got.Temperature != 0.5 || !strings.Contains(string(b), `"content":"x"`) {
		t.Fatalf("got %d %s, request %+v", code, b, got)
	}
}

func TestChatStreamCut(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.QueueReplies(Reply{Text: "a b c d", Fault: CutStream(2)})
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+"/chat/completions",
		strings.NewReader(`{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}`))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("read err = %v, want unexpected EOF", err)
	}
	if strings.Contains(string(b), "[DONE]") || !strings.Contains(string(b), `" b"`) || strings.Contains(string(b), `" c"`) {
		t.Fatalf("body %s", b)
	}
}

func TestTokens(t *testing.T) {
	for in, want := range map[string][]string{
		"Hello, big world": {"Hello,", " big", " world"},
		" lead  double":    {" lead", "  double"},
		"":                 nil,
	} {
		if got := Tokens(in); !slices.Equal(got, want) || strings.Join(got, "") != in {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
	}
}
