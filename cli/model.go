package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/metrics"
)

// chatModel adapts the llm client to answer.ChatModel, counting tokens and
// errors.
type chatModel struct {
	c *llm.Client
	m *metrics.Metrics
}

func (m chatModel) Stream(ctx context.Context, system, user string, onDelta func(string)) (string, error) {
	text, u, err := m.c.ChatStream(ctx, messages(system, user), llm.ChatOptions{Temperature: 0.1}, onDelta)
	m.count(u, err)
	return text, err
}

func (m chatModel) Complete(ctx context.Context, system, user string) (string, error) {
	text, u, err := m.c.Chat(ctx, messages(system, user), llm.ChatOptions{Temperature: 0.1, MaxTokens: 200})
	m.count(u, err)
	return text, err
}

func (m chatModel) count(u llm.Usage, err error) {
	m.m.Tokens(u.PromptTokens, u.CompletionTokens)
	if err != nil {
		m.m.ModelError(errorKind(err))
	}
}

// errorKind sorts a model error for the errors counter.
func errorKind(err error) string {
	var se *llm.StatusError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return metrics.ModelErrorTimeout
	case errors.Is(err, llm.ErrRateLimited):
		return metrics.ModelErrorRateLimited
	case errors.As(err, &se) && se.StatusCode >= 500:
		return metrics.ModelErrorServer
	case errors.As(err, &se):
		return metrics.ModelErrorRequest
	}
	return metrics.ModelErrorOther
}

func messages(system, user string) []llm.Message {
	return []llm.Message{{Role: "system", Content: system}, {Role: "user", Content: user}}
}

// apiEmbedder adapts the llm client to retrieval.Embedder.
type apiEmbedder struct {
	c     *llm.Client
	m     *metrics.Metrics
	batch int
}

func (e apiEmbedder) ID() string { return e.c.EmbedderID() }
func (e apiEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	for n := 0; n < len(texts); n += max(e.batch, 1) {
		e.m.EmbeddingRequest()
	}
	return e.c.Embed(ctx, texts)
}

// llmClient returns the process's one model client, built from the
// configuration on first use, or nil when no endpoint is configured or
// --offline is set. Embeddings, answers and every reload share it (and its
// HTTP transport).
func (e *env) llmClient() (*llm.Client, error) {
	if !e.cfg.ModelConfigured() {
		return nil, nil
	}
	if e.client != nil {
		return e.client, nil
	}
	c, err := llm.New(llm.Config{
		BaseURL:          e.cfg.OpenAIBaseURL,
		APIKey:           e.cfg.OpenAIAPIKey,
		ChatModel:        e.cfg.ChatModel,
		EmbedModel:       e.cfg.EmbedModel,
		EmbedBatch:       e.cfg.EmbedBatch,
		EmbedConcurrency: e.cfg.EmbedConcurrency,
		Timeout:          e.cfg.ModelTimeout,
		Logger:           e.log,
	})
	if err != nil {
		return nil, fmt.Errorf("model endpoint: %w", err)
	}
	e.client = c
	return c, nil
}
