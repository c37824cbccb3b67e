// Package config is footnote's one typed configuration: defaults, then an
// optional TOML or YAML file (Load), then the environment (with _FILE
// variants for secrets), then command-line flags.
// Validate reports every problem at once, and secrets never leave the
// package unredacted.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is footnote's configuration.
type Config struct {
	// CorpusDir is the folder of articles; empty means the built-in article
	// plus whatever `footnote ingest` added under DataDir/corpus.
	CorpusDir string
	// DataDir keeps what cannot be rebuilt: the articles added to the
	// built-in corpus and the votes and pins database.
	DataDir string
	// CacheDir keeps the rebuildable index; empty means the default (see
	// IndexRoot).
	CacheDir string
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
	// MaxLoadedCorpora bounds the servers' corpora `serve` keeps in memory
	// at once (see library.Guilds).
	MaxLoadedCorpora int

	FetchTimeout      time.Duration
	FetchMaxBytes     int64
	AllowPrivateFetch bool

	DiscordToken   string
	DiscordGuildID string
	DiscordAPIURL  string
	// IngestRole names a Discord role whose members may add and remove
	// articles, besides those with Manage Server.
	IngestRole string
	// MessageContent asks Discord for the privileged message content
	// intent, so follow-ups in threads need no mention.
	MessageContent bool

	// ShardID is the gateway shard this process runs; ShardCount is how many
	// there are, a number or "auto" (see Sharding).
	ShardID    int
	ShardCount string
	// DatabaseURL is a Postgres URL for state shared across shards; empty
	// keeps state in SQLite under DataDir.
	DatabaseURL string

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

// IndexRoot is the folder the rebuildable index is kept under: CacheDir
// when set; else the user cache folder when DataDir is the default; else
// DataDir itself, so that a data folder chosen by hand (a container's
// /data volume, a test's temporary folder) keeps everything in one place.
func (c *Config) IndexRoot() string {
	switch {
	case c.CacheDir != "":
		return c.CacheDir
	case c.DataDir == DefaultDataDir():
		return DefaultCacheDir()
	}
	return c.DataDir
}

// FromEnv returns the defaults overridden by the environment. A secret may
// instead be read from the file named by its variable with _FILE appended.
// It reads no configuration file; Load and FromEnvAndFile do.
func FromEnv(getenv func(string) string) (Config, error) {
	c := Default()
	err := applyEnv(&c, getenv)
	return c, err
}

// applyEnv overrides c with every variable set (non-empty) in the
// environment.
func applyEnv(c *Config, getenv func(string) string) error {
	var errs []error
	for _, f := range fields {
		v := getenv(f.env)
		if f.secret {
			if p := getenv(f.env + "_FILE"); p != "" {
				if v != "" {
					errs = append(errs, fmt.Errorf("%s and %s_FILE are both set; set one", f.env, f.env))
					continue
				}
				s, err := readSecret(p)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s_FILE: %w", f.env, err))
					continue
				}
				v = s
			}
		}
		if v == "" {
			continue
		}
		if err := f.set(c, v); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %w", f.env, redact(f, v), err))
		}
	}
	return errors.Join(errs...)
}

// readSecret reads a secret from a file, without the surrounding space a
// trailing newline leaves.
func readSecret(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// Validate reports every problem of the configuration, each naming its
// variable and what would be valid. Each setting's rule sits beside it in
// the field table (fields.go).
func (c *Config) Validate() error {
	var errs []error
	for _, f := range fields {
		if f.check == nil {
			continue
		}
		if msg := f.check(c); msg != "" {
			errs = append(errs, &FieldError{Env: f.env, Msg: msg})
		}
	}
	return errors.Join(errs...)
}

// FieldError is one problem Validate found, with the variable it is about,
// so a command line can name the flag that set it instead.
type FieldError struct {
	Env string // the setting's environment variable, like FOOTNOTE_K
	Msg string // what is wrong and what would be valid
}

func (e *FieldError) Error() string { return e.Env + ": " + e.Msg }

// Sharding returns the number of gateway shards: n, or auto when Discord's
// recommended count is to be used (n is then 0).
func (c *Config) Sharding() (n int, auto bool, err error) {
	v := strings.TrimSpace(c.ShardCount)
	if strings.EqualFold(v, "auto") {
		return 0, true, nil
	}
	n, err = strconv.Atoi(v)
	if err != nil {
		return 0, false, fmt.Errorf("%q is not a number of shards or auto", c.ShardCount)
	}
	if n < 1 {
		return 0, false, fmt.Errorf("%d is too small; use at least 1, or auto", n)
	}
	return n, false, nil
}

// checkDatabaseURL checks a Postgres connection string, a URL or
// keyword=value settings, without repeating it (it may hold a password).
func checkDatabaseURL(v string) error {
	if strings.Contains(v, "://") {
		u, err := url.Parse(v)
		if err != nil {
			return errors.New("is not a valid URL; use postgres://user:password@host:5432/db (percent-encode special characters in the password)")
		}
		if u.Scheme != "postgres" && u.Scheme != "postgresql" {
			return fmt.Errorf("scheme %q is not postgres or postgresql; leave it empty for SQLite in the data folder", u.Scheme)
		}
		if u.Host == "" && !strings.Contains(u.RawQuery, "host=") {
			return errors.New("names no host; use postgres://user:password@host:5432/db")
		}
		return nil
	}
	for _, kv := range strings.Fields(v) {
		if !strings.Contains(kv, "=") {
			return errors.New("is neither a postgres:// URL nor keyword=value settings like host=db dbname=footnote")
		}
	}
	return nil
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
