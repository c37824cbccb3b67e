package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// writeFile writes a configuration file named name in a new folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFileKeysAreDerivedAndDistinct(t *testing.T) {
	seen := map[string]string{}
	valid := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	for _, f := range fields {
		k := f.fileKey()
		if !valid.MatchString(k) {
			t.Errorf("%s: file key %q", f.env, k)
		}
		if prev, dup := seen[k]; dup {
			t.Errorf("%s and %s share the file key %q", prev, f.env, k)
		}
		seen[k] = f.env
	}
	for _, k := range secretFileKeys() {
		if prev, dup := seen[k]; dup {
			t.Errorf("secret file key %q collides with %s", k, prev)
		}
	}
	for env, want := range map[string]string{
		"FOOTNOTE_K": "k", "FOOTNOTE_DATA_DIR": "data_dir", "FOOTNOTE_CHAT_MODEL": "chat_model",
		"OPENAI_BASE_URL": "openai_base_url", "DISCORD_TOKEN": "discord_token", "DATABASE_URL": "database_url",
		"FOOTNOTE_SHARD_COUNT": "shard_count",
	} {
		if got := seen[want]; got != env {
			t.Errorf("file key %q belongs to %q, want %s", want, got, env)
		}
	}
	if got := FileKeys(); len(got) != len(fields) || got[0] != fields[0].fileKey() {
		t.Errorf("FileKeys() = %v", got)
	}
}

