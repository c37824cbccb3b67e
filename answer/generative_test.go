package answer_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

// scriptedServer answers the answer prompt with reply (its [doc-id] markers
// numbered as the prompt numbers the documents) and the judge prompt with
// judge's result; repair prompts get repair ("" means NOT_IN_SOURCES).
type scriptedServer struct {
	t   *testing.T
	srv *llmtest.Server
	gen *answer.Generator
	// mu guards the requests the server's handler records: a judge call
	// that hangs past the deadline is still being served when the test
	// reads them.
	mu     sync.Mutex
	judges []llmtest.ChatRequest
	repair []llmtest.ChatRequest
}

// judged returns the judge requests received so far.
func (s *scriptedServer) judged() []llmtest.ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]llmtest.ChatRequest(nil), s.judges...)
}

// repairs returns the repair requests received so far.
func (s *scriptedServer) repairs() []llmtest.ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]llmtest.ChatRequest(nil), s.repair...)
}

func newScriptedServer(t *testing.T, timeout time.Duration, reply string, judge func(llmtest.ChatRequest) llmtest.Reply, repair string) *scriptedServer {
	t.Helper()
	ix, _ := loadScripted(t)
	s := &scriptedServer{t: t, srv: llmtest.NewServer()}
	t.Cleanup(s.srv.Close)
	m := &scriptedModel{t: t, ix: ix, a: &scriptedAnswer{ID: t.Name()}}
	s.srv.SetResponder(func(r llmtest.ChatRequest) llmtest.Reply {
		system := r.Messages[0].Content
		switch {
		case strings.HasPrefix(system, "You check"):
			s.mu.Lock()
			s.judges = append(s.judges, r)
			s.mu.Unlock()
			return judge(r)
		case strings.Contains(system, "Your previous answer could not be shown"):
			s.mu.Lock()
			s.repair = append(s.repair, r)
			s.mu.Unlock()
			if repair == "" {
				return llmtest.Reply{Text: "NOT_IN_SOURCES"}
			}
			return llmtest.Reply{Text: m.render([]scriptedSentence{{Text: repair}}, r.LastUser())}
		}
		return llmtest.Reply{Text: m.render([]scriptedSentence{{Text: reply}}, r.LastUser())}
	})
	s.gen = answer.NewGenerator(answer.NewEngine(ix), clientModel{newClient(t, s.srv, timeout)}, timeout, nil)
	return s
}

func (s *scriptedServer) ask(q string) *answer.Answer {
	s.t.Helper()
	a, err := s.gen.Ask(context.Background(), answer.Request{Question: q, K: 20})
	if err != nil {
		s.t.Fatal(err)
	}
	return a
}

// claimCheck returns the report of the claim whose text starts with prefix.
func claimCheck(t *testing.T, a *answer.Answer, prefix string) answer.ClaimCheck {
	t.Helper()
	if a.Verification == nil {
		t.Fatalf("no verification: %+v", a)
	}
	for _, c := range a.Verification.Claims {
		if strings.HasPrefix(c.Text, prefix) {
			return c
		}
	}
	t.Fatalf("no claim %q in %+v", prefix, a.Verification.Claims)
	return answer.ClaimCheck{}
}

// verdictsFor judges every claim the same way.
func verdictsFor(v string) func(llmtest.ChatRequest) llmtest.Reply {
	return func(r llmtest.ChatRequest) llmtest.Reply {
		out := []string{}
		for _, m := range judgeClaim.FindAllStringSubmatch(r.LastUser(), -1) {
			out = append(out, fmt.Sprintf("%q: %q", m[1], v))
		}
		return llmtest.Reply{Text: "{" + strings.Join(out, ", ") + "}"}
	}
}

// An answer with a supported sentence, one that fails the lexical checks
// and one that passes them although it is false (Ecuador did not abstain).
const threeClaims = "Ecuador cast the only vote against the resolution. [oas-en] " +
	"The resolution was sponsored by Brazil. [oas-en] " +
	"Ecuador abstained in the vote on the resolution. [oas-en]"

