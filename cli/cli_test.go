package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/cli"
)

// result is what one command line printed and returned.
type result struct {
	stdout, stderr string
	err            error
	code           int
}

// runCLI runs footnote with args and an environment made of env plus a
// fresh data directory (unless env sets one).
func runCLI(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	if _, ok := env["FOOTNOTE_DATA_DIR"]; !ok {
		if env == nil {
			env = map[string]string{}
		}
		env["FOOTNOTE_DATA_DIR"] = t.TempDir()
	}
	var out, errb bytes.Buffer
	err := cli.Run(context.Background(), args, func(k string) string { return env[k] }, &out, &errb)
	return result{out.String(), errb.String(), err, cli.ExitCode(err)}
}

func askJSON(t *testing.T, env map[string]string, args ...string) *answer.Answer {
	t.Helper()
	r := runCLI(t, env, append([]string{"ask", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("ask %v: exit %d, err %v, stderr %s", args, r.code, r.err, r.stderr)
	}
	var a answer.Answer
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("ask --json printed no JSON object: %v\n%s", err, r.stdout)
	}
	if dec.More() {
		t.Fatalf("ask --json printed more than one JSON value:\n%s", r.stdout)
	}
	return &a
}

func TestAskNamesGlasWithCitation(t *testing.T) {
	a := askJSON(t, nil, "Who was arrested at the Mexican embassy?")
	if a.Refused || !strings.Contains(a.Answer, "Jorge Glas") || !strings.Contains(a.Answer, "[1]") {
		t.Fatalf("answer %q (refused %v)", a.Answer, a.Refused)
	}
	if a.Mode != "extractive" || len(a.Citations) == 0 || len(a.Retrieved) < 5 {
		t.Fatalf("mode %s, %d citations, %d retrieved", a.Mode, len(a.Citations), len(a.Retrieved))
	}
	for _, c := range a.Citations {
		if !strings.Contains(c.Text, c.Quote) || c.Quote == "" || c.DocID == "" || c.ChunkID == "" || c.Title == "" {
			t.Errorf("citation %+v does not quote its chunk", c)
		}
	}
	var hasGlas bool
	for _, c := range a.Citations {
		hasGlas = hasGlas || strings.Contains(c.Quote, "Jorge Glas")
	}
	if !hasGlas {
		t.Error("no citation quotes the sentence naming Jorge Glas")
	}
}

// The JSON shape is a contract other tools read.
func TestAskJSONShape(t *testing.T) {
	r := runCLI(t, nil, "ask", "--json", "--k", "6", "Why did Mexico break diplomatic ties with Ecuador?")
	if r.code != 0 {
		t.Fatal(r.err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"question", "answer", "refused", "mode", "citations", "retrieved", "timings_ms"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	cit := m["citations"].([]any)[0].(map[string]any)
	for _, k := range []string{"n", "doc_id", "title", "source", "chunk_id", "text", "quote"} {
		if _, ok := cit[k]; !ok {
			t.Errorf("citation lacks %q", k)
		}
	}
	ret := m["retrieved"].([]any)
	if len(ret) != 6 {
		t.Errorf("--k 6 retrieved %d", len(ret))
	}
	for _, k := range []string{"chunk_id", "doc_id", "score", "text"} {
		if _, ok := ret[0].(map[string]any)[k]; !ok {
			t.Errorf("retrieved lacks %q", k)
		}
	}
}

func TestRefusals(t *testing.T) {
	for _, q := range []string{"What is the capital of France?", "Who won the World Cup?", "How do I bake sourdough bread?"} {
		a := askJSON(t, nil, q)
		if !a.Refused || len(a.Citations) != 0 {
			t.Errorf("%q: refused=%v answer=%q", q, a.Refused, a.Answer)
		}
	}
	r := runCLI(t, nil, "ask", "What is the capital of France?")
	if r.code != 0 || !strings.Contains(r.stdout, "don't say") {
		t.Errorf("refusal: exit %d, %q", r.code, r.stdout)
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	a := askJSON(t, nil, "Where is Glas being held now?", "--k", "7")
	if len(a.Retrieved) != 7 {
		t.Errorf("flag after the question ignored: %d retrieved", len(a.Retrieved))
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no command", nil, 2, "no command"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"no question", []string{"ask"}, 2, "give a question"},
		{"empty question", []string{"ask", "   "}, 2, "empty"},
		{"control characters only", []string{"ask", "\x00\x07\x1b"}, 2, "empty"},
		{"long question", []string{"ask", strings.Repeat("why ", 2500)}, 2, "at most"},
		{"unknown flag", []string{"ask", "--nope", "q"}, 2, "nope"},
		{"bad k flag names the flag", []string{"ask", "--k", "0", "q"}, 2, "--k: 0 is out of range"},
		{"misspelled command", []string{"aks", "q"}, 2, `did you mean "ask"?`},
		{"help for an unknown command", []string{"help", "summry"}, 2, `did you mean "summary"?`},
		{"unknown flag spelled with two dashes", []string{"ask", "-nope", "q"}, 2, "--nope"},
		{"bad length", []string{"summary", "--length", "huge"}, 2, "length"},
		{"missing corpus", []string{"ask", "--corpus", "/no/such/dir", "q"}, 1, "corpus folder"},
		{"eval without file", []string{"eval"}, 2, "question set"},
		{"eval missing file", []string{"eval", "/no/such.jsonl"}, 1, "question set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d (err %v)", r.code, tt.code, r.err)
			}
			if r.err == nil || !strings.Contains(r.err.Error(), tt.msg) || strings.Contains(r.err.Error(), "\n") {
				t.Fatalf("error %q, want one line mentioning %q", r.err, tt.msg)
			}
		})
	}
}

func TestControlCharactersAreCleaned(t *testing.T) {
	a := askJSON(t, nil, "Who\x00 was\tarrested at the\x1b Mexican embassy?")
	if a.Refused || !strings.Contains(a.Answer, "Glas") {
		t.Fatalf("answer %q", a.Answer)
	}
}

func TestHelp(t *testing.T) {
	// every command the usage lists, so that a new one is checked too
	var listed []string
	for _, line := range strings.Split(runCLI(t, nil, "help").stdout, "\n") {
		if f := strings.Fields(line); strings.HasPrefix(line, "  ") && len(f) > 1 && f[0] != "footnote" && f[0] != "help" {
			listed = append(listed, f[0])
		}
	}
	if len(listed) < 13 {
		t.Fatalf("help lists %d commands: %v", len(listed), listed)
	}
	for _, cmd := range listed {
		for _, args := range [][]string{{cmd, "--help"}, {"help", cmd}, {cmd, "-h"}} {
			r := runCLI(t, nil, args...)
			if r.code != 0 || !strings.HasPrefix(r.stdout, "Usage: footnote "+cmd) {
				t.Errorf("%v: exit %d, %q", args, r.code, r.stdout)
			}
			if regexp.MustCompile(`\n  -[^-]`).MatchString(r.stdout) {
				t.Errorf("%v shows a flag with one dash:\n%s", args, r.stdout)
			}
		}
	}
	for _, args := range [][]string{{"--help"}, {"help"}, {"-h"}} {
		if r := runCLI(t, nil, args...); r.code != 0 || !strings.Contains(r.stdout, "summary") || !strings.Contains(r.stdout, "version") {
			t.Errorf("%v: %q", args, r.stdout)
		}
	}
}

// Flags are shown as the README writes them, --name, with their defaults.
func TestHelpShowsDoubleDashFlags(t *testing.T) {
	r := runCLI(t, nil, "help", "ask")
	for _, want := range []string{"--corpus DIR", "--k N", "--json", "(default 5)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help ask lacks %q:\n%s", want, r.stdout)
		}
	}
}

