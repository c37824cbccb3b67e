package cli_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/llm/llmtest"
)

// modelEnv points footnote at a local OpenAI-compatible server.
func modelEnv(t *testing.T, srv *llmtest.Server, extra ...string) map[string]string {
	env := map[string]string{
		"OPENAI_BASE_URL":        srv.URL(),
		"FOOTNOTE_DATA_DIR":      t.TempDir(),
		"FOOTNOTE_MODEL_TIMEOUT": "5s",
	}
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	return env
}

// newModelServer starts a stand-in model API with opts for the test,
// closed when it ends.
func newModelServer(t *testing.T, opts ...llmtest.Option) *llmtest.Server {
	t.Helper()
	srv := llmtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

var sourceRe = regexp.MustCompile(`(?s)<source n="(\d+)"[^>]*>\n(.*?)\n</source>`)

// sourcesIn returns the passages of a rendered prompt, by number.
func sourcesIn(prompt string) map[string]string {
	out := map[string]string{}
	for _, m := range sourceRe.FindAllStringSubmatch(prompt, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// firstSentence returns a passage's first sentence.
func firstSentence(p string) string {
	if i := strings.Index(p, ". "); i > 0 {
		return p[:i+1]
	}
	return p
}

// good answers with source 1's first sentence, cited.
func good(r llmtest.ChatRequest) llmtest.Reply {
	return llmtest.Reply{Text: firstSentence(sourcesIn(r.LastUser())["1"]) + " [1]"}
}

func TestEmbeddingRequestsAreBatchedAndCached(t *testing.T) {
	srv := newModelServer(t, llmtest.WithResponder(good))
	env := modelEnv(t, srv, "FOOTNOTE_EMBED_BATCH", "5")
	a := askJSON(t, env, "Who was arrested at the Mexican embassy?")
	if a.Mode != "generative" {
		t.Fatalf("mode %s, note %q", a.Mode, a.Note)
	}
	inputs := srv.EmbeddingInputs()
	// chunk batches of at most five, then the question alone
	chunks := 0
	for _, n := range inputs[:len(inputs)-1] {
		if n > 5 {
			t.Fatalf("a batch of %d inputs; the limit is 5", n)
		}
		chunks += n
	}
	if want := (chunks + 4) / 5; len(inputs)-1 != want {
		t.Fatalf("%d chunks took %d requests, want ceil(%d/5) = %d", chunks, len(inputs)-1, chunks, want)
	}
	before := srv.Requests(llmtest.Embeddings)
	askJSON(t, env, "Where is Glas being held now?")
	if got := srv.Requests(llmtest.Embeddings) - before; got != 1 {
		t.Fatalf("a restart on an unchanged corpus made %d embedding requests; want 1 (the question)", got)
	}
}

func TestGenerativeCitationsAreVerified(t *testing.T) {
	srv := newModelServer(t)
	var prompt string
	srv.SetResponder(func(r llmtest.ChatRequest) llmtest.Reply {
		if !strings.Contains(r.LastUser(), "<sources>") {
			return llmtest.Reply{Text: "{}"} // the judge: no verdicts, the lexical ones stand
		}
		prompt = r.LastUser()
		src := sourcesIn(prompt)
		// A true sentence from source 1 cited [1] and [7] (there are five
		// sources), and a made-up claim cited to source 1.
		return llmtest.Reply{Text: firstSentence(src["1"]) + " [1][7] The raid killed 4,000 people in Lima. [1]"}
	})
	a := askJSON(t, modelEnv(t, srv), "Who was arrested at the Mexican embassy?")
	if a.Mode != "generative" || a.Verification == nil {
		t.Fatalf("mode %s, verification %v, note %q", a.Mode, a.Verification, a.Note)
	}
	if len(sourcesIn(prompt)) != 5 {
		t.Fatalf("prompt had %d sources, want 5", len(sourcesIn(prompt)))
	}
	if strings.Contains(a.Answer, "[7]") || strings.Contains(a.Answer, "4,000") {
		t.Fatalf("unverified content kept: %q", a.Answer)
	}
	if !strings.Contains(a.Answer, "[1]") || len(a.Citations) != 1 {
		t.Fatalf("the supported sentence lost its citation: %q, %d citations", a.Answer, len(a.Citations))
	}
	dropped := strings.Join(a.Verification.Dropped, "|")
	if !strings.Contains(dropped, "[7]") || len(a.Verification.Unsupported) != 1 || !strings.Contains(a.Verification.Unsupported[0], "4,000") {
		t.Fatalf("verification %+v", a.Verification)
	}
	if !strings.Contains(a.Citations[0].Text, a.Citations[0].Quote) {
		t.Fatalf("citation quote %q is not in its chunk", a.Citations[0].Quote)
	}
}

func TestNoValidCitationFallsBack(t *testing.T) {
	srv := newModelServer(t)
	srv.SetResponder(func(llmtest.ChatRequest) llmtest.Reply {
		return llmtest.Reply{Text: "Glas was arrested by Martian police in 1999. [9] Nobody knows why."}
	})
	a := askJSON(t, modelEnv(t, srv), "Who was arrested at the Mexican embassy?")
	if a.Mode != "extractive" || !strings.Contains(a.Note, "could not be verified") || !strings.Contains(a.Answer, "Glas") {
		t.Fatalf("mode %s, note %q, answer %q", a.Mode, a.Note, a.Answer)
	}
}

func TestNotInSourcesRefuses(t *testing.T) {
	srv := newModelServer(t)
	srv.SetResponder(func(llmtest.ChatRequest) llmtest.Reply { return llmtest.Reply{Text: "NOT_IN_SOURCES"} })
	a := askJSON(t, modelEnv(t, srv), "What did the court rule in May?")
	if !a.Refused || a.Mode != "generative" || len(a.Citations) != 0 {
		t.Fatalf("refused %v mode %s citations %d", a.Refused, a.Mode, len(a.Citations))
	}
}

func TestModelFaults(t *testing.T) {
	t.Run("429 then success", func(t *testing.T) {
		srv := newModelServer(t, llmtest.WithResponder(good))
		srv.QueueFaults(llmtest.Chat, llmtest.RateLimited(10*time.Millisecond))
		a := askJSON(t, modelEnv(t, srv), "Who was arrested at the Mexican embassy?")
		// the 429, the answer, then the judge of its claims
		if a.Mode != "generative" || srv.Requests(llmtest.Chat) != 3 {
			t.Fatalf("mode %s after %d chat requests, note %q", a.Mode, srv.Requests(llmtest.Chat), a.Note)
		}
	})
	t.Run("three 500s", func(t *testing.T) {
		srv := newModelServer(t, llmtest.WithResponder(good))
		srv.SetFault(llmtest.Chat, &llmtest.Fault{Status: 500})
		a := askJSON(t, modelEnv(t, srv), "Who was arrested at the Mexican embassy?")
		if a.Mode != "extractive" || !strings.Contains(a.Note, "did not answer") || !strings.Contains(a.Answer, "Glas") {
			t.Fatalf("mode %s, note %q", a.Mode, a.Note)
		}
		if srv.Requests(llmtest.Chat) < 3 {
			t.Fatalf("gave up after %d requests", srv.Requests(llmtest.Chat))
		}
	})
	t.Run("401", func(t *testing.T) {
		srv := newModelServer(t, llmtest.WithResponder(good))
		srv.SetFault(llmtest.Chat, &llmtest.Fault{Status: 401})
		a := askJSON(t, modelEnv(t, srv, "FOOTNOTE_API_EMBEDDINGS", "false"), "Who was arrested at the Mexican embassy?")
		if a.Mode != "extractive" || a.Note == "" || srv.Requests(llmtest.Chat) != 1 {
			t.Fatalf("mode %s, note %q, %d requests", a.Mode, a.Note, srv.Requests(llmtest.Chat))
		}
	})
	t.Run("hangs past the deadline", func(t *testing.T) {
		srv := newModelServer(t, llmtest.WithResponder(good))
		srv.SetFault(llmtest.Chat, &llmtest.Fault{Hang: true})
		start := time.Now()
		a := askJSON(t, modelEnv(t, srv, "FOOTNOTE_MODEL_TIMEOUT", "300ms", "FOOTNOTE_API_EMBEDDINGS", "false"), "Who was arrested at the Mexican embassy?")
		if a.Mode != "extractive" || !strings.Contains(a.Note, "timed out") {
			t.Fatalf("mode %s, note %q", a.Mode, a.Note)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("took %v with a 300ms model deadline", d)
		}
	})
}

func TestSpanishQuestionGetsSpanishInstruction(t *testing.T) {
	srv := newModelServer(t)
	var system string
	srv.SetResponder(func(r llmtest.ChatRequest) llmtest.Reply {
		system = r.Messages[0].Content
		return llmtest.Reply{Text: "NOT_IN_SOURCES"}
	})
	askJSON(t, modelEnv(t, srv), "¿A quién arrestó la policía en la embajada de México?")
	if !strings.Contains(system, "Write the answer in Spanish") {
		t.Fatalf("system prompt:\n%s", system)
	}
}

func TestOfflineFlagSkipsTheModel(t *testing.T) {
	srv := newModelServer(t)
	a := askJSON(t, modelEnv(t, srv), "--offline", "Who was arrested at the Mexican embassy?")
	if a.Mode != "extractive" || srv.Requests(llmtest.Chat) != 0 || srv.Requests(llmtest.Embeddings) != 0 {
		t.Fatalf("mode %s, %d chat and %d embedding requests", a.Mode, srv.Requests(llmtest.Chat), srv.Requests(llmtest.Embeddings))
	}
}
