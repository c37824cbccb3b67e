package llm

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Client talks to one OpenAI-compatible API. It is safe for concurrent use.
type Client struct {
	cfg Config
	api *openai.Client
	log *slog.Logger

	// dim is the embedding dimension learned from the first response, 0
	// before.
	dim atomic.Int64
	// noStreamUsage is set once the server rejected stream_options.
	noStreamUsage atomic.Bool
}

// New validates cfg, fills in defaults and returns a Client. It makes no
// request and never logs the API key.
func New(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("llm config: %w", err)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = defaultHTTPClient(cfg)
	} else if hc.Timeout > 0 {
		cfg.Logger.Warn("llm: HTTPClient.Timeout bounds whole chat streams; prefer Config.Timeout",
			"http_client_timeout", hc.Timeout)
	}
	oc := openai.DefaultConfig(cfg.APIKey) // an empty key sends no Authorization header
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = headerDoer{client: hc}
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc), log: cfg.Logger}, nil
}

// defaultHTTPClient bounds connecting and waiting for response headers but,
// unlike http.Client.Timeout, not reading the body: streams may run long and
// are policed by the idle timeout in ChatStream instead.
func defaultHTTPClient(cfg Config) *http.Client {
	dialTimeout := min(cfg.Timeout, 30*time.Second)
	t := &http.Transport{Proxy: http.ProxyFromEnvironment, ForceAttemptHTTP2: true, IdleConnTimeout: 90 * time.Second}
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		t = dt.Clone()
	}
	t.DialContext = (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = dialTimeout
	t.ResponseHeaderTimeout = cfg.Timeout
	t.MaxIdleConnsPerHost = cfg.EmbedConcurrency + 4
	return &http.Client{Transport: t}
}

// EmbedderID names the embedding space, "openai:" + the embedding model, for
// storing next to vectors. The dimension is reported by [Client.Dimension].
func (c *Client) EmbedderID() string { return "openai:" + c.cfg.EmbedModel }

// Dimension returns the embedding dimension learned from the first
// successful embeddings response, or 0 before one.
func (c *Client) Dimension() int { return int(c.dim.Load()) }
