package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/fetch"
	"github.com/footnote-bot/footnote/library"
	"github.com/footnote-bot/footnote/llm"
)

// field describes one setting: its variable, default, help and how to read
// and write it. The README's configuration table is generated from this list
// (Table), and the configuration file's keys are derived from it (fileKey),
// so none of them can drift.
type field struct {
	env    string
	def    string
	help   string
	secret bool
	kind   kind
	get    func(*Config) string
	set    func(*Config, string) error
	// check, when set, says what is wrong with the setting's value in a
	// Config ("" when nothing is); Validate runs every field's.
	check func(*Config) string
}

// with returns f with its validator.
func (f field) with(check func(*Config) string) field {
	f.check = check
	return f
}

// kind is the type of a setting's value, which decides what a configuration
// file may give for it.
type kind int

const (
	kindString kind = iota
	kindInt
	kindBool
	kindDuration
)

func (k kind) String() string {
	switch k {
	case kindInt:
		return "a whole number"
	case kindBool:
		return "true or false"
	case kindDuration:
		return `a duration string like "30s"`
	}
	return "a string"
}

// accessor reads and writes one field of a Config.
type accessor struct {
	kind kind
	get  func(*Config) string
	set  func(*Config, string) error
}

func str(p func(*Config) *string) accessor {
	return accessor{kindString,
		func(c *Config) string { return *p(c) },
		func(c *Config, v string) error { *p(c) = strings.TrimSpace(v); return nil }}
}

func integer(p func(*Config) *int) accessor {
	return parsed(kindInt, p, strconv.Itoa, strconv.Atoi, "not a whole number")
}

func integer64(p func(*Config) *int64) accessor {
	return parsed(kindInt, p,
		func(n int64) string { return strconv.FormatInt(n, 10) },
		func(v string) (int64, error) { return strconv.ParseInt(v, 10, 64) },
		"not a whole number")
}

func boolean(p func(*Config) *bool) accessor {
	return parsed(kindBool, p, strconv.FormatBool, strconv.ParseBool, "not true or false")
}

func duration(p func(*Config) *time.Duration) accessor {
	return parsed(kindDuration, p, time.Duration.String, time.ParseDuration, "not a duration like 30s or 2m")
}

// parsed is the accessor of a field of type T: get shows it with format,
// set parses the trimmed text with parse and, when parse refuses it,
// returns the error refusal ("not a whole number").
func parsed[T any](k kind, p func(*Config) *T, format func(T) string, parse func(string) (T, error), refusal string) accessor {
	return accessor{k,
		func(c *Config) string { return format(*p(c)) },
		func(c *Config, v string) error {
			x, err := parse(strings.TrimSpace(v))
			if err != nil {
				return errors.New(refusal)
			}
			*p(c) = x
			return nil
		}}
}

func mk(env, def, help string, secret bool, a accessor) field {
	return field{env: env, def: def, help: help, secret: secret, kind: a.kind, get: a.get, set: a.set}
}

