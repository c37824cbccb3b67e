package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestNilMetricsDoNothing(t *testing.T) {
	var m *Metrics
	m.Question(ModeGenerative, OutcomeAnswered)
	m.ObserveAck(time.Second)
	m.ObserveAnswer(ModeExtractive, time.Second)
	m.ObserveRetrieval(time.Millisecond)
	m.Tokens(10, 20)
	m.ModelError(ModelErrorTimeout)
	m.EmbeddingRequest()
	m.SetQueueDepth(3)
	m.AddQueueDepth(-1)
	m.Pin(PinPinned)
	m.Vote(VoteUp)
	m.SetIndexed(1, 2)
}

func TestCountersAndGauges(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	m := New(reg)

	m.Question(ModeGenerative, OutcomeAnswered)
	m.Question(ModeGenerative, OutcomeAnswered)
	m.Question(ModeGenerative, OutcomeFellBack)
	m.Question(ModeExtractive, OutcomeRefused)
	m.Question("bogus", OutcomeFailed)
	m.Tokens(100, 30)
	m.Tokens(5, -1)
	m.ModelError(ModelErrorRateLimited)
	m.ModelError("connection reset by peer: something unbounded")
	m.EmbeddingRequest()
	m.EmbeddingRequest()
	m.SetQueueDepth(4)
	m.AddQueueDepth(-1)
	m.Pin(PinPinned)
	m.Pin(PinLimit)
	m.Pin(PinLimit)
	m.Vote(VoteUp)
	m.Vote(VoteDown)
	m.Vote(VoteDown)
	m.SetIndexed(12, 340)

	for _, c := range []struct {
		name string
		got  prometheus.Collector
		want float64
	}{
		{"answered", m.questions.WithLabelValues(ModeGenerative, OutcomeAnswered), 2},
		{"fell back", m.questions.WithLabelValues(ModeGenerative, OutcomeFellBack), 1},
		{"refused", m.questions.WithLabelValues(ModeExtractive, OutcomeRefused), 1},
		{"unknown mode", m.questions.WithLabelValues(Unknown, OutcomeFailed), 1},
		{"untouched series", m.questions.WithLabelValues(ModeExtractive, OutcomeFailed), 0},
		{"prompt tokens", m.modelTokens.WithLabelValues(TokensPrompt), 105},
		{"completion tokens", m.modelTokens.WithLabelValues(TokensCompletion), 30},
		{"rate limited", m.modelErrors.WithLabelValues(ModelErrorRateLimited), 1},
		{"other model error", m.modelErrors.WithLabelValues(ModelErrorOther), 1},
		{"embedding requests", m.embeddingRequests, 2},
		{"queue", m.queueDepth, 3},
		{"pinned", m.pins.WithLabelValues(PinPinned), 1},
		{"limit", m.pins.WithLabelValues(PinLimit), 2},
		{"up", m.feedback.WithLabelValues(VoteUp), 1},
		{"down", m.feedback.WithLabelValues(VoteDown), 2},
		{"documents", m.documents, 12},
		{"chunks", m.chunks, 340},
	} {
		if got := testutil.ToFloat64(c.got); got != c.want {
			t.Errorf("%s = %v, want %v", c.name, got, c.want)
		}
	}
	// unbounded error text must not become a label value
	if n := testutil.CollectAndCount(m.modelErrors); n != len(modelErrKinds) {
		t.Errorf("model error series = %d, want %d", n, len(modelErrKinds))
	}
	if problems, err := testutil.GatherAndLint(reg); err != nil || len(problems) > 0 {
		t.Errorf("lint: %v %v", err, problems)
	}
}

func TestNamesArePrefixedAndSeriesStartAtZero(t *testing.T) {
	reg := prometheus.NewRegistry()
	New(reg)
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{
		"footnote_questions_total": false, "footnote_interaction_ack_duration_seconds": false,
		"footnote_answer_duration_seconds": false, "footnote_retrieval_duration_seconds": false,
		"footnote_model_tokens_total": false, "footnote_model_errors_total": false,
		"footnote_embedding_requests_total": false, "footnote_queue_depth": false,
		"footnote_pins_total": false, "footnote_feedback_votes_total": false,
		"footnote_documents_indexed": false, "footnote_chunks_indexed": false,
	}
	for _, f := range families {
		if !strings.HasPrefix(f.GetName(), "footnote_") {
			t.Errorf("%s lacks the footnote_ prefix", f.GetName())
		}
		if _, ok := want[f.GetName()]; !ok {
			t.Errorf("unexpected metric %s", f.GetName())
		}
		want[f.GetName()] = true
	}
	for name, seen := range want {
		if !seen {
			t.Errorf("%s is not exported before its first event", name)
		}
	}
	if n := testutil.CollectAndCount(New(nil).questions); n != len(modes)*len(outcomes) {
		t.Errorf("question series at start = %d, want %d", n, len(modes)*len(outcomes))
	}
}

