package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := runCLI(t, nil, "completion", shell)
		if r.code != 0 {
			t.Fatalf("completion %s: %v", shell, r.err)
		}
		wants := []string{"ask", "--corpus", "timeline", "--length"}
		if shell == "fish" {
			wants = []string{"ask", "-l corpus", "timeline", "-l length"}
		}
		for _, want := range wants {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s script lacks %q", shell, want)
			}
		}
	}
	if r := runCLI(t, nil, "completion", "tcsh"); r.code != 2 || !strings.Contains(r.err.Error(), "bash, zsh or fish") {
		t.Errorf("unknown shell: exit %d, %v", r.code, r.err)
	}
	if r := runCLI(t, nil, "completion"); r.code != 2 {
		t.Errorf("no shell: exit %d", r.code)
	}
}

// complete runs the bash script the way bash's completion does and returns
// the candidates for the command line words (the last one being completed).
func complete(t *testing.T, script string, words ...string) []string {
	t.Helper()
	var quoted []string
	for _, w := range words {
		quoted = append(quoted, "'"+w+"'")
	}
	prog := script + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" + itoa(len(words)-1) +
		"\n_footnote\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
	cmd := exec.Command("bash", "--norc", "--noprofile", "-c", prog)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

func itoa(n int) string { return strconv.Itoa(n) }

// The bash script completes commands, a command's flags and folders for
// --corpus, when run by bash itself.
func TestBashCompletionCompletes(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed; the script's text is checked by TestCompletionScripts")
	}
	script := runCLI(t, nil, "completion", "bash").stdout
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"footnote", "as"}, []string{"ask"}},
		{[]string{"footnote", "ti"}, []string{"timeline"}},
		{[]string{"footnote", "ask", "--j"}, []string{"--json"}},
		{[]string{"footnote", "summary", "--l"}, []string{"--length"}},
		{[]string{"footnote", "help", "pl"}, []string{"playground"}},
		{[]string{"footnote", "completion", "f"}, []string{"fish"}},
	}
	for _, tt := range tests {
		if got := complete(t, script, tt.words...); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%v: got %v, want %v", tt.words, got, tt.want)
		}
	}
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "articles"), 0o755); err != nil {
		t.Fatal(err)
	}
	got := complete(t, script, "footnote", "ask", "--corpus", filepath.Join(dir, "art"))
	if len(got) != 1 || got[0] != filepath.Join(dir, "articles") {
		t.Errorf("--corpus completes %v, want the folder", got)
	}
}

// zsh and fish check their scripts' syntax when they are installed.
func TestZshAndFishScriptsParse(t *testing.T) {
	for _, sh := range []struct{ shell, flag string }{{"zsh", "-n"}, {"fish", "--no-execute"}} {
		t.Run(sh.shell, func(t *testing.T) {
			if _, err := exec.LookPath(sh.shell); err != nil {
				t.Skipf("%s is not installed", sh.shell)
			}
			f := filepath.Join(t.TempDir(), "script")
			if err := os.WriteFile(f, []byte(runCLI(t, nil, "completion", sh.shell).stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(sh.shell, sh.flag, f).CombinedOutput(); err != nil {
				t.Fatalf("%s rejects the script: %v\n%s", sh.shell, err, out)
			}
		})
	}
}