var fields = []field{
	mk("FOOTNOTE_CORPUS_DIR", "", "Folder of articles (.md, .txt, .html). Empty: the built-in article plus those added with `footnote ingest`.", false,
		str(func(c *Config) *string { return &c.CorpusDir })),
	mk("FOOTNOTE_DATA_DIR", DefaultDataDir(), "Where added articles and the votes and pins database are kept (moved here from the cache folder on first start).", false,
		str(func(c *Config) *string { return &c.DataDir })).with(notEmpty(func(c *Config) string { return c.DataDir })),
	mk("FOOTNOTE_CACHE_DIR", "", "Where the rebuildable index is kept. Empty: the user cache folder + /footnote, or FOOTNOTE_DATA_DIR when that is set.", false,
		str(func(c *Config) *string { return &c.CacheDir })),
	mk("FOOTNOTE_K", strconv.Itoa(answer.DefaultK), "Passages retrieved and listed per answer.", false,
		integer(func(c *Config) *int { return &c.K })).with(within(func(c *Config) int { return c.K }, 1, 50)),
	mk("FOOTNOTE_OFFLINE", "false", "Always answer extractively, even with a model configured.", false,
		boolean(func(c *Config) *bool { return &c.Offline })),
	mk("OPENAI_BASE_URL", "", "OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio). Setting it or a key turns on generative answers.", false,
		str(func(c *Config) *string { return &c.OpenAIBaseURL })).with(httpURLLike(func(c *Config) string { return c.OpenAIBaseURL }, "http://localhost:11434/v1")),
	mk("OPENAI_API_KEY", "", "API key for the endpoint; may be empty for local servers.", true,
		str(func(c *Config) *string { return &c.OpenAIAPIKey })),
	mk("FOOTNOTE_CHAT_MODEL", llm.DefaultChatModel, "Chat model for answers and summaries.", false,
		str(func(c *Config) *string { return &c.ChatModel })),
	mk("FOOTNOTE_EMBED_MODEL", llm.DefaultEmbedModel, "Embedding model, used when FOOTNOTE_API_EMBEDDINGS is true.", false,
		str(func(c *Config) *string { return &c.EmbedModel })),
	mk("FOOTNOTE_API_EMBEDDINGS", "true", "With an endpoint configured, embed chunks through its API instead of the local embedder.", false,
		boolean(func(c *Config) *bool { return &c.UseEmbeddings })),
	mk("FOOTNOTE_EMBED_BATCH", strconv.Itoa(llm.DefaultEmbedBatch), "Texts per embeddings request (1 to 2048).", false,
		integer(func(c *Config) *int { return &c.EmbedBatch })).with(within(func(c *Config) int { return c.EmbedBatch }, 1, 2048)),
	mk("FOOTNOTE_EMBED_CONCURRENCY", strconv.Itoa(llm.DefaultEmbedConcurrency), "Embeddings requests in flight at once.", false,
		integer(func(c *Config) *int { return &c.EmbedConcurrency })).with(within(func(c *Config) int { return c.EmbedConcurrency }, 1, 64)),
	mk("FOOTNOTE_MODEL_TIMEOUT", durationText(llm.DefaultTimeout), "Deadline for one model call, retries included.", false,
		duration(func(c *Config) *time.Duration { return &c.ModelTimeout })).with(positive(func(c *Config) time.Duration { return c.ModelTimeout }, "60s")),
	mk("FOOTNOTE_WATCH_INTERVAL", durationText(library.DefaultWatchInterval), "How often `serve` checks the corpus folder for added, changed or removed articles.", false,
		duration(func(c *Config) *time.Duration { return &c.WatchInterval })).with(checkWatchInterval),
	mk("FOOTNOTE_MAX_LOADED_CORPORA", strconv.Itoa(library.DefaultMaxLoaded), "Servers' corpora `serve` keeps in memory at once (each server has its own articles); beyond it the least recently asked is evicted, as is one idle for 30 minutes.", false,
		integer(func(c *Config) *int { return &c.MaxLoadedCorpora })).with(within(func(c *Config) int { return c.MaxLoadedCorpora }, 1, 1000000)),
	mk("FOOTNOTE_FETCH_TIMEOUT", durationText(fetch.DefaultTimeout), "Deadline for fetching an article URL.", false,
		duration(func(c *Config) *time.Duration { return &c.FetchTimeout })).with(positive(func(c *Config) time.Duration { return c.FetchTimeout }, "20s")),
	mk("FOOTNOTE_FETCH_MAX_BYTES", strconv.Itoa(fetch.DefaultMaxBytes), "Largest article download, in bytes.", false,
		integer64(func(c *Config) *int64 { return &c.FetchMaxBytes })).with(checkFetchMaxBytes),
	mk("FOOTNOTE_ALLOW_PRIVATE_FETCH", "false", "Let ingest fetch loopback, private and link-local addresses.", false,
		boolean(func(c *Config) *bool { return &c.AllowPrivateFetch })),
	mk("DISCORD_TOKEN", "", "Bot token, for `footnote serve`.", true,
		str(func(c *Config) *string { return &c.DiscordToken })),
	mk("DISCORD_GUILD_ID", "", "Register slash commands on this server only (instant); empty registers them globally.", false,
		str(func(c *Config) *string { return &c.DiscordGuildID })).with(checkGuildID),
	mk("FOOTNOTE_DISCORD_API_URL", "", "Discord REST base URL (a REST proxy or a Discord-compatible server); empty is Discord's v10 API.", false,
		str(func(c *Config) *string { return &c.DiscordAPIURL })).with(httpURLLike(func(c *Config) string { return c.DiscordAPIURL }, "https://discord.com/api/v10/")),
	mk("FOOTNOTE_INGEST_ROLE", "", "A Discord role whose members may /ingest and /forget articles, besides those with Manage Server.", false,
		str(func(c *Config) *string { return &c.IngestRole })),
	mk("FOOTNOTE_MESSAGE_CONTENT", "false", "Request the privileged message content intent (enable it in the Developer Portal too) so thread follow-ups need no mention.", false,
		boolean(func(c *Config) *bool { return &c.MessageContent })),
	mk("FOOTNOTE_SHARD_ID", "0", "Gateway shard this process runs, from 0 to FOOTNOTE_SHARD_COUNT-1.", false,
		integer(func(c *Config) *int { return &c.ShardID })).with(checkShardID),
	mk("FOOTNOTE_SHARD_COUNT", "1", "Number of gateway shards across all processes, or `auto` for Discord's recommendation.", false,
		str(func(c *Config) *string { return &c.ShardCount })).with(checkShardCount),
	mk("DATABASE_URL", "", "Postgres URL (postgres://user:password@host:5432/db) for state shared by shards; empty keeps state in SQLite in the data folder.", true,
		str(func(c *Config) *string { return &c.DatabaseURL })).with(checkDatabase),
	mk("FOOTNOTE_HTTP_ADDR", "", "Address of the admin HTTP listener (/healthz, /readyz, /metrics), like :8080; off when empty.", false,
		str(func(c *Config) *string { return &c.HTTPAddr })),
	mk("FOOTNOTE_LOG_LEVEL", "info", "debug, info, warn or error.", false,
		str(func(c *Config) *string { return &c.LogLevel })).with(checkLogLevel),
	mk("FOOTNOTE_LOG_FORMAT", "text", "text or json.", false,
		str(func(c *Config) *string { return &c.LogFormat })).with(checkLogFormat),
}

