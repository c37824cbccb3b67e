package llmtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

type wireMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
}

type chatWireRequest struct {
	Model               string        `json:"model"`
	Messages            []wireMessage `json:"messages"`
	Stream              bool          `json:"stream"`
	Temperature         *float64      `json:"temperature"`
	MaxTokens           int           `json:"max_tokens"`
	MaxCompletionTokens int           `json:"max_completion_tokens"`
	StreamOptions       *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
}

type usageJSON struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

type deltaJSON struct {
	Role    string `json:"role,omitempty"`
	Content string `json:"content,omitempty"`
}

type chunkChoice struct {
	Index        int       `json:"index"`
	Delta        deltaJSON `json:"delta"`
	FinishReason *string   `json:"finish_reason"`
}

type chunkJSON struct {
	ID      string        `json:"id"`
	Object  string        `json:"object"`
	Created int64         `json:"created"`
	Model   string        `json:"model"`
	Choices []chunkChoice `json:"choices"`
	Usage   *usageJSON    `json:"usage,omitempty"`
}

type messageJSON struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type completionChoice struct {
	Index        int         `json:"index"`
	Message      messageJSON `json:"message"`
	FinishReason string      `json:"finish_reason"`
}

type completionJSON struct {
	ID      string             `json:"id"`
	Object  string             `json:"object"`
	Created int64              `json:"created"`
	Model   string             `json:"model"`
	Choices []completionChoice `json:"choices"`
	Usage   usageJSON          `json:"usage"`
}

// parseChat decodes and validates a chat request; msg explains a rejection.
func parseChat(body []byte) (req ChatRequest, msg string) {
	var wr chatWireRequest
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&wr); err != nil {
		return req, "malformed JSON body: " + err.Error()
	}
	if wr.Model == "" {
		return req, "you must provide a model parameter"
	}
	if len(wr.Messages) == 0 {
		return req, "messages must not be empty"
	}
	req = ChatRequest{
		Model:       wr.Model,
		Stream:      wr.Stream,
		Temperature: wr.Temperature,
		MaxTokens:   wr.MaxTokens,
		Body:        body,
	}
	if req.MaxTokens == 0 {
		req.MaxTokens = wr.MaxCompletionTokens
	}
	if wr.StreamOptions != nil {
		req.IncludeUsage = wr.StreamOptions.IncludeUsage
	}
	for i, m := range wr.Messages {
		content, ok := parseContent(m.Content)
		if !ok || m.Role == "" {
			return ChatRequest{}, fmt.Sprintf("messages[%d]: want a role and string or text-part content", i)
		}
		req.Messages = append(req.Messages, Message{Role: m.Role, Content: content})
	}
	return req, ""
}

// parseContent accepts a string, null, or an array of {"type","text"} parts.
func parseContent(raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &parts) != nil {
		return "", false
	}
	texts := make([]string, 0, len(parts))
	for _, p := range parts {
		if p.Type == "text" {
			texts = append(texts, p.Text)
		}
	}
	return strings.Join(texts, "\n"), true
}

// serveChat answers POST /v1/chat/completions.
func (s *Server) serveChat(w http.ResponseWriter, r *http.Request, c *call) {
	req, msg := parseChat(c.rec.Body)
	if msg != "" {
		c.writeError(w, http.StatusBadRequest, "invalid_request_error", "", msg)
		return
	}
	c.runHook()

	f := s.nextFault(Chat)
	if c.applyBefore(w, f) {
		return
	}
	var reply Reply
	if !f.Malformed {
		reply = s.nextReply(req)
		if c.applyBefore(w, reply.Fault) {
			return
		}
	}
	malformed := f.Malformed || reply.Fault.Malformed
	cut, cutAfter := f.Cut, f.CutAfter
	if !cut {
		cut, cutAfter = reply.Fault.Cut, reply.Fault.CutAfter
	}

	chunks := reply.chunks()
	usage := usageJSON{PromptTokens: promptWords(req.Messages), CompletionTokens: len(chunks)}
	if reply.Usage != nil {
		usage = usageJSON{PromptTokens: reply.Usage.PromptTokens, CompletionTokens: reply.Usage.CompletionTokens}
	}
	usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens
	finish := reply.FinishReason
	if finish == "" {
		finish = "stop"
	}
	id := fmt.Sprintf("chatcmpl-llmtest-%d", c.rec.Seq)

	if !req.Stream {
		if malformed {
			c.writeMalformed(w)
			return
		}
		c.writeJSON(w, completionJSON{
			ID: id, Object: "chat.completion", Created: time.Now().Unix(), Model: req.Model,
			Choices: []completionChoice{{
				Message:      messageJSON{Role: "assistant", Content: strings.Join(chunks, "")},
				FinishReason: finish,
			}},
			Usage: usage,
		}, cut)
		return
	}

	sse := &sseWriter{w: w, rc: http.NewResponseController(w), c: c}
	sse.start()
	base := chunkJSON{ID: id, Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: req.Model}
	if malformed {
		c.done()
		sse.raw(`{"id":"` + id + `","choices":[}}}`)
		return
	}
	if !sse.event(base, []chunkChoice{{Delta: deltaJSON{Role: "assistant"}}}, nil) {
		return
	}
	for i, tok := range chunks {
		if cut && i == cutAfter {
			sse.abort()
		}
		if !c.wait(reply.ChunkDelay) {
			return
		}
		if reply.BeforeChunk != nil {
			reply.BeforeChunk(c.ctx, i)
			if c.ctx.Err() != nil {
				return
			}
		}
		c.update(func(r *Record) { r.ChunkWrites = append(r.ChunkWrites, time.Now()) })
		if !sse.event(base, []chunkChoice{{Delta: deltaJSON{Content: tok}}}, nil) {
			return
		}
	}
	if cut {
		sse.abort()
	}
	if !sse.event(base, []chunkChoice{{Delta: deltaJSON{}, FinishReason: &finish}}, nil) {
		return
	}
	if req.IncludeUsage && !sse.event(base, []chunkChoice{}, &usage) {
		return
	}
	c.done()
	sse.raw("[DONE]")
}

// sseWriter writes server-sent events and flushes each one.
type sseWriter struct {
	w  http.ResponseWriter
	rc *http.ResponseController
	c  *call
}

func (s *sseWriter) start() {
	s.c.update(func(r *Record) { r.Status = http.StatusOK })
	h := s.w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	s.w.WriteHeader(http.StatusOK)
	_ = s.rc.Flush()
}

// event writes one chunk; false means the client is gone.
func (s *sseWriter) event(base chunkJSON, choices []chunkChoice, usage *usageJSON) bool {
	base.Choices, base.Usage = choices, usage
	data, err := json.Marshal(base)
	if err != nil {
		return false
	}
	return s.raw(string(data))
}

// raw writes "data: payload\n\n" and flushes; false means the client is gone.
func (s *sseWriter) raw(payload string) bool {
	if _, err := s.w.Write([]byte("data: " + payload + "\n\n")); err != nil {
		return false
	}
	return s.rc.Flush() == nil && s.c.ctx.Err() == nil
}

// abort drops the connection mid-stream, without [DONE].
func (s *sseWriter) abort() {
	s.c.done()
	_ = s.rc.Flush()
	panic(http.ErrAbortHandler)
}
