package answer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/llm"
	"github.com/footnote-bot/footnote/llm/llmtest"
	"github.com/footnote-bot/footnote/retrieval"
)

// The scripted set (testdata/scripted) is answers written the way real
// models write them, over a small corpus of invented wire reports in English
// and Spanish: paraphrases, sentences ending in quotations, sentences resting
// on two sources, lists, Spanish answers from English articles and the
// reverse, mixed with invented details, wrong numbers, reversed claims and
// wrong source numbers. Every sentence is labelled supported or not. The
// held-out part was written with the rest, before any tuning, and is only
// measured.

type scriptedSentence struct {
	Label string `json:"label"` // supported or unsupported
	Kind  string `json:"kind"`
	Text  string `json:"text"` // with [doc-id] markers
	// Judge is the scripted judge's verdict when it is not the label's
	// (the judge makes mistakes too).
	Judge string `json:"judge"`
}

type scriptedAnswer struct {
	ID        string             `json:"id"`
	Split     string             `json:"split"`
	Question  string             `json:"question"`
	Language  string             `json:"language"`
	Format    string             `json:"format"`
	Sentences []scriptedSentence `json:"sentences"`
	// Repair is what the model writes when asked to repair an answer none
	// of whose sentences survived.
	Repair []scriptedSentence `json:"repair"`
}

// clientModel is answer.ChatModel over the real llm client, as the command
// line wires it.
type clientModel struct{ c *llm.Client }

func (m clientModel) Stream(ctx context.Context, system, user string, onDelta func(string)) (string, error) {
	text, _, err := m.c.ChatStream(ctx, []llm.Message{{Role: "system", Content: system}, {Role: "user", Content: user}}, llm.ChatOptions{}, onDelta)
	return text, err
}

func (m clientModel) Complete(ctx context.Context, system, user string) (string, error) {
	text, _, err := m.c.Chat(ctx, []llm.Message{{Role: "system", Content: system}, {Role: "user", Content: user}}, llm.ChatOptions{MaxTokens: 200})
	return text, err
}