func TestHistograms(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := New(reg)
	m.ObserveAck(400 * time.Millisecond)
	m.ObserveAck(3500 * time.Millisecond)
	m.ObserveAnswer(ModeGenerative, 7*time.Second)
	m.ObserveRetrieval(3 * time.Millisecond)

	const want = `
# HELP footnote_interaction_ack_duration_seconds Time from receiving a Discord interaction to acknowledging it (deadline 3 s).
# TYPE footnote_interaction_ack_duration_seconds histogram
footnote_interaction_ack_duration_seconds_bucket{le="0.025"} 0
footnote_interaction_ack_duration_seconds_bucket{le="0.05"} 0
footnote_interaction_ack_duration_seconds_bucket{le="0.1"} 0
footnote_interaction_ack_duration_seconds_bucket{le="0.2"} 0
footnote_interaction_ack_duration_seconds_bucket{le="0.3"} 0
footnote_interaction_ack_duration_seconds_bucket{le="0.5"} 1
footnote_interaction_ack_duration_seconds_bucket{le="0.75"} 1
footnote_interaction_ack_duration_seconds_bucket{le="1"} 1
footnote_interaction_ack_duration_seconds_bucket{le="1.5"} 1
footnote_interaction_ack_duration_seconds_bucket{le="2"} 1
footnote_interaction_ack_duration_seconds_bucket{le="2.5"} 1
footnote_interaction_ack_duration_seconds_bucket{le="3"} 1
footnote_interaction_ack_duration_seconds_bucket{le="5"} 2
footnote_interaction_ack_duration_seconds_bucket{le="+Inf"} 2
footnote_interaction_ack_duration_seconds_sum 3.9
footnote_interaction_ack_duration_seconds_count 2
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want), "footnote_interaction_ack_duration_seconds"); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(m.answerLatency); n != len(modes) {
		t.Errorf("answer latency series = %d, want one per mode", n)
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]uint64{}
	for _, f := range families {
		for _, mt := range f.GetMetric() {
			if h := mt.GetHistogram(); h != nil {
				counts[f.GetName()] += h.GetSampleCount()
			}
		}
	}
	if counts["footnote_answer_duration_seconds"] != 1 || counts["footnote_retrieval_duration_seconds"] != 1 {
		t.Errorf("histogram counts: %v", counts)
	}
}

func TestBucketsCoverTheAckDeadline(t *testing.T) {
	for _, b := range [][]float64{AckBuckets, AnswerBuckets, RetrievalBuckets} {
		for i := 1; i < len(b); i++ {
			if b[i] <= b[i-1] {
				t.Fatalf("buckets not increasing: %v", b)
			}
		}
	}
	has3 := false
	for _, b := range AckBuckets {
		has3 = has3 || b == 3
	}
	if !has3 || AckBuckets[len(AckBuckets)-1] <= 3 {
		t.Errorf("ack buckets %v must have 3 s as a boundary and one beyond it", AckBuckets)
	}
}

func TestNewTwiceOnOneRegistryShares(t *testing.T) {
	reg := prometheus.NewRegistry()
	a, b := New(reg), New(reg)
	a.EmbeddingRequest()
	b.EmbeddingRequest()
	if got := testutil.ToFloat64(b.embeddingRequests); got != 2 {
		t.Fatalf("shared counter = %v, want 2", got)
	}
}

func TestNewRegistryHasRuntimeCollectors(t *testing.T) {
	reg := NewRegistry()
	New(reg)
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var goroutines, questions bool
	for _, f := range families {
		goroutines = goroutines || f.GetName() == "go_goroutines"
		questions = questions || f.GetName() == "footnote_questions_total"
	}
	if !goroutines || !questions {
		t.Fatalf("go_goroutines %v, footnote_questions_total %v", goroutines, questions)
	}
}
