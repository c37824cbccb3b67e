package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sourceIDs runs `footnote sources --json` with args and returns the ids.
func sourceIDs(t *testing.T, env map[string]string, args ...string) map[string]bool {
	t.Helper()
	r := runCLI(t, env, append([]string{"sources", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("sources %v: exit %d, %v\n%s", args, r.code, r.err, r.stderr)
	}
	var list []struct{ ID string }
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("sources --json: %v\n%s", err, r.stdout)
	}
	out := map[string]bool{}
	for _, a := range list {
		out[a.ID] = true
	}
	return out
}

// An article ingested with --guild is that server's: listed, asked and
// dated there, and not in the shared corpus or another server's.
func TestGuildFlag(t *testing.T) {
	data := t.TempDir()
	env := map[string]string{"FOOTNOTE_DATA_DIR": data}
	art := filepath.Join(t.TempDir(), "pilots.md")
	body := "---\ntitle: Harbour pilots strike\ndate: 2024-04-11\n---\n\nThe harbour pilots of Puerto Lindo stopped work on Thursday after the port authority doubled their night shifts.\n"
	if err := os.WriteFile(art, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	const a, b = "175928847299117063", "286032516467654656"
	if r := runCLI(t, env, "ingest", "--guild", a, art); r.code != 0 {
		t.Fatalf("ingest --guild: exit %d, %v\n%s", r.code, r.err, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "guilds", a, "corpus", "pilots.md")); err != nil {
		t.Fatalf("the article is not in the server's folder: %v", err)
	}
	if !sourceIDs(t, env, "--guild", a)["pilots"] {
		t.Error("sources --guild A does not list A's article")
	}
	if sourceIDs(t, env, "--guild", b)["pilots"] || sourceIDs(t, env)["pilots"] {
		t.Error("A's article is listed outside A")
	}
	ans := askJSON(t, env, "--guild", a, "Why did the harbour pilots stop work?")
	if !strings.Contains(ans.Answer, "night shifts") {
		t.Errorf("ask --guild A does not answer from A's article: %q", ans.Answer)
	}
	ans = askJSON(t, env, "--guild", b, "Why did the harbour pilots stop work?")
	for _, c := range ans.Citations {
		if c.DocID == "pilots" {
			t.Errorf("ask --guild B cites A's article: %+v", c)
		}
	}
	if r := runCLI(t, env, "timeline", "--guild", a); r.code != 0 || !strings.Contains(r.stdout, "2024-04-11") {
		t.Errorf("timeline --guild A: exit %d, %v\n%s", r.code, r.err, r.stdout)
	}
}

func TestGuildFlagRejectsWhatIsNotAServerID(t *testing.T) {
	for _, bad := range []string{"abc", "12 34", "-5", "123456789012345678901"} {
		for _, cmd := range []string{"sources", "ask", "timeline", "summary"} {
			args := []string{cmd, "--guild", bad}
			if cmd == "ask" {
				args = append(args, "Who was arrested?")
			}
			r := runCLI(t, nil, args...)
			if r.code == 0 || !strings.Contains(r.stderr+errText(r.err), "guild") {
				t.Errorf("%s --guild %q: exit %d, stderr %q", cmd, bad, r.code, r.stderr)
			}
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestDataDirectoryOfThePreviousVersion: a data directory the version
// before servers had their own articles wrote (../testdata/datadir-v1)
// keeps working: its added article is in the shared corpus and no
// server's, and its database opens (migrated) with its votes.
func TestDataDirectoryOfThePreviousVersion(t *testing.T) {
	data := t.TempDir()
	src := filepath.Join("..", "testdata", "datadir-v1")
	for _, f := range []string{"footnote.db", filepath.Join("corpus", "harbour.md")} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(data, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"FOOTNOTE_DATA_DIR": data}
	if !sourceIDs(t, env)["harbour"] {
		t.Error("the article added by the previous version is not in the shared corpus")
	}
	if sourceIDs(t, env, "--guild", "175928847299117063")["harbour"] {
		t.Error("the article added by the previous version is in a server's corpus")
	}
	r := runCLI(t, env, "feedback", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"MessageID": "m1"`) {
		t.Errorf("feedback on the old database: exit %d, %v\n%s%s", r.code, r.err, r.stdout, r.stderr)
	}
}
