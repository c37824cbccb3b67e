package deploy

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/footnote-bot/footnote/config"
)

type composeService struct {
	Image       string    `yaml:"image"`
	Build       yaml.Node `yaml:"build"`
	Environment yaml.Node `yaml:"environment"`
	Secrets     []any     `yaml:"secrets"`
	Volumes     []any     `yaml:"volumes"`
	DependsOn   yaml.Node `yaml:"depends_on"`
}

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Secrets  map[string]struct {
		File        string `yaml:"file"`
		Environment string `yaml:"environment"`
	} `yaml:"secrets"`
	Volumes map[string]any `yaml:"volumes"`
}

// interpolate does Compose's variable interpolation with vars; a required
// variable (${X:?msg}) that vars lacks is an error.
func interpolate(s string, vars map[string]string) (string, error) {
	re := regexp.MustCompile(`\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)
	var err error
	out := re.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		g := re.FindStringSubmatch(m)
		name := g[1] + g[4]
		v, set := vars[name]
		empty := !set || (strings.HasPrefix(g[2], ":") && v == "")
		switch strings.TrimPrefix(g[2], ":") {
		case "-":
			if empty {
				return g[3]
			}
		case "?":
			if empty {
				err = fmt.Errorf("required variable %s: %s", name, g[3])
			}
		case "+":
			if empty {
				return ""
			}
			return g[3]
		}
		return v
	})
	return out, err
}

// environment reads a service's environment, a mapping or a list of K=V.
func environment(t *testing.T, n yaml.Node, vars map[string]string) map[string]string {
	t.Helper()
	env := map[string]string{}
	switch n.Kind {
	case 0:
	case yaml.MappingNode:
		var m map[string]any
		if err := n.Decode(&m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			if v == nil {
				env[k] = ""
				continue
			}
			env[k] = fmt.Sprint(v)
		}
	case yaml.SequenceNode:
		var l []string
		if err := n.Decode(&l); err != nil {
			t.Fatal(err)
		}
		for _, kv := range l {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
	default:
		t.Fatalf("environment at line %d is neither a mapping nor a list", n.Line)
	}
	for k, v := range env {
		s, err := interpolate(v, vars)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		env[k] = s
	}
	return env
}

func buildContext(t *testing.T, n yaml.Node) string {
	t.Helper()
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.MappingNode:
		var b struct {
			Context string `yaml:"context"`
		}
		if err := n.Decode(&b); err != nil {
			t.Fatal(err)
		}
		return b.Context
	}
	return ""
}

func dependsOn(t *testing.T, n yaml.Node) []string {
	t.Helper()
	switch n.Kind {
	case yaml.SequenceNode:
		var l []string
		if err := n.Decode(&l); err != nil {
			t.Fatal(err)
		}
		return l
	case yaml.MappingNode:
		var m map[string]any
		if err := n.Decode(&m); err != nil {
			t.Fatal(err)
		}
		var l []string
		for k := range m {
			l = append(l, k)
		}
		return l
	}
	return nil
}

func TestCompose(t *testing.T) {
	var cf composeFile
	if err := yaml.Unmarshal([]byte(readRoot(t, "compose.yaml")), &cf); err != nil {
		t.Fatal(err)
	}
	// what `docker compose up` would be run with
	vars := map[string]string{"POSTGRES_PASSWORD": "s3cret-pw"}

	type shard struct {
		service string
		id      int
		env     map[string]string
		svc     composeService
	}
	var shards []shard
	var names []string
	for name := range cf.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		svc := cf.Services[name]
		if c := buildContext(t, svc.Build); c != "." && c != "./" && !strings.HasPrefix(svc.Image, "footnote") {
			continue
		}
		env := environment(t, svc.Environment, vars)
		id, err := strconv.Atoi(env["FOOTNOTE_SHARD_ID"])
		if err != nil {
			t.Errorf("%s: FOOTNOTE_SHARD_ID %q: %v", name, env["FOOTNOTE_SHARD_ID"], err)
		}
		shards = append(shards, shard{name, id, env, svc})
	}
	if len(shards) != 2 {
		t.Fatalf("want two footnote services (shards), found %d", len(shards))
	}

	ids := map[int]string{}
	count := shards[0].env["FOOTNOTE_SHARD_COUNT"]
	dataVolumes := map[string]string{}
	for _, s := range shards {
		if prev, dup := ids[s.id]; dup {
			t.Errorf("%s and %s are both shard %d", prev, s.service, s.id)
		}
		ids[s.id] = s.service
		if got := s.env["FOOTNOTE_SHARD_COUNT"]; got != count {
			t.Errorf("%s: FOOTNOTE_SHARD_COUNT %q, but %s has %q", s.service, got, shards[0].service, count)
		}
		for _, v := range s.svc.Volumes {
			spec, ok := v.(string)
			if !ok {
				continue
			}
			parts := strings.Split(spec, ":")
			if len(parts) >= 2 && parts[1] == "/data" {
				if prev, dup := dataVolumes[parts[0]]; dup {
					t.Errorf("%s and %s share the data volume %s", prev, s.service, parts[0])
				}
				dataVolumes[parts[0]] = s.service
			}
		}
	}
	if n, err := strconv.Atoi(count); err != nil || n != len(shards) {
		t.Errorf("FOOTNOTE_SHARD_COUNT %q, want %d, one per shard service", count, len(shards))
	}
	for id := range len(shards) {
		if _, ok := ids[id]; !ok {
			t.Errorf("no service runs shard %d", id)
		}
	}
	if len(dataVolumes) != len(shards) {
		t.Errorf("each shard wants its own volume at /data; found %v", dataVolumes)
	}

	for _, s := range shards {
		t.Run(s.service, func(t *testing.T) {
			dbURL := s.env["DATABASE_URL"]
			if dbURL == "" {
				t.Fatal("no DATABASE_URL")
			}
			u, err := url.Parse(dbURL)
			if err != nil {
				t.Fatalf("DATABASE_URL: %v", err)
			}
			db, ok := cf.Services[u.Hostname()]
			if !ok || !strings.HasPrefix(db.Image, "postgres") {
				t.Fatalf("DATABASE_URL's host %q is not a postgres service of the file", u.Hostname())
			}
			dbEnv := environment(t, db.Environment, vars)
			pw, _ := u.User.Password()
			if u.User.Username() != dbEnv["POSTGRES_USER"] || pw != dbEnv["POSTGRES_PASSWORD"] || strings.TrimPrefix(u.Path, "/") != dbEnv["POSTGRES_DB"] {
				t.Errorf("DATABASE_URL's user, password or database differ from the postgres service's")
			}
			if !contains(dependsOn(t, s.svc.DependsOn), u.Hostname()) {
				t.Errorf("does not depend on %s", u.Hostname())
			}

			// the token is a Compose secret
			tokFile := s.env["DISCORD_TOKEN_FILE"]
			secret, ok := strings.CutPrefix(tokFile, "/run/secrets/")
			if !ok {
				t.Fatalf("DISCORD_TOKEN_FILE %q is not a secret under /run/secrets", tokFile)
			}
			var granted []string
			for _, sec := range s.svc.Secrets {
				switch sec := sec.(type) {
				case string:
					granted = append(granted, sec)
				case map[string]any:
					granted = append(granted, fmt.Sprint(sec["source"]))
				}
			}
			if !contains(granted, secret) {
				t.Errorf("the service is not given the secret %s", secret)
			}
			if def, ok := cf.Secrets[secret]; !ok || (def.File == "" && def.Environment == "") {
				t.Errorf("the secret %s is not defined", secret)
			}
			if s.env["DISCORD_TOKEN"] != "" {
				t.Error("the token is in the environment as well as in a secret")
			}

			// footnote itself accepts the service's configuration
			tok := filepath.Join(t.TempDir(), secret)
			if err := os.WriteFile(tok, []byte("token\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			env := map[string]string{}
			for k, v := range s.env {
				env[k] = v
			}
			env["DISCORD_TOKEN_FILE"] = tok
			cfg, err := config.FromEnv(func(k string) string { return env[k] })
			if err != nil {
				t.Fatalf("configuration: %v", err)
			}
			cfg.DataDir = "/data" // the image's FOOTNOTE_DATA_DIR
			if err := cfg.Validate(); err != nil {
				t.Errorf("configuration: %v", err)
			}
			if cfg.ShardID != s.id || cfg.DatabaseURL != dbURL || cfg.DiscordToken != "token" {
				t.Errorf("configuration: shard %d, token %q", cfg.ShardID, cfg.DiscordToken)
			}
		})
	}

	// without the database password, compose refuses to start
	for _, s := range shards {
		raw := map[string]string{}
		_ = s.svc.Environment.Decode(&raw)
		if _, err := interpolate(raw["DATABASE_URL"], nil); err == nil {
			t.Errorf("%s: DATABASE_URL does not require POSTGRES_PASSWORD", s.service)
		}
	}
}

func TestInterpolate(t *testing.T) {
	vars := map[string]string{"A": "a", "E": ""}
	for in, want := range map[string]string{
		"${A}": "a", "$A-x": "a-x", "${B:-def}": "def", "${E:-def}": "def", "${E-def}": "", "$$A": "$A",
		"${A:+alt}": "alt", "${B:+alt}": "", "${A:?need}": "a",
	} {
		if got, err := interpolate(in, vars); err != nil || got != want {
			t.Errorf("interpolate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := interpolate("${B:?need B}", vars); err == nil {
		t.Error("a missing required variable was accepted")
	}
}