// When the judge fails, times out or answers nonsense, every claim keeps
// its lexical verdict, and the report says what became of the judge.
func TestJudgeFailureKeepsLexicalVerdict(t *testing.T) {
	tests := []struct {
		name    string
		judge   func(llmtest.ChatRequest) llmtest.Reply
		timeout time.Duration
		status  string
	}{
		{"error", func(llmtest.ChatRequest) llmtest.Reply { return llmtest.Reply{Fault: llmtest.Fault{Status: 400}} }, 10 * time.Second, answer.JudgeFailed},
		{"server error", func(llmtest.ChatRequest) llmtest.Reply { return llmtest.Reply{Fault: llmtest.ServerError()} }, 10 * time.Second, answer.JudgeFailed},
		{"unreadable", func(llmtest.ChatRequest) llmtest.Reply { return llmtest.Reply{Text: "They all look fine to me."} }, 10 * time.Second, answer.JudgeFailed},
		{"hangs past the deadline", func(llmtest.ChatRequest) llmtest.Reply { return llmtest.Reply{Fault: llmtest.Hang()} }, time.Second, answer.JudgeTimedOut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScriptedServer(t, tt.timeout, threeClaims, tt.judge, "")
			a := s.ask("How did Ecuador vote at the OAS?")
			if a.Mode != answer.ModeGenerative || a.Verification.Judge != tt.status || len(s.judged()) == 0 {
				t.Fatalf("mode %s, judge %q after %d judge calls, note %q", a.Mode, a.Verification.Judge, len(s.judged()), a.Note)
			}
			if c := claimCheck(t, a, "Ecuador cast"); !c.Supported || c.Judge != "" || c.Check != answer.CheckOverlap {
				t.Errorf("supported claim: %+v", c)
			}
			if c := claimCheck(t, a, "The resolution was sponsored"); c.Supported || c.Check != answer.CheckNames {
				t.Errorf("invented name: %+v", c)
			}
			// the lexical checks let this one through, and without a judge it stays
			if c := claimCheck(t, a, "Ecuador abstained"); !c.Supported || c.Judge != "" {
				t.Errorf("lexical verdict not kept: %+v", c)
			}
		})
	}
}

// The judge rules out a claim the lexical checks passed, and its verdict is
// reported; a claim it was not asked about keeps its lexical reason.
func TestJudgeRemovesWhatItContradicts(t *testing.T) {
	s := newScriptedServer(t, 10*time.Second, threeClaims, func(r llmtest.ChatRequest) llmtest.Reply {
		user := r.LastUser()
		if strings.Contains(user, "Brazil") {
			t.Errorf("the judge was asked about a claim that failed the name check:\n%s", user)
		}
		verdicts := map[string]string{}
		for _, m := range judgeClaim.FindAllStringSubmatch(user, -1) {
			verdicts[m[1]] = answer.VerdictSupported
			if strings.Contains(m[2], "abstained") {
				verdicts[m[1]] = answer.VerdictContradicts
			}
		}
		return llmtest.Reply{Text: fmt.Sprintf("```json\n%s\n```", jsonOf(verdicts))}
	}, "")
	a := s.ask("How did Ecuador vote at the OAS?")
	if a.Verification.Judge != answer.JudgeOK || strings.Contains(a.Answer, "abstained") || !strings.Contains(a.Answer, "Ecuador cast") {
		t.Fatalf("judge %q, answer %q", a.Verification.Judge, a.Answer)
	}
	if c := claimCheck(t, a, "Ecuador abstained"); c.Supported || c.Check != answer.CheckJudge || c.Judge != answer.VerdictContradicts {
		t.Errorf("contradicted claim: %+v", c)
	}
	if c := claimCheck(t, a, "Ecuador cast"); !c.Supported || c.Check != answer.CheckJudge || c.Judge != answer.VerdictSupported {
		t.Errorf("confirmed claim: %+v", c)
	}
	if n := len(s.judged()); n != 1 {
		t.Errorf("%d judge calls; the claims are judged in one", n)
	}
}

// Numbers, names and quotations are a hard gate: a judge that calls every
// claim supported reinstates a paraphrase the word overlap missed, but not
// a wrong number, a wrong name or a misquotation — it is not even asked.
func TestJudgeCannotReinstateHardFailures(t *testing.T) {
	reply := "The resolution passed with 33 votes in favour. [oas-en] " +
		"Officers stormed the diplomatic mission after dark on Friday and took the former vice president into custody. [raid-en] " +
		"The resolution was sponsored by Brazil. [oas-en] " +
		"The council called the raid “an act of war.” [oas-en]"
	s := newScriptedServer(t, 10*time.Second, reply, verdictsFor(answer.VerdictSupported), "")
	a := s.ask("What did the OAS decide?")
	for prefix, check := range map[string]string{"The resolution passed": answer.CheckNumbers, "The resolution was sponsored": answer.CheckNames, "The council called": answer.CheckQuote} {
		if c := claimCheck(t, a, prefix); c.Supported || c.Check != check || c.Judge != "" {
			t.Errorf("%s: %+v, want removed by %s without a verdict", prefix, c, check)
		}
	}
	if c := claimCheck(t, a, "Officers stormed"); !c.Supported || c.Check != answer.CheckJudge {
		t.Errorf("paraphrase: %+v, want kept by the judge", c)
	}
	if strings.Contains(a.Answer, "33") || strings.Contains(a.Answer, "Brazil") || strings.Contains(a.Answer, "act of war") {
		t.Errorf("answer %q", a.Answer)
	}
}

