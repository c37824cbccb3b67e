package llmtest

import (
	"context"
	"strings"
	"time"
	"unicode"
)

// Message is one chat message as received.
type Message struct {
	Role    string
	Content string // text parts of a multi-part content joined with "\n"
}

// ChatRequest is a chat completion request as received, handed to the
// responder so tests can look at the prompt.
type ChatRequest struct {
	Model        string
	Messages     []Message
	Stream       bool
	IncludeUsage bool     // stream_options.include_usage
	Temperature  *float64 // nil when not sent
	MaxTokens    int      // max_tokens, or else max_completion_tokens; 0 when not sent
	Body         []byte   // the raw JSON body
}

// LastUser returns the content of the last "user" message, or "".
func (r ChatRequest) LastUser() string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == "user" {
			return r.Messages[i].Content
		}
	}
	return ""
}

// Usage is the token usage a reply reports.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// Reply scripts one chat answer.
type Reply struct {
	// Text is the answer. When streaming it is sent in the chunks given by
	// Tokens(Text), unless Chunks is set.
	Text string
	// Chunks, if not nil, is the exact split of a streamed answer (and, joined,
	// the text of a non-streamed one); Text is then ignored.
	Chunks []string
	// ChunkDelay is waited before each streamed content chunk.
	ChunkDelay time.Duration
	// BeforeChunk, if set, is called before content chunk i (0-based) is
	// written, after ChunkDelay; it may block until ctx ends (the client
	// left or the server closed) to hold the stream.
	BeforeChunk func(ctx context.Context, i int)
	// FinishReason defaults to "stop".
	FinishReason string
	// Usage defaults to the number of words in the messages as prompt
	// tokens and the number of chunks as completion tokens. Streams send it
	// only when the request asked with stream_options.include_usage.
	Usage *Usage
	// Fault makes this reply's response misbehave (see Fault); it applies
	// after any fault queued for the endpoint.
	Fault Fault
}

// chunks returns the streamed pieces of r.
func (r Reply) chunks() []string {
	if r.Chunks != nil {
		return r.Chunks
	}
	return Tokens(r.Text)
}

// Tokens splits text into word-like tokens, each carrying the whitespace
// before it, so that joining them gives text back:
// "Hello, big world" → ["Hello,", " big", " world"].
func Tokens(text string) []string {
	var out []string
	start := 0
	prevSpace := false
	for i, r := range text {
		space := unicode.IsSpace(r)
		if i > start && space && !prevSpace {
			out = append(out, text[start:i])
			start = i
		}
		prevSpace = space
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// echo is the default reply: "echo: " and the last user message.
func echo(req ChatRequest) Reply {
	return Reply{Text: "echo: " + req.LastUser()}
}

// nextReply pops a queued reply, else asks the responder, else echoes.
func (s *Server) nextReply(req ChatRequest) Reply {
	s.mu.Lock()
	if len(s.replies) > 0 {
		r := s.replies[0]
		s.replies = s.replies[1:]
		s.mu.Unlock()
		return r
	}
	fn := s.responder
	s.mu.Unlock()
	if fn == nil {
		fn = echo
	}
	return fn(req)
}

// promptWords counts the words of all messages, the default prompt usage.
func promptWords(msgs []Message) int {
	n := 0
	for _, m := range msgs {
		n += len(strings.Fields(m.Content))
	}
	return n
}
