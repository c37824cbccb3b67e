package llm

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"
)

// Defaults applied by [New] to zero-valued [Config] fields.
const (
	DefaultBaseURL          = "https://api.openai.com/v1"
	DefaultChatModel        = "gpt-4o-mini"
	DefaultEmbedModel       = "text-embedding-3-small"
	DefaultEmbedBatch       = 96
	MaxEmbedBatch           = 2048
	DefaultEmbedConcurrency = 4
	DefaultTimeout          = 60 * time.Second
	DefaultMaxRetries       = 4
	DefaultBaseBackoff      = 500 * time.Millisecond
	DefaultMaxBackoff       = 20 * time.Second
)

// Config configures a [Client]. The zero value of every field means "use the
// default"; [New] validates the result.
type Config struct {
	// BaseURL is the API root including the version segment, e.g.
	// "https://api.openai.com/v1" (default) or "http://localhost:11434/v1"
	// for Ollama. It must be an absolute http or https URL.
	BaseURL string
	// APIKey is sent as "Authorization: Bearer KEY". It may be empty for
	// servers that need none (Ollama, vLLM, LM Studio); then no
	// Authorization header is sent at all. It is never logged.
	APIKey string
	// ChatModel defaults to "gpt-4o-mini".
	ChatModel string
	// EmbedModel defaults to "text-embedding-3-small".
	EmbedModel string
	// EmbedBatch is the number of inputs per embeddings request: default 96,
	// at most 2048 (OpenAI's limit).
	EmbedBatch int
	// EmbedConcurrency bounds the embeddings requests in flight for one
	// Embed call; default 4.
	EmbedConcurrency int
	// Timeout bounds one HTTP attempt; default 60s. For Embed and Chat it
	// covers the whole request and response. For ChatStream it is an idle
	// timeout: the wait for the first event and then between two events,
	// never the length of the whole stream.
	Timeout time.Duration
	// MaxRetries is the number of retries after the first attempt: default 4;
	// a negative value disables retries.
	MaxRetries int
	// BaseBackoff is the backoff ceiling before the first retry, doubled for
	// every further retry up to MaxBackoff; default 500ms. The actual wait is
	// drawn uniformly from [0, ceiling] ("full jitter").
	BaseBackoff time.Duration
	// MaxBackoff caps the jittered backoff; default 20s. It does not cap a
	// server's Retry-After, which is honoured as sent (the context deadline
	// still applies).
	MaxBackoff time.Duration
	// HTTPClient is optional. The default has dial, TLS-handshake and
	// response-header timeouts but no overall Client.Timeout, so that long
	// streams are not cut. A supplied client with Timeout set bounds whole
	// streams too.
	HTTPClient *http.Client
	// Logger receives retry warnings and debug lines; nil discards them.
	Logger *slog.Logger
}

// String describes the configuration with the API key redacted, so that
// printing a Config with %v or %+v never leaks the key.
func (c Config) String() string {
	return fmt.Sprintf("llm.Config{BaseURL:%q APIKey:%s ChatModel:%q EmbedModel:%q EmbedBatch:%d EmbedConcurrency:%d Timeout:%s MaxRetries:%d BaseBackoff:%s MaxBackoff:%s}",
		c.BaseURL, redact(c.APIKey), c.ChatModel, c.EmbedModel, c.EmbedBatch, c.EmbedConcurrency,
		c.Timeout, c.MaxRetries, c.BaseBackoff, c.MaxBackoff)
}

// GoString is like String, for %#v.
func (c Config) GoString() string { return c.String() }

// LogValue makes slog print the configuration with the API key redacted.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", c.BaseURL),
		slog.String("api_key", redact(c.APIKey)),
		slog.String("chat_model", c.ChatModel),
		slog.String("embed_model", c.EmbedModel),
		slog.Int("embed_batch", c.EmbedBatch),
		slog.Int("embed_concurrency", c.EmbedConcurrency),
		slog.Duration("timeout", c.Timeout),
		slog.Int("max_retries", c.MaxRetries),
	)
}

func redact(key string) string {
	if key == "" {
		return "(none)"
	}
	return "(redacted)"
}

// withDefaults returns c with zero fields set to their defaults.
func (c Config) withDefaults() Config {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	if c.ChatModel == "" {
		c.ChatModel = DefaultChatModel
	}
	if c.EmbedModel == "" {
		c.EmbedModel = DefaultEmbedModel
	}
	if c.EmbedBatch == 0 {
		c.EmbedBatch = DefaultEmbedBatch
	}
	if c.EmbedConcurrency == 0 {
		c.EmbedConcurrency = DefaultEmbedConcurrency
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	switch {
	case c.MaxRetries == 0:
		c.MaxRetries = DefaultMaxRetries
	case c.MaxRetries < 0:
		c.MaxRetries = 0
	}
	if c.BaseBackoff == 0 {
		c.BaseBackoff = DefaultBaseBackoff
	}
	if c.MaxBackoff == 0 {
		c.MaxBackoff = DefaultMaxBackoff
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// validate reports every problem of a defaulted configuration at once.
func (c Config) validate() error {
	var errs []error
	if u, err := url.Parse(c.BaseURL); err != nil {
		errs = append(errs, fmt.Errorf("base url: %w", err))
	} else if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("base url %q: want an absolute http or https URL", c.BaseURL))
	}
	if c.EmbedBatch < 1 || c.EmbedBatch > MaxEmbedBatch {
		errs = append(errs, fmt.Errorf("embed batch %d: want 1..%d", c.EmbedBatch, MaxEmbedBatch))
	}
	if c.EmbedConcurrency < 1 {
		errs = append(errs, fmt.Errorf("embed concurrency %d: want at least 1", c.EmbedConcurrency))
	}
	if c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("timeout %s: must not be negative", c.Timeout))
	}
	if c.BaseBackoff < 0 || c.MaxBackoff < 0 {
		errs = append(errs, fmt.Errorf("backoff %s/%s: must not be negative", c.BaseBackoff, c.MaxBackoff))
	}
	return errors.Join(errs...)
}