// The command list is aligned in columns, whatever the longest name.
func TestUsageColumnsAlign(t *testing.T) {
	r := runCLI(t, nil, "help")
	col := -1
	for _, line := range strings.Split(r.stdout, "\n") {
		f := strings.Fields(line)
		if !strings.HasPrefix(line, "  ") || len(f) < 2 || strings.HasPrefix(line, "  footnote") {
			continue
		}
		at := strings.Index(line, f[1])
		if col >= 0 && at != col {
			t.Fatalf("description of %q starts at column %d, others at %d:\n%s", f[0], at, col, r.stdout)
		}
		col = at
	}
	if col < 0 {
		t.Fatal("no commands listed")
	}
}

// A bad value from the environment is still blamed on the variable.
func TestBadEnvironmentNamesTheVariable(t *testing.T) {
	r := runCLI(t, map[string]string{"FOOTNOTE_K": "0"}, "ask", "q")
	if r.code != 2 || !strings.Contains(r.err.Error(), "FOOTNOTE_K") || strings.Contains(r.err.Error(), "--k") {
		t.Fatalf("exit %d, err %v", r.code, r.err)
	}
}

// Every command that uses the configuration checks it before doing
// anything else (feedback once did not).
func TestConfiguredCommandsValidate(t *testing.T) {
	for _, args := range [][]string{{"ask", "q"}, {"chat"}, {"eval", "set.jsonl"}, {"feedback"}, {"ingest", "a.md"},
		{"playground"}, {"serve"}, {"sources"}, {"summary"}, {"timeline"}} {
		r := runCLI(t, map[string]string{"FOOTNOTE_K": "0", "DISCORD_TOKEN": "token"}, args...)
		if r.code != 2 || r.err == nil || !strings.Contains(r.err.Error(), "FOOTNOTE_K") {
			t.Errorf("%v with FOOTNOTE_K=0: exit %d, err %v", args, r.code, r.err)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := runCLI(t, nil, args...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "footnote ") || strings.Count(r.stdout, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", args, r.code, r.stdout)
		}
	}
	// version and help need no valid configuration
	r := runCLI(t, map[string]string{"FOOTNOTE_K": "many"}, "version")
	if r.code != 0 {
		t.Errorf("version with a broken environment: %v", r.err)
	}
}

// A corpus with broken files: each is skipped with a warning naming it, the
// rest still answers.
func TestBadCorpusFiles(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../corpus/000_81644a94c58555c8.md")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"seed.md":        seed,
		"binary.txt":     {0x00, 0x01, 0x02, 'a'},
		"latin1.txt":     {'c', 'a', 'f', 0xe9, '\n'},
		"broken.md":      []byte("---\ntitle: [unclosed\n---\nbody\n"),
		"unclosed.md":    []byte("---\ntitle: x\nbody without end\n"),
		"empty.md":       []byte("   \n\n"),
		"notes.pdf":      []byte("%PDF-1.4"),
		"unreadable.txt": []byte("secret"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "unreadable.txt"), 0); err != nil {
		t.Fatal(err)
	}
	a := runCLI(t, nil, "ask", "--corpus", dir, "Who was arrested at the Mexican embassy?")
	if a.code != 0 || !strings.Contains(a.stdout, "Glas") {
		t.Fatalf("exit %d: %v\n%s", a.code, a.err, a.stderr)
	}
	wantSkipped := []string{"binary.txt", "latin1.txt", "broken.md", "unclosed.md", "empty.md"}
	if os.Geteuid() != 0 { // root reads files whatever their mode
		wantSkipped = append(wantSkipped, "unreadable.txt")
	}
	for _, name := range wantSkipped {
		if !strings.Contains(a.stderr, name) {
			t.Errorf("no warning names %s:\n%s", name, a.stderr)
		}
	}
	if strings.Contains(a.stderr, "notes.pdf") {
		t.Error("a file of another type was warned about instead of ignored")
	}
}

