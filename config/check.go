package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The validators of the field table (fields.go). Each takes a Config and
// says what is wrong with one setting and what would be valid, or "" when
// nothing is; Validate names the setting's variable.

// within checks that an integer setting lies in [lo, hi].
func within(v func(*Config) int, lo, hi int) func(*Config) string {
	return func(c *Config) string {
		if n := v(c); n < lo || n > hi {
			return fmt.Sprintf("%d is out of range; use %d to %d", n, lo, hi)
		}
		return ""
	}
}

// notEmpty checks that a string setting is set.
func notEmpty(v func(*Config) string) func(*Config) string {
	return func(c *Config) string {
		if v(c) == "" {
			return "must not be empty"
		}
		return ""
	}
}

// positive checks that a duration is above zero; like is an example.
func positive(v func(*Config) time.Duration, like string) func(*Config) string {
	return func(c *Config) string {
		if v(c) <= 0 {
			return "must be positive, like " + like
		}
		return ""
	}
}

// httpURLLike checks that a setting, when set, is an absolute http(s) URL
// with a host; like is an example.
func httpURLLike(v func(*Config) string, like string) func(*Config) string {
	return func(c *Config) string {
		if s := v(c); s != "" && !httpURL(s) {
			return fmt.Sprintf("%q is not an http(s) URL like %s", s, like)
		}
		return ""
	}
}

// httpURL reports whether v is an absolute http(s) URL with a host.
func httpURL(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// durationText writes a default duration as the README shows it: "60s"
// rather than time.Duration's "1m0s".
func durationText(d time.Duration) string {
	if d%time.Second == 0 {
		return strconv.FormatInt(int64(d/time.Second), 10) + "s"
	}
	return d.String()
}

func checkWatchInterval(c *Config) string {
	if c.WatchInterval < 100*time.Millisecond {
		return fmt.Sprintf("%s is too short; use at least 100ms, like 2s", c.WatchInterval)
	}
	return ""
}

func checkFetchMaxBytes(c *Config) string {
	if c.FetchMaxBytes < 1024 {
		return fmt.Sprintf("%d is too small; use at least 1024", c.FetchMaxBytes)
	}
	return ""
}

func checkLogLevel(c *Config) string {
	switch strings.ToLower(c.LogLevel) {
	case "debug", "info", "warn", "error":
		return ""
	}
	return fmt.Sprintf("%q is not one of debug, info, warn, error", c.LogLevel)
}

func checkLogFormat(c *Config) string {
	switch strings.ToLower(c.LogFormat) {
	case "text", "json":
		return ""
	}
	return fmt.Sprintf("%q is not text or json", c.LogFormat)
}

func checkGuildID(c *Config) string {
	if c.DiscordGuildID == "" {
		return ""
	}
	if _, err := strconv.ParseUint(c.DiscordGuildID, 10, 64); err != nil {
		return fmt.Sprintf("%q is not a Discord id (digits only)", c.DiscordGuildID)
	}
	return ""
}

// checkShardID checks the shard against FOOTNOTE_SHARD_COUNT when that is
// valid (checkShardCount reports it otherwise).
func checkShardID(c *Config) string {
	if c.ShardID < 0 {
		return fmt.Sprintf("%d is negative; shards are numbered from 0", c.ShardID)
	}
	if n, auto, err := c.Sharding(); err == nil && !auto && c.ShardID >= n {
		return fmt.Sprintf("%d is not below FOOTNOTE_SHARD_COUNT %d; use 0 to %d", c.ShardID, n, n-1)
	}
	return ""
}

func checkShardCount(c *Config) string {
	if _, _, err := c.Sharding(); err != nil {
		return err.Error()
	}
	return ""
}

// checkDatabase never repeats the value: it may hold a password.
func checkDatabase(c *Config) string {
	if c.DatabaseURL == "" {
		return ""
	}
	if err := checkDatabaseURL(c.DatabaseURL); err != nil {
		return err.Error()
	}
	return ""
}
