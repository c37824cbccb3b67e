package cli_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// readmeBlock is a fenced block of the README: its language, its first
// line's number and its text, and the file the README says it is (a
// "<!-- readme-test file: PATH -->" comment just above it).
type readmeBlock struct {
	lang, text, file string
	line             int
}

var fileComment = regexp.MustCompile(`^<!-- readme-test file: (\S+) -->$`)

// readmeBlocks parses the fenced blocks of a Markdown document.
func readmeBlocks(doc string) ([]readmeBlock, error) {
	var out []readmeBlock
	var cur *readmeBlock
	var file string
	sc := bufio.NewScanner(strings.NewReader(doc))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &readmeBlock{lang: strings.TrimSpace(strings.TrimPrefix(line, "```")), line: n + 1, file: file}
		case cur != nil && strings.TrimSpace(line) == "```":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.text += line + "\n"
		}
		if cur == nil {
			file = ""
			if m := fileComment.FindStringSubmatch(line); m != nil {
				file = m[1]
			}
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("block opened on line %d is never closed", cur.line-1)
	}
	return out, sc.Err()
}

// shellLine is one command of a sh block: its words, with variable
// assignments before the command split off.
type shellLine struct {
	line   int
	assign []string // NAME=value before the command, or after export
	export bool     // an export line: assign only, for the rest of the block
	words  []string
	raw    string
}

// shellLines splits a sh block into commands: comments dropped, "\"
// continuations joined, words split with single and double quotes as sh
// does (no expansions but "~/" at a word's start, which the caller does).
func shellLines(b readmeBlock) ([]shellLine, error) {
	var out []shellLine
	lines := strings.Split(strings.TrimRight(b.text, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		n := b.line + i
		raw := lines[i]
		for strings.HasSuffix(raw, "\\") && i+1 < len(lines) {
			i++
			raw = strings.TrimSuffix(raw, "\\") + " " + lines[i]
		}
		words, err := splitWords(raw)
		if err != nil {
			return nil, fmt.Errorf("README line %d: %w", n, err)
		}
		if len(words) == 0 {
			continue
		}
		sl := shellLine{line: n, raw: strings.TrimSpace(raw)}
		if words[0] == "export" {
			sl.export, words = true, words[1:]
		}
		for len(words) > 0 && isAssignment(words[0]) {
			sl.assign, words = append(sl.assign, words[0]), words[1:]
		}
		sl.words = words
		out = append(out, sl)
	}
	return out, nil
}

var assignment = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

func isAssignment(w string) bool { return assignment.MatchString(w) }

// splitWords splits a line into words as sh does for quotes, stopping at
// a # that starts a word.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case unicode.IsSpace(r):
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case r == '#' && !inWord:
			return words, nil
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote", quote)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// readmeRun is how the test runs one README command with the built binary:
// the arguments to give it, or why it is not run.
func readmeRun(words []string) (args []string, skip string) {
	switch {
	case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == ".":
		args = words[3:]
	case words[0] == "footnote" || words[0] == "./footnote":
		args = words[1:]
	case len(words) >= 2 && words[0] == "go" && words[1] == "test":
		return nil, "runs the test suite this test is part of"
	case len(words) >= 2 && words[0] == "go" && words[1] == "build":
		return nil, "the test built the binary with this very command before running the others"
	case len(words) >= 2 && words[0] == "go" && words[1] == "install":
		return nil, "needs the network to download the module"
	case words[0] == "docker":
		return nil, "needs Docker and the network (deploy/ tests the Dockerfile)"
	case words[0] == "source" && len(words) >= 2 && strings.HasPrefix(words[1], "<(") && strings.HasSuffix(words[len(words)-1], ")"):
		// source <(CMD): CMD must run; the completion tests run its script
		inner := append([]string(nil), words[1:]...)
		inner[0] = strings.TrimPrefix(inner[0], "<(")
		inner[len(inner)-1] = strings.TrimSuffix(inner[len(inner)-1], ")")
		return readmeRun(inner)
	default:
		return nil, ""
	}
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			return []string{"serve", "--help"}, "" // needs a Discord token and the network: its help is checked
		case "playground":
			return []string{"playground", "--help"}, "" // serves until stopped: its help is checked
		}
	}
	return args, ""
}