// A Spanish answer citing an English passage is held to the passage's
// names, numbers and meaning, read across the languages.
func TestSpanishAnswerOnEnglishPassage(t *testing.T) {
	reply := "El Consejo Permanente de la OEA aprobó una resolución que condena el asalto, con veintinueve votos a favor. [oas-en] " +
		"La resolución obtuvo 31 votos a favor. [oas-en] " +
		"El Consejo Permanente de la OEA aprobó la resolución a pedido de Bolivia. [oas-en] " +
		"La economía ecuatoriana creció con fuerza el último trimestre. [oas-en] " +
		"Ecuador votó a favor de la resolución. [oas-en]"
	s := newScriptedServer(t, 10*time.Second, reply, func(llmtest.ChatRequest) llmtest.Reply { return llmtest.Reply{Fault: llmtest.Fault{Status: 400}} }, "")
	a := s.ask("¿Qué decidió la OEA?")
	tests := []struct {
		prefix string
		ok     bool
		check  string
	}{
		{"El Consejo Permanente de la OEA aprobó una resolución", true, answer.CheckOverlap},
		{"La resolución obtuvo 31", false, answer.CheckNumbers},
		{"El Consejo Permanente de la OEA aprobó la resolución a pedido de Bolivia", false, answer.CheckNames},
		{"La economía", false, answer.CheckOverlap},
		{"Ecuador votó a favor", false, answer.CheckNegation},
	}
	for _, tt := range tests {
		if c := claimCheck(t, a, tt.prefix); c.Supported != tt.ok || c.Check != tt.check {
			t.Errorf("%q: supported %v by %s (%s), want %v by %s", tt.prefix, c.Supported, c.Check, c.Reason, tt.ok, tt.check)
		}
	}
	if a.Mode != answer.ModeGenerative || len(a.Citations) != 1 || a.Citations[0].DocID != "oas-en" {
		t.Fatalf("mode %s, citations %+v", a.Mode, a.Citations)
	}
}

// When no sentence survives, the model is told which failed and why, and
// its repaired answer is checked like the first.
func TestRepairRound(t *testing.T) {
	s := newScriptedServer(t, 10*time.Second, "Luis Almagro is the president of Uruguay. [oea-es]", verdictsFor(answer.VerdictSupported),
		"Luis Almagro is the secretary general of the OAS. [oea-es]")
	a := s.ask("Who is Luis Almagro?")
	if a.Mode != answer.ModeGenerative || !a.Verification.Repaired || !strings.Contains(a.Answer, "secretary general") {
		t.Fatalf("mode %s, repaired %v, answer %q, note %q", a.Mode, a.Verification.Repaired, a.Answer, a.Note)
	}
	if rs := s.repairs(); len(rs) != 1 || !strings.Contains(rs[0].LastUser(), "president of Uruguay") || !strings.Contains(rs[0].LastUser(), `"Uruguay" is not in`) {
		t.Fatalf("repair prompts: %d, %v", len(rs), rs)
	}
	// a repair that fails too ends in the extractive answer
	s = newScriptedServer(t, 10*time.Second, "Luis Almagro is the president of Uruguay. [oea-es]", verdictsFor(answer.VerdictSupported),
		"Luis Almagro is the president of Paraguay. [oea-es]")
	a = s.ask("Who is Luis Almagro?")
	if a.Mode != answer.ModeExtractive || !strings.Contains(a.Note, "could not be verified") || len(s.repairs()) != 1 {
		t.Fatalf("mode %s, note %q, %d repairs", a.Mode, a.Note, len(s.repairs()))
	}
}

// failingModel fails every call with err.
type failingModel struct{ err error }

