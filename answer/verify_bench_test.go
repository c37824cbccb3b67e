package answer_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/llm/llmtest"
)

// countingModel counts what the judge calls send and receive.
type countingModel struct {
	answer.ChatModel
	mu                       sync.Mutex
	judgeCalls               int
	judgeIn, judgeOut        int // words, the local server's token unit
	judgeInChars, judgeOutCh int
}

func (m *countingModel) Complete(ctx context.Context, system, user string) (string, error) {
	out, err := m.ChatModel.Complete(ctx, system, user)
	if strings.HasPrefix(system, "You check") {
		m.mu.Lock()
		m.judgeCalls++
		m.judgeIn += len(strings.Fields(system)) + len(strings.Fields(user))
		m.judgeInChars += len(system) + len(user)
		m.judgeOut += len(strings.Fields(out))
		m.judgeOutCh += len(out)
		m.mu.Unlock()
	}
	return out, err
}

// BenchmarkScriptedAsk answers the whole scripted set through the real
// client and the local server, with the judge and with the judge failing
// at once (the lexical checks alone), and reports per answer: the judge's
// added latency and size (words, the local server's token unit, and
// characters/4, a usual estimate of real tokens), the lexical checks' time,
// and footnote's own time besides the model calls.
func BenchmarkScriptedAsk(b *testing.B) {
	ix, set := loadScripted(b)
	for _, mode := range []string{"judge", "lexical"} {
		b.Run(mode, func(b *testing.B) {
			srv := llmtest.NewServer()
			defer srv.Close()
			m := &countingModel{ChatModel: clientModel{newClient(b, srv, 10*time.Second)}}
			gen := answer.NewGenerator(answer.NewEngine(ix), m, 10*time.Second, nil)
			var answers int
			var judgeMS, verifyMS, modelMS, overheadMS float64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for k := range set {
					a := &set[k]
					sm := &scriptedModel{t: b, ix: ix, a: a, noJudge: mode == "lexical"}
					srv.SetResponder(sm.respond)
					got, err := gen.Ask(context.Background(), answer.Request{Question: a.Question, K: 20})
					if err != nil {
						b.Fatal(err)
					}
					tm := got.TimingsMS
					answers++
					judgeMS += tm["judge"]
					verifyMS += tm["verify"]
					modelMS += tm["model"]
					overheadMS += tm["total"] - tm["model"] - tm["judge"] - tm["repair"]
				}
			}
			n := float64(answers)
			b.ReportMetric(judgeMS/n, "judge_ms/answer")
			b.ReportMetric(modelMS/n, "answer_model_ms/answer")
			b.ReportMetric(verifyMS/n, "verify_ms/answer")
			b.ReportMetric(overheadMS/n, "footnote_ms/answer")
			b.ReportMetric(float64(m.judgeIn)/n, "judge_in_words/answer")
			b.ReportMetric(float64(m.judgeOut)/n, "judge_out_words/answer")
			b.ReportMetric(float64(m.judgeInChars)/4/n, "judge_in_tok≈/answer")
			b.ReportMetric(float64(m.judgeOutCh)/4/n, "judge_out_tok≈/answer")
			b.ReportMetric(float64(m.judgeCalls)/n, "judge_calls/answer")
		})
	}
}
