package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/llm/llmtest"
)

// Distinctive secrets: none may show in any output.
const (
	serveSecretToken = "serve-test-DISCORD-SECRET-TOKEN-7f3a9c"
	serveSecretKey   = "sk-test-SECRET-KEY-123"
	serveSecretPass  = "PG-SECRET-PASS-42"
)

// TestServeLogs runs a generative serve whose model server requires the API
// key, answers two questions, and reads every line it wrote: JSON lines,
// exactly one "question" line per question with its id, guild, mode and
// outcome, the question's text only at debug level, and never the Discord
// token or the API key. `footnote config` with the same environment shows
// the secrets redacted.
func TestServeLogs(t *testing.T) {
	t.Parallel()
	for _, level := range []string{"debug", "info"} {
		t.Run(level, func(t *testing.T) {
			t.Parallel()
			model := llmtest.NewServer(llmtest.WithAPIKey(serveSecretKey), llmtest.WithResponder(serveCite))
			t.Cleanup(model.Close)
			srv := newServeDiscord(t, serveSecretToken)
			g := addServeGuild(t, srv, "")
			env := serveEnv(t, srv,
				"DISCORD_GUILD_ID", g.guild.ID,
				"OPENAI_API_KEY", serveSecretKey,
				"OPENAI_BASE_URL", model.URL(),
				"FOOTNOTE_CHAT_MODEL", "scripted",
				"FOOTNOTE_MODEL_TIMEOUT", "10s",
				"FOOTNOTE_LOG_LEVEL", level,
			)
			if srv.Token() != serveSecretToken {
				t.Fatalf("localdiscord token %q, want %q", srv.Token(), serveSecretToken)
			}
			p := startServe(t, "serve", env)
			ctx, cancel := context.WithTimeout(context.Background(), serveWait)
			defer cancel()

			questions := []string{serveAskGlas, serveAskTies}
			ids := map[string]string{} // interaction id → question
			for _, q := range questions {
				in := g.ask(t, srv, q)
				serveAnswer(ctx, t, srv, in.ID)
				ids[in.ID] = q
			}
			for id := range ids {
				if _, err := p.stderr.wait(ctx, func(r serveRecord) bool { return r.str("msg") == "question" && r.str("id") == id }); err != nil {
					t.Fatalf("no question log line for interaction %s: %v", id, err)
				}
			}
			// Stop first, so that every line is written.
			p.stop()
			out := p.stdout.String() + p.stderr.String()

			for _, secret := range []string{serveSecretToken, serveSecretKey} {
				if strings.Contains(out, secret) {
					t.Errorf("serve's output holds the secret %q", secret)
				}
			}
			recs := p.stderr.records(t)
			if len(recs) == 0 {
				t.Fatal("serve logged nothing")
			}
			if s := strings.TrimSpace(p.stdout.String()); s != "" {
				t.Errorf("serve printed to stdout (logs belong on stderr): %q", s)
			}

			// The key was really used: the model server answers 401 without
			// it, and every answer was generative.
			chats := model.Records(llmtest.Chat)
			if len(chats) < len(questions) {
				t.Errorf("%d chat requests for %d questions", len(chats), len(questions))
			}
			for _, r := range model.Records("") {
				if got := r.Header.Get("Authorization"); got != "Bearer "+serveSecretKey || r.Status != 200 {
					t.Errorf("%s request: status %d, authorised %v", r.Endpoint, r.Status, got == "Bearer "+serveSecretKey)
				}
			}

			perQuestion := map[string]int{}
			for _, r := range recs {
				if r.str("msg") != "question" {
					continue
				}
				id := r.str("id")
				perQuestion[id]++
				if _, ok := ids[id]; !ok {
					t.Errorf("question line for unknown interaction %q: %v", id, r)
				}
				if r.str("level") != "INFO" || r.str("guild") != g.guild.ID || r.str("mode") != "generative" || r.str("outcome") != "answered" {
					t.Errorf("question line %v: want level INFO, guild %s, mode generative, outcome answered", r, g.guild.ID)
				}
			}
			for id := range ids {
				if perQuestion[id] != 1 {
					t.Errorf("interaction %s has %d question lines, want exactly 1", id, perQuestion[id])
				}
			}

			for id, q := range ids {
				var holding []serveRecord
				for _, r := range recs {
					if recordHolds(r, q) {
						holding = append(holding, r)
					}
				}
				switch level {
				case "debug":
					if len(holding) != 1 || holding[0].str("level") != "DEBUG" || holding[0].str("id") != id || holding[0].str("question") != q {
						t.Errorf("at debug level the question %q shows in %v; want one DEBUG line with its id %s", q, holding, id)
					}
				default:
					if strings.Contains(out, q) {
						t.Errorf("at %s level the question %q shows in the logs: %v", level, q, holding)
					}
				}
			}
			for _, r := range recs {
				if r.str("msg") == "question text" && level != "debug" {
					t.Errorf("question text logged at %s level: %v", level, r)
				}
			}

			// footnote config, with the same environment and then with the
			// secrets read from files, shows them redacted.
			env["DATABASE_URL"] = "postgres://footnote:" + serveSecretPass + "@db.example:5432/footnote"
			checkConfigRedacts(t, env)
			dir := t.TempDir()
			fromFiles := map[string]string{}
			for k, v := range env {
				fromFiles[k] = v
			}
			for _, k := range []string{"DISCORD_TOKEN", "OPENAI_API_KEY", "DATABASE_URL"} {
				f := filepath.Join(dir, k)
				if err := os.WriteFile(f, []byte(env[k]+"\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				delete(fromFiles, k)
				fromFiles[k+"_FILE"] = f
			}
			checkConfigRedacts(t, fromFiles)
		})
	}
}

// recordHolds reports whether any value of a log record contains s.
func recordHolds(r serveRecord, s string) bool {
	for k := range r {
		if strings.Contains(r.str(k), s) {
			return true
		}
	}
	return false
}

// checkConfigRedacts runs `footnote config` and checks that it names every
// secret setting but shows none of the secrets.
func checkConfigRedacts(t *testing.T, env map[string]string) {
	t.Helper()
	r := runFootnote(t, env, "config")
	if r.code != 0 {
		t.Fatalf("footnote config: exit %d, %v\n%s", r.code, r.err, r.stderr)
	}
	for _, secret := range []string{serveSecretToken, serveSecretKey, serveSecretPass} {
		if strings.Contains(r.stdout+r.stderr, secret) {
			t.Errorf("footnote config shows the secret %q:\n%s", secret, r.stdout)
		}
	}
	shown := map[string]string{}
	for line := range strings.Lines(r.stdout) {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
			shown[k] = strings.TrimSpace(v)
		}
	}
	for _, k := range []string{"DISCORD_TOKEN", "OPENAI_API_KEY", "DATABASE_URL"} {
		if shown[k] != "[redacted]" {
			t.Errorf("footnote config shows %s as %q, want [redacted]", k, shown[k])
		}
	}
	if shown["OPENAI_BASE_URL"] != env["OPENAI_BASE_URL"] {
		t.Errorf("footnote config shows OPENAI_BASE_URL as %q, want %q (it is not a secret)", shown["OPENAI_BASE_URL"], env["OPENAI_BASE_URL"])
	}
}