func (m failingModel) Stream(context.Context, string, string, func(string)) (string, error) {
	return "", m.err
}
func (m failingModel) Complete(context.Context, string, string) (string, error) { return "", m.err }

// A fallback note gives the reader a short reason, never the error's text:
// not the endpoint's address, not the server's words, not a cut character.
func TestFallbackNoteHidesTheError(t *testing.T) {
	ix, _ := loadScripted(t)
	long := strings.Repeat("é", 200)
	tests := []struct {
		name   string
		err    error
		reason string
	}{
		{"refused key", fmt.Errorf("chat stream: %w", &statusErr{401, "Incorrect API key provided: sk-secret at http://10.0.0.7:8080/v1"}), "refused the API key"},
		{"server error", fmt.Errorf("chat stream: %w", &statusErr{503, "upstream http://10.0.0.7:8080 " + long}), "server error"},
		{"rate limited", &statusErr{429, "slow down"}, "rate-limiting"},
		{"deadline", fmt.Errorf("chat stream: %w", context.DeadlineExceeded), "timed out"},
		{"other", errors.New("Post \"http://10.0.0.7:8080/v1/chat/completions\": " + long), "request failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := answer.NewGenerator(answer.NewEngine(ix), failingModel{tt.err}, time.Second, nil)
			a, err := g.Ask(context.Background(), answer.Request{Question: "Who was arrested at the Mexican embassy?"})
			if err != nil {
				t.Fatal(err)
			}
			if a.Mode != answer.ModeExtractive || !strings.Contains(a.Note, tt.reason) || !strings.HasPrefix(a.Note, "The language model did not answer (") {
				t.Fatalf("note %q, want the reason %q", a.Note, tt.reason)
			}
			for _, leak := range []string{"10.0.0.7", "http", "sk-", "é", "slow down"} {
				if strings.Contains(a.Note, leak) {
					t.Errorf("note %q shows %q", a.Note, leak)
				}
			}
			if !utf8.ValidString(a.Note) {
				t.Errorf("note %q is not valid UTF-8", a.Note)
			}
		})
	}
}

// statusErr is an HTTP error as package llm reports it.
type statusErr struct {
	code int
	msg  string
}

func (e *statusErr) Error() string   { return fmt.Sprintf("http %d: %s", e.code, e.msg) }
func (e *statusErr) HTTPStatus() int { return e.code }

// A summary's focus longer than the limit is a one-line error, before the
// model is asked.
func TestSummaryFocusTooLong(t *testing.T) {
	ix, _ := loadScripted(t)
	g := answer.NewGenerator(answer.NewEngine(ix), failingModel{errors.New("must not be called")}, time.Second, nil)
	_, err := g.Summarize(context.Background(), answer.SummaryOptions{Focus: strings.Repeat("the OAS ", 40)}, nil)
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("err = %v", err)
	}
}

func jsonOf(m map[string]string) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%q: %q", k, v))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// A generated summary's points go through the same checks: a point with a
// number its source lacks is removed even when the judge calls it
// supported, and the kept points stay a list.
func TestSummaryPointsAreVerified(t *testing.T) {
	ix, _ := loadScripted(t)
	srv := llmtest.NewServer()
	defer srv.Close()
	srv.SetResponder(func(r llmtest.ChatRequest) llmtest.Reply {
		if strings.HasPrefix(r.Messages[0].Content, "You check") {
			return verdictsFor(answer.VerdictSupported)(r)
		}
		m := promptSourceText.FindStringSubmatch(r.LastUser())
		first, _, _ := strings.Cut(m[1], ". ")
		return llmtest.Reply{Text: "- " + first + ". [1]\n- The raid left 4,000 people dead. [1]"}
	})
	g := answer.NewGenerator(answer.NewEngine(ix), clientModel{newClient(t, srv, 10*time.Second)}, 10*time.Second, nil)
	s, err := g.Summarize(context.Background(), answer.SummaryOptions{Length: "short"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Mode != answer.ModeGenerative || len(s.Points) != 1 || s.Points[0].N != 1 || strings.Contains(s.Summary, "4,000") || !strings.HasPrefix(s.Summary, "- ") {
		t.Fatalf("mode %s, points %+v, summary %q, note %q", s.Mode, s.Points, s.Summary, s.Note)
	}
	if !strings.Contains(s.Note, "1 unsupported point") {
		t.Errorf("note %q", s.Note)
	}
}

var promptSourceText = regexp.MustCompile(`(?s)<source n="1"[^>]*>\n(.*?)\n</source>`)