// Every command in the README's sh blocks runs as typed, offline, in a
// fresh home folder, with the binary `go build -o footnote .` makes, and
// succeeds; an ask it runs gets a cited answer. Commands that need a
// service are checked with --help, and those the test cannot run are
// listed with the reason.
func TestREADMECommands(t *testing.T) {
	bin := binary(t)
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := readmeBlocks(string(data))
	if err != nil {
		t.Fatal(err)
	}
	h := newHome(t)
	work := filepath.Join(h.dir, "work")
	repoTestdata, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(repoTestdata, filepath.Join(work, "testdata")); err != nil {
		t.Fatal(err)
	}
	// The README's example files, written where it says they are.
	for _, b := range blocks {
		if b.file == "" {
			continue
		}
		p := filepath.Join(work, filepath.FromSlash(b.file))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	down := closedURL(t)
	ran := 0
	for _, b := range blocks {
		if b.lang != "sh" {
			continue
		}
		lines, err := shellLines(b)
		if err != nil {
			t.Fatal(err)
		}
		blockEnv := append([]string(nil), h.env...)
		for _, sl := range lines {
			env := blockEnv
			if sl.export {
				blockEnv = append(blockEnv, readmeModelEnv(sl.assign, down)...)
				continue
			}
			env = append(append([]string(nil), env...), readmeModelEnv(sl.assign, down)...)
			if runReadmeLine(t, bin, work, h.dir, env, sl) {
				ran++
			}
		}
	}
	if ran < 5 {
		t.Errorf("ran %d README commands; the README's sh blocks were not found", ran)
	}
	// Nothing was written outside the home folder's data, cache and work.
	entries, err := os.ReadDir(h.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case ".local", ".cache", "work", ".config":
		default:
			t.Errorf("README commands wrote %s in the home folder", e.Name())
		}
	}
}

// runReadmeLine runs one README command in work with env and checks it
// succeeded; it reports whether the command was run.
func runReadmeLine(t *testing.T, bin, work, homeDir string, env []string, sl shellLine) bool {
	t.Helper()
	args, skip := readmeRun(sl.words)
	if skip != "" {
		t.Logf("README line %d not run: %s: %s", sl.line, skip, sl.raw)
		return false
	}
	if args == nil {
		t.Errorf("README line %d: the test does not know how to run %q; teach readmeRun, or write it outside a sh block", sl.line, sl.raw)
		return false
	}
	for i, a := range args {
		if strings.HasPrefix(a, "~/") {
			args[i] = filepath.Join(homeDir, a[2:])
		}
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = work, env
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Errorf("README line %d: %s: %v\nstdout:\n%s\nstderr:\n%s", sl.line, sl.raw, err, stdout.String(), stderr.String())
		return true
	}
	if stdout.Len() == 0 {
		t.Errorf("README line %d: %s printed nothing", sl.line, sl.raw)
	}
	if args[0] == "ask" && !strings.Contains(stdout.String(), "\nSources:\n") {
		t.Errorf("README line %d: %s gave no cited answer:\n%s", sl.line, sl.raw, stdout.String())
	}
	return true
}

// readmeModelEnv returns the assignments with any model endpoint replaced by one
// that is down (the test runs offline; a README example that configures a
// model must still answer, extractively) and a short model deadline.
func readmeModelEnv(assign []string, down string) []string {
	var out []string
	for _, a := range assign {
		if strings.HasPrefix(a, "OPENAI_BASE_URL=") || strings.HasPrefix(a, "OPENAI_API_KEY=") {
			out = append(out, "OPENAI_BASE_URL="+down, "FOOTNOTE_MODEL_TIMEOUT=5s")
		}
		out = append(out, a)
	}
	// the endpoint replacement must win over the README's value
	var final []string
	for _, a := range out {
		if strings.HasPrefix(a, "OPENAI_BASE_URL=") && a != "OPENAI_BASE_URL="+down {
			continue
		}
		final = append(final, a)
	}
	return final
}

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`footnote ask "Who was arrested?"`, []string{"footnote", "ask", "Who was arrested?"}},
		{`go run . ask --corpus my-corpus 'What did the OAS decide?'`, []string{"go", "run", ".", "ask", "--corpus", "my-corpus", "What did the OAS decide?"}},
		{`export A=1 B=2   # a comment`, []string{"export", "A=1", "B=2"}},
		{`x "a#b" c#d`, []string{"x", "a#b", "c#d"}},
		{`""`, []string{""}},
		{``, nil},
	}
	for _, tt := range tests {
		got, err := splitWords(tt.in)
		if err != nil || strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("splitWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := splitWords(`ask "unclosed`); err == nil {
		t.Error("an unclosed quote is not an error")
	}
}

func FuzzSplitWords(f *testing.F) {
	for _, s := range []string{`footnote ask "Q?"`, `a 'b c' "d e" # f`, `"`, `'x`, `\`, "a\tb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := splitWords(s)
		if err != nil {
			return
		}
		for _, w := range words {
			if strings.ContainsAny(w, `"'`) && !strings.ContainsAny(s, `"'`) {
				t.Fatalf("word %q has a quote the line %q lacks", w, s)
			}
		}
	})
}

func TestReadmeBlocks(t *testing.T) {
	doc := "text\n<!-- readme-test file: notes/a.md -->\n```markdown\n# A\n```\n\n```sh\nfootnote ask \"Q\"\n```\n"
	bs, err := readmeBlocks(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].file != "notes/a.md" || bs[0].text != "# A\n" || bs[1].lang != "sh" || bs[1].file != "" || bs[1].line != 8 {
		t.Fatalf("%+v", bs)
	}
	if _, err := readmeBlocks("```sh\nx\n"); err == nil {
		t.Error("an unclosed block is not an error")
	}
}