// Table returns the configuration as a Markdown table, for the README.
func Table() string {
	var b strings.Builder
	b.WriteString("| variable | file key | default | meaning |\n|---|---|---|---|\n")
	for _, f := range fields {
		def := f.def
		if f.env == "FOOTNOTE_DATA_DIR" {
			def = "the user data folder + /footnote"
		}
		if def == "" {
			def = "(empty)"
		} else {
			def = "`" + def + "`"
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %s |\n", f.env, f.fileKey(), def, f.help)
	}
	var secrets []string
	for _, f := range fields {
		if f.secret {
			secrets = append(secrets, "`"+f.env+"`")
		}
	}
	if len(secrets) > 0 {
		fmt.Fprintf(&b, "\nSecrets (%s) can be read from a file named by the same variable with `_FILE` appended.\n", strings.Join(secrets, ", "))
	}
	fmt.Fprintf(&b, "\nSettings can also come from a TOML (`.toml`) or YAML (`.yaml`, `.yml`) file named by `%s`, "+
		"with the keys of the file key column (the variable in lower case without `FOOTNOTE_`); "+
		"a secret's key with `_file` appended names a file holding it, relative to the configuration file. "+
		"The environment overrides the file, which overrides the defaults; an unknown key or a value of the wrong type is an error.\n", FileEnv)
	return b.String()
}