func TestLoadWithoutFileIsFromEnv(t *testing.T) {
	dir := t.TempDir()
	tok := filepath.Join(dir, "tok")
	if err := os.WriteFile(tok, []byte("t0ken\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, e := range []map[string]string{
		nil,
		{"FOOTNOTE_K": "9", "FOOTNOTE_OFFLINE": "true", "FOOTNOTE_SHARD_COUNT": "auto", "DISCORD_TOKEN_FILE": tok},
		{"FOOTNOTE_K": "nine", "FOOTNOTE_MODEL_TIMEOUT": "soon"},
		// FOOTNOTE_CONFIG is not read by Load: the caller passes the path
		{FileEnv: filepath.Join(dir, "missing.toml")},
	} {
		want, werr := FromEnv(env(e))
		got, gerr := Load("", env(e))
		if !reflect.DeepEqual(got, want) || (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
			t.Errorf("env %v:\nLoad    %+v, %v\nFromEnv %+v, %v", e, got, gerr, want, werr)
		}
	}
}

func TestFromEnvAndFileReadsFOOTNOTE_CONFIG(t *testing.T) {
	p := writeFile(t, "footnote.toml", "k = 8\n")
	c, err := FromEnvAndFile(env(map[string]string{FileEnv: p}))
	if err != nil || c.K != 8 {
		t.Fatalf("K %d, %v", c.K, err)
	}
	c, err = FromEnvAndFile(env(nil))
	if err != nil || c.K != 5 {
		t.Fatalf("without a file: K %d, %v", c.K, err)
	}
	if _, err := FromEnvAndFile(env(map[string]string{FileEnv: p + ".missing.toml"})); err == nil {
		t.Fatal("a missing configuration file was ignored")
	}
}

func TestPrecedenceDefaultFileEnv(t *testing.T) {
	const toml = `
# footnote.toml
k = 7
data_dir = "/srv/footnote"
chat_model = "llama3.1"
openai_base_url = "http://ollama:11434/v1"
offline = true
model_timeout = "90s"
fetch_max_bytes = 1048576
discord_guild_id = 123456789012345678
shard_id = 1
shard_count = 4
log_format = "json"
`
	const yaml = `
# footnote.yaml
k: 7
data_dir: /srv/footnote
chat_model: llama3.1
openai_base_url: http://ollama:11434/v1
offline: true
model_timeout: 90s
fetch_max_bytes: 1048576
discord_guild_id: 123456789012345678
shard_id: 1
shard_count: 4
log_format: json
`
	envs := map[string]string{
		"FOOTNOTE_K": "3", "FOOTNOTE_CHAT_MODEL": "gpt-4o", "FOOTNOTE_SHARD_COUNT": "auto",
		"FOOTNOTE_EMBED_BATCH": "16",
	}
	for _, file := range []struct{ name, content string }{
		{"footnote.toml", toml}, {"footnote.yaml", yaml}, {"FOOTNOTE.YML", yaml},
	} {
		t.Run(file.name, func(t *testing.T) {
			p := writeFile(t, file.name, file.content)
			withFile, err := Load(p, env(nil))
			if err != nil {
				t.Fatal(err)
			}
			both, err := Load(p, env(envs))
			if err != nil {
				t.Fatal(err)
			}
			def := Default()
			for _, c := range []struct {
				name              string
				def, file, envGot any
				wantFile, wantEnv any
			}{
				// set in the file and the environment: the environment wins
				{"k", def.K, withFile.K, both.K, 7, 3},
				{"chat_model", def.ChatModel, withFile.ChatModel, both.ChatModel, "llama3.1", "gpt-4o"},
				{"shard_count", def.ShardCount, withFile.ShardCount, both.ShardCount, "4", "auto"},
				// set only in the file: the file wins over the default
				{"data_dir", def.DataDir, withFile.DataDir, both.DataDir, "/srv/footnote", "/srv/footnote"},
				{"openai_base_url", def.OpenAIBaseURL, withFile.OpenAIBaseURL, both.OpenAIBaseURL, "http://ollama:11434/v1", "http://ollama:11434/v1"},
				{"offline", def.Offline, withFile.Offline, both.Offline, true, true},
				{"model_timeout", def.ModelTimeout, withFile.ModelTimeout, both.ModelTimeout, 90 * time.Second, 90 * time.Second},
				{"fetch_max_bytes", def.FetchMaxBytes, withFile.FetchMaxBytes, both.FetchMaxBytes, int64(1 << 20), int64(1 << 20)},
				{"discord_guild_id", def.DiscordGuildID, withFile.DiscordGuildID, both.DiscordGuildID, "123456789012345678", "123456789012345678"},
				{"shard_id", def.ShardID, withFile.ShardID, both.ShardID, 1, 1},
				{"log_format", def.LogFormat, withFile.LogFormat, both.LogFormat, "json", "json"},
				// set only in the environment
				{"embed_batch", def.EmbedBatch, withFile.EmbedBatch, both.EmbedBatch, 96, 16},
				// set nowhere: the default stays
				{"log_level", def.LogLevel, withFile.LogLevel, both.LogLevel, "info", "info"},
			} {
				if c.file != c.wantFile {
					t.Errorf("%s from the file = %v, want %v (default %v)", c.name, c.file, c.wantFile, c.def)
				}
				if c.envGot != c.wantEnv {
					t.Errorf("%s with the environment = %v, want %v", c.name, c.envGot, c.wantEnv)
				}
			}
			if err := both.Validate(); err != nil {
				t.Errorf("loaded configuration does not validate: %v", err)
			}
		})
	}
}

func TestUnknownKeysAreNamedWithASuggestion(t *testing.T) {
	for _, c := range []struct {
		file, content string
		want          []string
	}{
		{"footnote.toml", "modle = \"x\"\n", []string{`unknown key "modle" in `, `footnote.toml (did you mean "chat_model"?)`}},
		{"footnote.yaml", "modle: x\n", []string{`unknown key "modle" in `, `footnote.yaml (did you mean "chat_model"?)`}},
		{"footnote.toml", "FOOTNOTE_K = 5\n", []string{`unknown key "FOOTNOTE_K"`, `did you mean "k"?`}},
		{"footnote.toml", "chat-model = \"x\"\n", []string{`unknown key "chat-model"`, `did you mean "chat_model"?`}},
		{"footnote.toml", "Data_Dir = \"x\"\n", []string{`unknown key "Data_Dir"`, `did you mean "data_dir"?`}},
		{"footnote.yaml", "shard_cuont: 2\n", []string{`unknown key "shard_cuont"`, `did you mean "shard_count"?`}},
		{"footnote.yaml", "discord_tokne_file: /run/secrets/t\n", []string{`did you mean "discord_token_file"?`}},
		{"footnote.yaml", "databse_url: postgres://x\n", []string{`did you mean "database_url"?`}},
		{"footnote.toml", "zebra = 1\n", []string{`unknown key "zebra"`, "valid keys: corpus_dir, data_dir, cache_dir, k,", "log_format)"}},
		{"footnote.toml", "[openai]\nbase_url = \"http://x\"\n", []string{`unknown key "openai"`}},
	} {
		p := writeFile(t, c.file, c.content)
		_, err := Load(p, env(nil))
		if err == nil {
			t.Errorf("%q was accepted", c.content)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: error %q lacks %q", c.content, err, w)
			}
		}
	}
}

