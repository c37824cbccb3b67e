// Package config is footnote's one typed configuration: defaults, then the
// environment (with _FILE variants for secrets), then command-line flags.
// Validate reports every problem at once, and secrets never leave the
// package unredacted.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is footnote's configuration.
type Config struct {
	// CorpusDir is the folder of articles; empty means the built-in article
	// plus whatever `footnote ingest` added under DataDir/corpus.
	CorpusDir string
	// DataDir keeps the index, and the articles added to the built-in corpus.
	DataDir string
	// K is how many passages an answer retrieves and lists.
	K int
	// Offline forces extractive answers even when a model is configured.
	Offline bool

	OpenAIBaseURL    string
	OpenAIAPIKey     string
	ChatModel        string
	EmbedModel       string
	EmbedBatch       int
	EmbedConcurrency int
	// UseEmbeddings sends chunks to the API's embeddings endpoint; otherwise
	// the local embedder is used even with a chat model.
	UseEmbeddings bool
	ModelTimeout  time.Duration

	// WatchInterval is how often the corpus folder is checked for changes
	// while the bot runs.
	WatchInterval time.Duration

	FetchTimeout      time.Duration
	FetchMaxBytes     int64
	AllowPrivateFetch bool

	DiscordToken   string
	DiscordGuildID string
	DiscordAPIURL  string
	// MessageContent asks Discord for the privileged message content
	// intent, so follow-ups in threads need no mention.
	MessageContent bool

	HTTPAddr  string
	LogLevel  string
	LogFormat string
}

// ModelConfigured reports whether a language model endpoint was set up.
func (c *Config) ModelConfigured() bool {
	return !c.Offline && (c.OpenAIAPIKey != "" || c.OpenAIBaseURL != "")
}

// Default returns the configuration with nothing set.
func Default() Config {
	c := Config{}
	for _, f := range fields {
		if err := f.set(&c, f.def); err != nil {
			panic(fmt.Sprintf("config: default of %s: %v", f.env, err))
		}
	}
	return c
}

// DefaultDataDir is the user's cache folder for footnote, or ./footnote-data
// when the system has none.
func DefaultDataDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "footnote")
	}
	return "footnote-data"
}

// FromEnv returns the defaults overridden by the environment. A secret may
// instead be read from the file named by its variable with _FILE appended.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	var errs []error
	for _, f := range fields {
		v := getenv(f.env)
		if f.secret {
			if p := getenv(f.env + "_FILE"); p != "" {
				if v != "" {
					errs = append(errs, fmt.Errorf("%s and %s_FILE are both set; set one", f.env, f.env))
					continue
				}
				b, err := os.ReadFile(p)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s_FILE: %w", f.env, err))
					continue
				}
				v = strings.TrimSpace(string(b))
			}
		}
		if v == "" {
			continue
		}
		if err := f.set(&c, v); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %w", f.env, redact(f, v), err))
		}
	}
	return c, errors.Join(errs...)
}

// Validate reports every problem of the configuration, each naming its
// variable and what would be valid.
func (c *Config) Validate() error {
	var errs []error
	bad := func(env, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", env, fmt.Sprintf(format, args...)))
	}
	if c.K < 1 || c.K > 50 {
		bad("FOOTNOTE_K", "%d is out of range; use 1 to 50", c.K)
	}
	if c.DataDir == "" {
		bad("FOOTNOTE_DATA_DIR", "must not be empty")
	}
	if c.OpenAIBaseURL != "" {
		if u, err := url.Parse(c.OpenAIBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("OPENAI_BASE_URL", "%q is not an http(s) URL like http://localhost:11434/v1", c.OpenAIBaseURL)
		}
	}
	if c.DiscordAPIURL != "" {
		if u, err := url.Parse(c.DiscordAPIURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("FOOTNOTE_DISCORD_API_URL", "%q is not an http(s) URL like https://discord.com/api/v10/", c.DiscordAPIURL)
		}
	}
	if c.EmbedBatch < 1 || c.EmbedBatch > 2048 {
		bad("FOOTNOTE_EMBED_BATCH", "%d is out of range; use 1 to 2048", c.EmbedBatch)
	}
	if c.EmbedConcurrency < 1 || c.EmbedConcurrency > 64 {
		bad("FOOTNOTE_EMBED_CONCURRENCY", "%d is out of range; use 1 to 64", c.EmbedConcurrency)
	}
	if c.ModelTimeout <= 0 {
		bad("FOOTNOTE_MODEL_TIMEOUT", "must be positive, like 60s")
	}
	if c.WatchInterval < 100*time.Millisecond {
		bad("FOOTNOTE_WATCH_INTERVAL", "%s is too short; use at least 100ms, like 2s", c.WatchInterval)
	}
	if c.FetchTimeout <= 0 {
		bad("FOOTNOTE_FETCH_TIMEOUT", "must be positive, like 20s")
	}
	if c.FetchMaxBytes < 1024 {
		bad("FOOTNOTE_FETCH_MAX_BYTES", "%d is too small; use at least 1024", c.FetchMaxBytes)
	}
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "error":
	default:
		bad("FOOTNOTE_LOG_LEVEL", "%q is not one of debug, info, warn, error", c.LogLevel)
	}
	switch strings.ToLower(c.LogFormat) {
	case "text", "json":
	default:
		bad("FOOTNOTE_LOG_FORMAT", "%q is not text or json", c.LogFormat)
	}
	if c.DiscordGuildID != "" {
		if _, err := strconv.ParseUint(c.DiscordGuildID, 10, 64); err != nil {
			bad("DISCORD_GUILD_ID", "%q is not a Discord id (digits only)", c.DiscordGuildID)
		}
	}
	return errors.Join(errs...)
}

// Setting is one configuration value as `footnote config` shows it.
type Setting struct {
	Env   string
	Value string
}

// Settings lists the effective configuration with secrets redacted.
func (c *Config) Settings() []Setting {
	out := make([]Setting, 0, len(fields))
	for _, f := range fields {
		out = append(out, Setting{Env: f.env, Value: redact(f, f.get(c))})
	}
	return out
}

func redact(f field, v string) string {
	if f.secret && v != "" {
		return "[redacted]"
	}
	return v
}