func newClient(t testing.TB, srv *llmtest.Server, timeout time.Duration) *llm.Client {
	t.Helper()
	c, err := llm.New(llm.Config{BaseURL: srv.URL(), ChatModel: "scripted", Timeout: timeout, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	scriptedOnce sync.Once
	scriptedIx   *retrieval.Index
	scriptedSet  []scriptedAnswer
	scriptedErr  error
)

// loadScripted returns the scripted corpus's index and the answers.
func loadScripted(t testing.TB) (*retrieval.Index, []scriptedAnswer) {
	t.Helper()
	scriptedOnce.Do(func() {
		docs, skipped, err := corpus.Load(os.DirFS("testdata/scripted/corpus"))
		if err != nil || len(skipped) > 0 {
			scriptedErr = fmt.Errorf("load corpus: %v %v", err, skipped)
			return
		}
		scriptedIx, _, scriptedErr = retrieval.Build(context.Background(), docs, retrieval.Options{})
		if scriptedErr != nil {
			return
		}
		data, err := os.ReadFile("testdata/scripted/answers.json")
		if err != nil {
			scriptedErr = err
			return
		}
		scriptedErr = json.Unmarshal(data, &scriptedSet)
	})
	if scriptedErr != nil {
		t.Fatal(scriptedErr)
	}
	return scriptedIx, scriptedSet
}

var (
	promptSource = regexp.MustCompile(`<source n="(\d+)" title="([^"]*)"`)
	docMarker    = regexp.MustCompile(`\[([a-z]+-[a-z]{2})\]`)
	anyMarker    = regexp.MustCompile(`\s*\[[^\]]*\]`)
	judgeClaim   = regexp.MustCompile(`(?m)^(\d+)\. \(cites [^)]*\) (.*)$`)
)

// plain is a scripted sentence as the answer shows it: without markers.
func plain(s string) string { return strings.TrimSpace(anyMarker.ReplaceAllString(s, "")) }

// scriptedModel plays the model for one scripted answer: it writes the
// answer (and the repair) with the prompt's source numbers, and judges
// claims as the script says.
type scriptedModel struct {
	t        testing.TB
	ix       *retrieval.Index
	a        *scriptedAnswer
	noJudge  bool // the judge call fails (400)
	mu       sync.Mutex
	judged   int
	repaired int
}

func (m *scriptedModel) respond(r llmtest.ChatRequest) llmtest.Reply {
	system, user := r.Messages[0].Content, r.LastUser()
	switch {
	case strings.HasPrefix(system, "You check"):
		m.mu.Lock()
		m.judged++
		m.mu.Unlock()
		if m.noJudge {
			return llmtest.Reply{Fault: llmtest.Fault{Status: 400}}
		}
		return llmtest.Reply{Text: m.verdicts(user)}
	case strings.Contains(system, "Your previous answer could not be shown"):
		m.mu.Lock()
		m.repaired++
		m.mu.Unlock()
		if len(m.a.Repair) == 0 {
			return llmtest.Reply{Text: "NOT_IN_SOURCES"}
		}
		return llmtest.Reply{Text: m.render(m.a.Repair, user)}
	}
	return llmtest.Reply{Text: m.render(m.a.Sentences, user)}
}

// render writes sentences as the model would, citing the numbers the
// prompt gives each document.
func (m *scriptedModel) render(ss []scriptedSentence, prompt string) string {
	num := map[string]string{}
	for _, sm := range promptSource.FindAllStringSubmatch(prompt, -1) {
		for _, d := range m.ix.Documents() {
			if d.Title == sm[2] {
				num[d.ID] = sm[1]
			}
		}
	}
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = docMarker.ReplaceAllStringFunc(s.Text, func(mk string) string {
			id := mk[1 : len(mk)-1]
			n, ok := num[id]
			if !ok {
				m.t.Errorf("%s: %s is not among the prompt's sources", m.a.ID, id)
			}
			return "[" + n + "]"
		})
	}
	if m.a.Format == "bullets" {
		return "- " + strings.Join(parts, "\n- ")
	}
	return strings.Join(parts, " ")
}

// verdicts answers a judge prompt: the script's verdict for each claim.
func (m *scriptedModel) verdicts(prompt string) string {
	out := map[string]string{}
	for _, cm := range judgeClaim.FindAllStringSubmatch(prompt, -1) {
		v := ""
		for _, s := range append(append([]scriptedSentence{}, m.a.Sentences...), m.a.Repair...) {
			if lang.Fold(plain(s.Text)) == lang.Fold(cm[2]) {
				v = scriptedVerdict(s)
			}
		}
		if v == "" {
			m.t.Errorf("%s: the judge was asked about %q, which the script does not have", m.a.ID, cm[2])
			v = answer.VerdictNotSupported
		}
		out[cm[1]] = v
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// scriptedVerdict is what a careful judge says of a sentence, unless the
// script gives it a mistake.
func scriptedVerdict(s scriptedSentence) string {
	switch {
	case s.Judge != "":
		return s.Judge
	case s.Label == "supported":
		return answer.VerdictSupported
	case s.Kind == "reversed" || s.Kind == "negation" || s.Kind == "number" || s.Kind == "swap" || s.Kind == "misquote":
		return answer.VerdictContradicts
	}
	return answer.VerdictNotSupported
}

// figures are the three measures of the issue over a set of answers.
type figures struct {
	supported, shown       int
	unsupported, removed   int
	answers, generative    int
	judgeCalls, repairCall int
}

func (f figures) String() string {
	return fmt.Sprintf("supported shown %.3f (%d/%d), unsupported removed %.3f (%d/%d), generative %.3f (%d/%d)",
		ratio(f.shown, f.supported), f.shown, f.supported, ratio(f.removed, f.unsupported), f.removed, f.unsupported,
		ratio(f.generative, f.answers), f.generative, f.answers)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// runScripted puts every answer of a split through the generator, the real
// llm client and the local server, and measures what a reader is shown.
func runScripted(t *testing.T, split string, noJudge bool) figures {
	ix, set := loadScripted(t)
	srv := llmtest.NewServer()
	defer srv.Close()
	gen := answer.NewGenerator(answer.NewEngine(ix), clientModel{newClient(t, srv, 10*time.Second)}, 10*time.Second, nil)
	var f figures
	for i := range set {
		a := &set[i]
		if a.Split != split {
			continue
		}
		m := &scriptedModel{t: t, ix: ix, a: a, noJudge: noJudge}
		srv.SetResponder(m.respond)
		got, err := gen.Ask(context.Background(), answer.Request{Question: a.Question, K: 20})
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		f.answers++
		generative := got.Mode == answer.ModeGenerative
		if generative {
			f.generative++
		}
		reasons := map[string]string{}
		if got.Verification != nil {
			for _, c := range got.Verification.Claims {
				reasons[c.Text] = fmt.Sprintf("%s: %s (judge %q)", c.Check, c.Reason, c.Judge)
			}
		}
		for _, s := range append(append([]scriptedSentence{}, a.Sentences...), a.Repair...) {
			shown := generative && strings.Contains(got.Answer, plain(s.Text))
			switch {
			case s.Label == "supported" && shown:
				f.supported++
				f.shown++
			case s.Label == "supported":
				f.supported++
				t.Logf("%s: supported %s sentence removed: %q — %s", a.ID, s.Kind, plain(s.Text), reasons[plain(s.Text)])
			case shown:
				f.unsupported++
				t.Logf("%s: unsupported %s sentence shown: %q — %s", a.ID, s.Kind, plain(s.Text), reasons[plain(s.Text)])
			default:
				f.unsupported++
				f.removed++
			}
		}
		f.judgeCalls += m.judged
		f.repairCall += m.repaired
	}
	return f
}

// The bars, with the model's judge: supported sentences shown at
// least 0.95, unsupported ones removed at least 0.98, answers staying
// generative at least 0.90, on the tuning part and on the held-out part.
// Without the judge (its call fails), the lexical checks alone are
// measured, against lower floors on the tuning part.
func TestScriptedAnswers(t *testing.T) {
	for _, split := range []string{"tune", "heldout"} {
		t.Run(split+"/judge", func(t *testing.T) {
			f := runScripted(t, split, false)
			t.Logf("%s with the judge: %s; %d judge calls, %d repairs", split, f, f.judgeCalls, f.repairCall)
			if ratio(f.shown, f.supported) < 0.95 || ratio(f.removed, f.unsupported) < 0.98 || ratio(f.generative, f.answers) < 0.90 {
				t.Errorf("%s with the judge: %s; want at least 0.95, 0.98, 0.90", split, f)
			}
			if f.judgeCalls == 0 || f.repairCall == 0 {
				t.Errorf("the judge was called %d times and repair %d times", f.judgeCalls, f.repairCall)
			}
		})
		t.Run(split+"/lexical", func(t *testing.T) {
			f := runScripted(t, split, true)
			t.Logf("%s, lexical checks only: %s", split, f)
			if split == "heldout" {
				return // measured and reported, not a bar
			}
			if ratio(f.shown, f.supported) < lexicalShownFloor || ratio(f.removed, f.unsupported) < lexicalRemovedFloor || ratio(f.generative, f.answers) < 0.90 {
				t.Errorf("%s, lexical checks only: %s; want at least %.2f, %.2f, 0.90", split, f, lexicalShownFloor, lexicalRemovedFloor)
			}
		})
	}
}

// Floors for the lexical checks alone (the judge failing): regressions
// show here first.
const (
	lexicalShownFloor   = 0.80
	lexicalRemovedFloor = 0.80
)