func TestWrongTypesAreNamed(t *testing.T) {
	for _, c := range []struct {
		file, content, key, want string
	}{
		{"c.toml", `k = "five"`, "k", "want a whole number, got a string"},
		{"c.toml", `k = 5.0`, "k", "want a whole number, got a decimal number"},
		{"c.toml", `k = true`, "k", "want a whole number, got a boolean"},
		{"c.toml", `offline = "yes"`, "offline", "want true or false, got a string"},
		{"c.toml", `offline = 1`, "offline", "want true or false, got a whole number"},
		{"c.toml", `model_timeout = 60`, "model_timeout", `want a duration string like "30s"`},
		{"c.toml", `model_timeout = "soon"`, "model_timeout", "not a duration"},
		{"c.toml", `chat_model = false`, "chat_model", "want a string, got a boolean"},
		{"c.toml", `chat_model = ["a", "b"]`, "chat_model", "got an array"},
		{"c.toml", "created = 1979-05-27\nk = 1979-05-27", "k", "want a whole number"},
		{"c.yaml", `k: five`, "k", "want a whole number, got a string"},
		{"c.yaml", `k: "5"`, "k", "want a whole number, got a string"},
		{"c.yaml", `k:`, "k", "got no value (null)"},
		{"c.yaml", `offline: yes`, "offline", "want true or false, got a string"},
		{"c.yaml", `fetch_max_bytes: 1.5e6`, "fetch_max_bytes", "got a decimal number"},
		{"c.yaml", "data_dir:\n  path: /x", "data_dir", "got a mapping"},
		{"c.yaml", "log_level: [debug]", "log_level", "got a list"},
		{"c.yaml", "shard_id: 0x1G", "shard_id", "want a whole number"},
		{"c.yaml", "model_timeout: 5", "model_timeout", "want a duration"},
		{"c.yaml", "discord_token_file: 5", "discord_token_file", "want a file name"},
	} {
		p := writeFile(t, c.file, c.content+"\n")
		_, err := Load(p, env(nil))
		if err == nil {
			t.Errorf("%s %q was accepted", c.file, c.content)
			continue
		}
		if !strings.Contains(err.Error(), `"`+c.key+`"`) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: error %q does not name %q with %q", c.file, c.content, err, c.key, c.want)
		}
	}
}

func TestFileProblemsAreAllReported(t *testing.T) {
	p := writeFile(t, "footnote.toml", "modle = \"x\"\nk = \"five\"\nofline = true\nlog_level = \"debug\"\n")
	c, err := Load(p, env(map[string]string{"FOOTNOTE_EMBED_BATCH": "lots"}))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, w := range []string{`"modle"`, `"k"`, `"ofline"`, `did you mean "offline"?`, "FOOTNOTE_EMBED_BATCH"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %s: %v", w, err)
		}
	}
	if c.LogLevel != "debug" {
		t.Errorf("the good keys of a file with bad ones were not applied: %q", c.LogLevel)
	}
}

