package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/metrics"
	"github.com/footnote-bot/footnote/retrieval"
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

// llmClient builds the model client from the configuration, or returns nil
// when no endpoint is configured or --offline is set.
func (e *env) llmClient() (*llm.Client, error) {
	if !e.cfg.ModelConfigured() {
		return nil, nil
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
	return c, nil
}

// Answerer answers and summarises, with the model when one is configured
// and extractively otherwise. The bot and the command line share it.
type Answerer struct {
	Engine *answer.Engine
	Gen    *answer.Generator // nil when offline
	// Index is the index the answerer started with; Live, when set, holds
	// the one in use as the corpus changes.
	Index *retrieval.Index
	Live  *retrieval.Live
}

// Current returns the index answers are drawn from now.
func (a *Answerer) Current() *retrieval.Index {
	if a.Live != nil {
		return a.Live.Index()
	}
	return a.Index
}

// Ask answers q (with earlier turns of a conversation, if any). A follow-up
// is first made standalone, by the model when there is one (the offline
// resolver is its fallback), and the answer carries that reading in
// StandaloneQuestion when it differs from q.
func (a *Answerer) Ask(ctx context.Context, q string, history []answer.Turn, k int, onDelta func(string)) (*answer.Answer, error) {
	var standalone string
	if a.Gen != nil {
		standalone = a.Gen.Condense(ctx, q, history)
	} else {
		standalone = answer.CondenseOffline(q, history)
	}
	var ans *answer.Answer
	var err error
	if a.Gen != nil {
		ans, err = a.Gen.Ask(ctx, standalone, nil, answer.Options{K: k}, onDelta)
	} else {
		ans, err = a.Engine.Ask(ctx, standalone, answer.Options{K: k})
	}
	if err != nil {
		return nil, err
	}
	ans.Question = q
	if !sameQuestion(standalone, q) {
		ans.StandaloneQuestion = standalone
	}
	return ans, nil
}

// sameQuestion reports whether two questions differ only in case, accents,
// spacing or punctuation (a model echoing a question that stood alone).
func sameQuestion(a, b string) bool {
	norm := func(s string) string {
		var words []string
		for _, t := range lang.Tokenize(s) {
			words = append(words, t.Text)
		}
		return strings.Join(words, " ")
	}
	return norm(a) == norm(b)
}

// Summarize summarises the corpus.
func (a *Answerer) Summarize(ctx context.Context, opts answer.SummaryOptions, onDelta func(string)) (*answer.Summary, error) {
	if a.Gen != nil {
		return a.Gen.Summarize(ctx, opts, onDelta)
	}
	return a.Engine.Summarize(ctx, opts)
}
