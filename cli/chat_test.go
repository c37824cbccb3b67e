package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/eval"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

// chatRun runs the built footnote chat with stdin as its input (a pipe, not
// a terminal), offline unless told --offline=false, in a fresh home.
// Arguments with "=" and no leading "-" are environment variables.
func chatRun(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	bin := binary(t)
	h := newHome(t)
	flags := []string{"chat", "--offline"}
	env := h.env
	for _, a := range args {
		if !strings.HasPrefix(a, "-") && strings.Contains(a, "=") {
			env = append(env, a)
		} else {
			flags = append(flags, a)
		}
	}
	cmd := exec.Command(bin, flags...)
	cmd.Env = env
	cmd.Dir = h.dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run chat: %v", err)
	}
	return out.String(), errb.String(), code
}

// chatAnswers decodes chat --json's output: one answer object a line.
func chatAnswers(t *testing.T, out string) []answer.Answer {
	t.Helper()
	var as []answer.Answer
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var a answer.Answer
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line %q is not one JSON answer: %v", sc.Text(), err)
		}
		as = append(as, a)
	}
	return as
}

func TestChatJSONReadsFollowUps(t *testing.T) {
	in := strings.Join([]string{
		"Who is Alicia Bárcena?",
		"What did she post on X?",
		"", // blank lines are skipped
		"What did Nicaragua do?",
		"And Colombia?",
		"/new",
		"What did she post on X?",
		"/exit",
		"Who was arrested?", // after /exit: never asked
	}, "\n")
	out, errs, code := chatRun(t, in, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	as := chatAnswers(t, out)
	if len(as) != 5 {
		t.Fatalf("%d answers, want 5:\n%s", len(as), out)
	}
	tests := []struct {
		question, standalone, about string
	}{
		{"Who is Alicia Bárcena?", "Who is Alicia Bárcena?", "Bárcena"},
		{"What did she post on X?", "What did Bárcena post on X?", "posted on the social platform X"},
		{"What did Nicaragua do?", "What did Nicaragua do?", "Nicaragua"},
		{"And Colombia?", "What did Colombia do?", "Colombia"},
		// a new conversation: "she" is no one now
		{"What did she post on X?", "What did she post on X?", ""},
	}
	for i, tt := range tests {
		a := as[i]
		if a.Question != tt.question || a.StandaloneQuestion != tt.standalone {
			t.Errorf("answer %d: question %q read as %q, want %q read as %q", i+1, a.Question, a.StandaloneQuestion, tt.question, tt.standalone)
		}
		if tt.about != "" && (a.Refused || !strings.Contains(a.Answer, tt.about)) {
			t.Errorf("answer %d to %q is not about %q: %q", i+1, tt.standalone, tt.about, a.Answer)
		}
		if len(a.Citations) == 0 && !a.Refused {
			t.Errorf("answer %d has no citation", i+1)
		}
	}
}

func TestChatForPeopleShowsTheReading(t *testing.T) {
	out, errs, code := chatRun(t, "What did Nicaragua do?\nAnd Colombia?\n")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if n := strings.Count(out, "Answering: "); n != 1 || !strings.Contains(out, "Answering: What did Colombia do?") {
		t.Errorf("want one \"Answering: What did Colombia do?\" line, under the follow-up:\n%s", out)
	}
	if !strings.Contains(out, "Sources") && !strings.Contains(out, "[1]") {
		t.Errorf("answers without sources:\n%s", out)
	}
}

func TestChatBadLinesAreReportedAndSkipped(t *testing.T) {
	in := "/nonsense\n" + strings.Repeat("why ", 400) + "\nWhat did Nicaragua do?\n"
	out, errs, code := chatRun(t, in, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if as := chatAnswers(t, out); len(as) != 1 || as[0].Question != "What did Nicaragua do?" {
		t.Errorf("answers %+v, want only the good question's", as)
	}
	for _, want := range []string{"line 1: unknown command /nonsense", "line 2: the question is"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if strings.Count(strings.TrimSpace(errs), "\n") != 1 {
		t.Errorf("want one line per bad line on stderr:\n%s", errs)
	}
}

func TestChatUsage(t *testing.T) {
	r := runCLI(t, nil, "chat", "Who was arrested?")
	if r.code != 2 || !strings.Contains(r.err.Error(), "no arguments") {
		t.Errorf("chat with an argument: exit %d, err %v", r.code, r.err)
	}
	r = runCLI(t, nil, "chat", "--eval", "no-such-file.jsonl")
	if r.code != 1 || !strings.Contains(r.err.Error(), "conversation set") {
		t.Errorf("chat --eval on a missing file: exit %d, err %v", r.code, r.err)
	}
}

// TestChatConversationSets measures the project's conversation sets through
// chat --eval: the standalone readings of follow-ups must be right (the
// resolver's own measure); the answer hits, which also depend on the
// extractive engine, are logged.
func TestChatConversationSets(t *testing.T) {
	sets := []struct {
		file, corpus string
	}{
		{"conversations.jsonl", ""},
		{"conversations-heldout.jsonl", ""},
		{"conversations-multi.jsonl", "../testdata/corpus-multi"},
		{"conversations-multi-heldout.jsonl", "../testdata/corpus-multi"},
		{"conversations-heldout2.jsonl", ""},
		{"conversations-multi-heldout2.jsonl", "../testdata/corpus-multi"},
	}
	for _, s := range sets {
		t.Run(s.file, func(t *testing.T) {
			args := []string{"chat", "--offline", "--json", "--eval", "../testdata/eval/" + s.file}
			if s.corpus != "" {
				args = append(args, "--corpus", s.corpus)
			}
			r := runCLI(t, nil, args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %v\n%s", r.code, r.err, r.stderr)
			}
			var rep eval.ConversationReport
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d conversations, first-turn hit %.3f, follow-up hit %.3f, resolved %.3f of %d",
				s.file, rep.Conversations, rep.FirstHit, rep.FollowUpHit, rep.Resolved, rep.ResolvedTurns)
			if rep.ResolvedTurns == 0 || rep.Resolved < 0.75 {
				for _, m := range rep.Misses {
					if m.Measure == "standalone" {
						t.Logf("%s %q read as %q", m.ID, m.Question, m.Got)
					}
				}
				t.Errorf("resolved follow-ups %.3f, want at least 0.75", rep.Resolved)
			}
		})
	}
}

// TestChatWithModelCondensesAndFallsBack: with a model, the model rewrites
// a follow-up; when it fails to, the offline resolver reads it instead.
func TestChatWithModelCondensesAndFallsBack(t *testing.T) {
	for _, tt := range []struct {
		name, modelReads, want string
	}{
		{"model reads", "What did Colombia ask Honduras to do about the embassy raid?", "What did Colombia ask Honduras to do about the embassy raid?"},
		{"model fails", "", "What did Colombia do?"},
		// an echo that differs only in case and punctuation is no rewriting
		{"model echoes", "and colombia", "And Colombia?"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.NewServer(llmtest.WithResponder(func(r llmtest.ChatRequest) llmtest.Reply {
				if strings.Contains(r.LastUser(), "<conversation>") {
					if tt.modelReads == "" {
						return llmtest.Reply{Fault: llmtest.Fault{Status: http.StatusBadRequest}}
					}
					return llmtest.Reply{Text: tt.modelReads}
				}
				return good(r)
			}))
			defer srv.Close()
			out, errs, code := chatRun(t, "What did Nicaragua do?\nAnd Colombia?\n", "--json", "--offline=false",
				"OPENAI_BASE_URL="+srv.URL(), "FOOTNOTE_MODEL_TIMEOUT=5s")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			as := chatAnswers(t, out)
			if len(as) != 2 {
				t.Fatalf("%d answers, want 2:\n%s", len(as), out)
			}
			if as[1].StandaloneQuestion != tt.want || as[1].Mode != answer.ModeGenerative {
				t.Errorf("follow-up read as %q (mode %s), want %q", as[1].StandaloneQuestion, as[1].Mode, tt.want)
			}
		})
	}
}