func TestFileErrors(t *testing.T) {
	for _, c := range []struct{ name, file, content, want string }{
		{"format", "footnote.json", `{"k": 5}`, `unknown format ".json"`},
		{"toml syntax", "footnote.toml", "k = = 5\n", "line 1"},
		{"yaml syntax", "footnote.yaml", "k: [5\n", "footnote.yaml"},
		{"yaml top", "footnote.yaml", "- k\n- 5\n", "want a mapping"},
		{"duplicate", "footnote.yaml", "k: 5\nk: 6\n", `"k" appears twice`},
		{"secret twice", "footnote.yaml", "discord_token: a\ndiscord_token_file: /x\n", "set one"},
		{"toml duplicate", "footnote.toml", "k = 5\nk = 6\n", "line 2"},
	} {
		p := writeFile(t, c.file, c.content)
		_, err := Load(p, env(nil))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
	missing := filepath.Join(t.TempDir(), "nope.toml")
	if _, err := Load(missing, env(nil)); err == nil || !strings.Contains(err.Error(), "nope.toml") {
		t.Errorf("missing file: %v", err)
	}
	for _, empty := range []struct{ file, content string }{
		{"e.toml", ""}, {"e.yaml", ""}, {"e.yml", "# nothing yet\n"}, {"e.toml", "# nothing\n"},
	} {
		c, err := Load(writeFile(t, empty.file, empty.content), env(nil))
		if err != nil || !reflect.DeepEqual(c, Default()) {
			t.Errorf("empty %s %q: %v", empty.file, empty.content, err)
		}
	}
}

func TestSecretsInTheFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "token.txt"), []byte("file-token-123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	envTok := filepath.Join(dir, "env-token")
	if err := os.WriteFile(envTok, []byte("env-file-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "footnote.toml")
	write := func(s string) {
		if err := os.WriteFile(cfg, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	write("openai_api_key = \"sk-in-file\"\ndiscord_token_file = \"token.txt\"\ndatabase_url = \"postgres://u:pw-in-file@db:5432/f\"\n")
	c, err := Load(cfg, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.OpenAIAPIKey != "sk-in-file" || c.DiscordToken != "file-token-123" || c.DatabaseURL != "postgres://u:pw-in-file@db:5432/f" {
		t.Fatalf("secrets from the file: %+v", c)
	}
	// the environment's secret, or its _FILE, wins over the file's
	c, err = Load(cfg, env(map[string]string{"OPENAI_API_KEY": "sk-env", "DISCORD_TOKEN_FILE": envTok}))
	if err != nil {
		t.Fatal(err)
	}
	if c.OpenAIAPIKey != "sk-env" || c.DiscordToken != "env-file-token" {
		t.Fatalf("environment over file: %q %q", c.OpenAIAPIKey, c.DiscordToken)
	}
	// an absolute secret file name
	write("discord_token_file = \"" + filepath.ToSlash(envTok) + "\"\n")
	if c, err := Load(cfg, env(nil)); err != nil || c.DiscordToken != "env-file-token" {
		t.Fatalf("absolute secret file: %q %v", c.DiscordToken, err)
	}
	// a missing secret file is named
	write("discord_token_file = \"missing.txt\"\n")
	if _, err := Load(cfg, env(nil)); err == nil || !strings.Contains(err.Error(), `"discord_token_file"`) {
		t.Fatalf("missing secret file: %v", err)
	}
	// a secret's syntax error does not repeat it
	write("discord_token = abc.SECRETdef\n")
	if _, err := Load(cfg, env(nil)); err == nil || strings.Contains(err.Error(), "SECRET") || !strings.Contains(err.Error(), "discord_token") {
		t.Fatalf("unquoted secret: %v", err)
	}
}

func TestShardingAndDatabaseValidation(t *testing.T) {
	for _, c := range []struct {
		name  string
		set   map[string]string
		wants []string // empty: valid
	}{
		{"defaults", nil, nil},
		{"two shards", map[string]string{"FOOTNOTE_SHARD_ID": "1", "FOOTNOTE_SHARD_COUNT": "2"}, nil},
		{"auto", map[string]string{"FOOTNOTE_SHARD_ID": "3", "FOOTNOTE_SHARD_COUNT": "AUTO"}, nil},
		{"postgres url", map[string]string{"DATABASE_URL": "postgres://footnote:pw@postgres:5432/footnote?sslmode=disable"}, nil},
		{"postgresql url", map[string]string{"DATABASE_URL": "postgresql://db/footnote"}, nil},
		{"keyword settings", map[string]string{"DATABASE_URL": "host=db user=footnote dbname=footnote"}, nil},
		{"id not below count", map[string]string{"FOOTNOTE_SHARD_ID": "2", "FOOTNOTE_SHARD_COUNT": "2"}, []string{"FOOTNOTE_SHARD_ID", "use 0 to 1"}},
		{"id beyond one shard", map[string]string{"FOOTNOTE_SHARD_ID": "1"}, []string{"FOOTNOTE_SHARD_ID", "not below FOOTNOTE_SHARD_COUNT 1"}},
		{"negative id", map[string]string{"FOOTNOTE_SHARD_ID": "-1"}, []string{"FOOTNOTE_SHARD_ID", "negative"}},
		{"zero count", map[string]string{"FOOTNOTE_SHARD_COUNT": "0"}, []string{"FOOTNOTE_SHARD_COUNT", "at least 1"}},
		{"word count", map[string]string{"FOOTNOTE_SHARD_COUNT": "many"}, []string{"FOOTNOTE_SHARD_COUNT", `"many"`, "auto"}},
		{"mysql", map[string]string{"DATABASE_URL": "mysql://u:hunter2@db/f"}, []string{"DATABASE_URL", `"mysql"`}},
		{"no host", map[string]string{"DATABASE_URL": "postgres:///footnote?password=hunter2"}, []string{"DATABASE_URL", "no host"}},
		{"bad url", map[string]string{"DATABASE_URL": "postgres://u:hun%zzter2@db/f"}, []string{"DATABASE_URL", "not a valid URL"}},
		{"not a dsn", map[string]string{"DATABASE_URL": "hunter2"}, []string{"DATABASE_URL", "keyword=value"}},
	} {
		cfg, err := FromEnv(env(c.set))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		err = cfg.Validate()
		if len(c.wants) == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		for _, w := range c.wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", c.name, err, w)
			}
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: the error repeats the database password: %v", c.name, err)
		}
	}
	c := Default()
	c.ShardCount = "auto"
	if n, auto, err := c.Sharding(); n != 0 || !auto || err != nil {
		t.Errorf("Sharding(auto) = %d %v %v", n, auto, err)
	}
	c.ShardCount = " 3 "
	if n, auto, err := c.Sharding(); n != 3 || auto || err != nil {
		t.Errorf("Sharding(3) = %d %v %v", n, auto, err)
	}
}

func TestNoSettingsOutputHoldsASecret(t *testing.T) {
	dir := t.TempDir()
	var secretFields []field
	for _, f := range fields {
		if f.secret {
			secretFields = append(secretFields, f)
		}
	}
	if len(secretFields) < 3 {
		t.Fatalf("secret fields: %d", len(secretFields))
	}
	value := func(f field, how string) string {
		v := "SECRET-" + how + "-" + f.fileKey()
		if f.env == "DATABASE_URL" {
			v = "postgres://user:" + v + "@db:5432/footnote"
		}
		return v
	}
	ways := map[string]func(t *testing.T) (Config, error){
		"env": func(t *testing.T) (Config, error) {
			e := map[string]string{}
			for _, f := range secretFields {
				e[f.env] = value(f, "env")
			}
			return Load("", env(e))
		},
		"env file": func(t *testing.T) (Config, error) {
			e := map[string]string{}
			for _, f := range secretFields {
				p := filepath.Join(dir, f.env)
				if err := os.WriteFile(p, []byte(value(f, "envfile")+"\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				e[f.env+"_FILE"] = p
			}
			return Load("", env(e))
		},
		"toml": func(t *testing.T) (Config, error) {
			var b strings.Builder
			for _, f := range secretFields {
				b.WriteString(f.fileKey() + " = \"" + value(f, "toml") + "\"\n")
			}
			return Load(writeFile(t, "f.toml", b.String()), env(nil))
		},
		"yaml file key": func(t *testing.T) (Config, error) {
			var b strings.Builder
			for _, f := range secretFields {
				p := filepath.Join(dir, "yaml-"+f.fileKey())
				if err := os.WriteFile(p, []byte(value(f, "yamlfile")), 0o600); err != nil {
					t.Fatal(err)
				}
				b.WriteString(f.fileKey() + "_file: " + p + "\n")
			}
			return Load(writeFile(t, "f.yaml", b.String()), env(nil))
		},
	}
	for how, load := range ways {
		c, err := load(t)
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		var all strings.Builder
		for _, s := range c.Settings() {
			all.WriteString(s.Env + "=" + s.Value + "\n")
		}
		for _, f := range secretFields {
			if f.get(&c) == "" {
				t.Errorf("%s: %s was not set", how, f.env)
			}
		}
		if strings.Contains(all.String(), "SECRET") {
			t.Errorf("%s: Settings shows a secret:\n%s", how, all.String())
		}
		if !strings.Contains(all.String(), "DATABASE_URL=[redacted]") {
			t.Errorf("%s: DATABASE_URL not redacted:\n%s", how, all.String())
		}
		if err := c.Validate(); err != nil && strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%s: Validate repeats a secret: %v", how, err)
		}
	}
}

func TestTableDocumentsTheFile(t *testing.T) {
	tab := Table()
	for _, want := range []string{"`" + FileEnv + "`", "`DATABASE_URL`", "`FOOTNOTE_SHARD_ID`", "`FOOTNOTE_SHARD_COUNT`", "| `shard_count` |"} {
		if !strings.Contains(tab, want) {
			t.Errorf("Table lacks %s", want)
		}
	}
	for _, f := range fields {
		if !strings.Contains(tab, "| `"+f.env+"` | `"+f.fileKey()+"` |") {
			t.Errorf("Table lacks the row of %s with its file key", f.env)
		}
	}
}

func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{
		"modle": "chat_model", "chat_modle": "chat_model", "embed_modle": "embed_model", "kk": "k",
		"FOOTNOTE_LOG_LEVEL": "log_level", "loglevel": "log_level", "timeout": "model_timeout",
		"qwertyuiop": "", "x": "",
	} {
		if got := suggest(in); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