func TestEmptyCorpus(t *testing.T) {
	r := runCLI(t, nil, "ask", "--corpus", t.TempDir(), "Who?")
	if r.code != 1 || !strings.Contains(r.err.Error(), "no readable articles") {
		t.Fatalf("exit %d, err %v", r.code, r.err)
	}
}

func TestSourcesAndSummary(t *testing.T) {
	r := runCLI(t, nil, "sources")
	if r.code != 0 || !strings.Contains(r.stdout, "The Associated Press") || !strings.Contains(r.stdout, "2024-04-06") {
		t.Fatalf("sources: %v\n%s", r.err, r.stdout)
	}
	r = runCLI(t, nil, "summary", "--json", "--length", "short")
	var s answer.Summary
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil || r.code != 0 {
		t.Fatalf("summary: %v %v", err, r.err)
	}
	if len(s.Points) != 3 || len(s.Citations) == 0 {
		t.Fatalf("short summary has %d points, %d citations", len(s.Points), len(s.Citations))
	}
	for _, p := range s.Points {
		if p.N < 1 || p.N > len(s.Citations) || !strings.Contains(s.Citations[p.N-1].Text, p.Text) {
			t.Errorf("point %q cites [%d] which does not hold it", p.Text, p.N)
		}
	}
	long := runCLI(t, nil, "summary", "--json", "--length", "long")
	var l answer.Summary
	if err := json.Unmarshal([]byte(long.stdout), &l); err != nil || len(l.Points) <= len(s.Points) {
		t.Fatalf("long summary: %d points, err %v", len(l.Points), err)
	}
	f := runCLI(t, nil, "summary", "--focus", "bitcoin")
	if f.code != 0 || !strings.Contains(f.stdout, "nothing about") {
		t.Fatalf("focus with no match: %q", f.stdout)
	}
}

