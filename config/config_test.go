package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsAreValid(t *testing.T) {
	c, err := FromEnv(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults do not validate: %v", err)
	}
	if c.K != 5 || c.ModelTimeout != time.Minute || c.ModelConfigured() {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestEnvironmentOverridesDefaults(t *testing.T) {
	c, err := FromEnv(env(map[string]string{
		"FOOTNOTE_K": "7", "OPENAI_BASE_URL": "http://localhost:11434/v1", "FOOTNOTE_OFFLINE": "true",
		"FOOTNOTE_MODEL_TIMEOUT": "5s", "FOOTNOTE_DATA_DIR": "/tmp/x",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.K != 7 || c.OpenAIBaseURL != "http://localhost:11434/v1" || !c.Offline || c.ModelTimeout != 5*time.Second || c.DataDir != "/tmp/x" {
		t.Fatalf("%+v", c)
	}
	if c.ModelConfigured() {
		t.Fatal("offline must win over a configured endpoint")
	}
}

func TestParseErrorsNameTheVariable(t *testing.T) {
	_, err := FromEnv(env(map[string]string{"FOOTNOTE_K": "five", "FOOTNOTE_MODEL_TIMEOUT": "soon", "FOOTNOTE_OFFLINE": "maybe"}))
	if err == nil {
		t.Fatal("accepted bad values")
	}
	for _, want := range []string{"FOOTNOTE_K", "FOOTNOTE_MODEL_TIMEOUT", "FOOTNOTE_OFFLINE"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %s: %v", want, err)
		}
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	c := Default()
	c.K = 0
	c.OpenAIBaseURL = "localhost:11434"
	c.DiscordAPIURL = "ftp://x"
	c.EmbedBatch = 5000
	c.EmbedConcurrency = 0
	c.ModelTimeout = 0
	c.FetchTimeout = -1
	c.FetchMaxBytes = 10
	c.LogLevel = "loud"
	c.LogFormat = "xml"
	c.DiscordGuildID = "abc"
	c.DataDir = ""
	err := c.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"FOOTNOTE_K", "OPENAI_BASE_URL", "FOOTNOTE_DISCORD_API_URL", "FOOTNOTE_EMBED_BATCH",
		"FOOTNOTE_EMBED_CONCURRENCY", "FOOTNOTE_MODEL_TIMEOUT", "FOOTNOTE_FETCH_TIMEOUT", "FOOTNOTE_FETCH_MAX_BYTES",
		"FOOTNOTE_LOG_LEVEL", "FOOTNOTE_LOG_FORMAT", "DISCORD_GUILD_ID", "FOOTNOTE_DATA_DIR"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate did not report %s", want)
		}
	}
}

func TestSecretsFromFilesAndRedaction(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "token")
	if err := os.WriteFile(p, []byte("s3cret-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := FromEnv(env(map[string]string{"DISCORD_TOKEN_FILE": p, "OPENAI_API_KEY": "sk-live-key"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DiscordToken != "s3cret-token" {
		t.Fatalf("token %q", c.DiscordToken)
	}
	var all strings.Builder
	for _, s := range c.Settings() {
		all.WriteString(s.Env + "=" + s.Value + "\n")
	}
	if strings.Contains(all.String(), "s3cret") || strings.Contains(all.String(), "sk-live") {
		t.Fatalf("a secret was printed:\n%s", all.String())
	}
	if _, err := FromEnv(env(map[string]string{"DISCORD_TOKEN_FILE": p, "DISCORD_TOKEN": "x"})); err == nil {
		t.Fatal("both a secret and its _FILE were accepted")
	}
	if _, err := FromEnv(env(map[string]string{"DISCORD_TOKEN_FILE": filepath.Join(dir, "missing")})); err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN_FILE") {
		t.Fatalf("missing secret file: %v", err)
	}
	// a bad value of a secret is reported without the value
	c.OpenAIAPIKey = "sk-live-key"
	if _, err := FromEnv(env(map[string]string{"OPENAI_API_KEY": "sk-live-key", "FOOTNOTE_K": "x"})); err != nil && strings.Contains(err.Error(), "sk-live") {
		t.Fatal("error message leaked the key")
	}
}