func TestEvalMeetsTheBars(t *testing.T) {
	r := runCLI(t, nil, "eval", "--strict", "--json", "../testdata/eval/seed-dev.jsonl")
	if r.code != 0 {
		t.Fatalf("eval below the bars: %v\n%s", r.err, r.stdout)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	t.Logf("seed-dev: recall@5 %.3f, answer hit %.3f, cited %.3f, precision %.3f, refusals %.3f, false refusals %.3f",
		rep["recall_at_k"], rep["answer_hit"], rep["cited_answers"], rep["citation_precision"], rep["refusal_accuracy"], rep["false_refusals"])
}

// A held-out set is measured without showing what it asks: --figures-only
// prints the figures and no question or answer, in text and JSON.
func TestEvalFiguresOnlyShowsNoQuestion(t *testing.T) {
	set := filepath.Join(t.TempDir(), "heldout.jsonl")
	line := `{"id": "h1", "question": "Which regatta crew capsized twice?", "answerable": true, "expect": ["Harbour Club"], "gold": ["The Harbour Club crew capsized twice"]}` + "\n"
	if err := os.WriteFile(set, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, nil, "eval", set); !strings.Contains(r.stdout, "regatta") {
		t.Fatalf("without the flag the miss is listed: %q", r.stdout)
	}
	for _, args := range [][]string{{"eval", "--figures-only", set}, {"eval", "--figures-only", "--json", set}} {
		r := runCLI(t, nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "recall") {
			t.Fatalf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
		if strings.Contains(r.stdout, "regatta") || strings.Contains(r.stdout, "h1") {
			t.Errorf("%v shows the question: %q", args, r.stdout)
		}
	}
}

// --baseline measures the plain BM25 picker on the same set: it never
// refuses a question that shares a word with the article, so on seed-dev
// it refuses fewer of the unanswerable ones than footnote does.
func TestEvalBaseline(t *testing.T) {
	refusals := func(args ...string) float64 {
		r := runCLI(t, nil, append([]string{"eval", "--json"}, args...)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %v", args, r.code, r.err)
		}
		var rep struct {
			RefusalAccuracy float64 `json:"refusal_accuracy"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatal(err)
		}
		return rep.RefusalAccuracy
	}
	if own, base := refusals("../testdata/eval/seed-dev.jsonl"), refusals("--baseline", "../testdata/eval/seed-dev.jsonl"); base >= own {
		t.Errorf("refusal accuracy: baseline %.3f, footnote %.3f", base, own)
	}
}

// A question set about other articles is measured, but the user is told why
// everything misses and how to point eval at its corpus.
func TestEvalWarnsWhenTheSetIsAboutAnotherCorpus(t *testing.T) {
	set := filepath.Join(t.TempDir(), "other.jsonl")
	line := `{"id": "o1", "question": "Who won the regatta?", "answerable": true, "expect": ["Harbour Club"], "gold": ["The Harbour Club won the autumn regatta on Sunday"]}` + "\n"
	if err := os.WriteFile(set, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "eval", set)
	if r.code != 0 || !strings.Contains(r.stderr, "--corpus") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	// the built-in article's own set gets no such warning
	if r := runCLI(t, nil, "eval", "../testdata/eval/seed-dev.jsonl"); strings.Contains(r.stderr, "gold passages") {
		t.Errorf("warned on the built-in set: %s", r.stderr)
	}
}
