// Package metrics holds footnote's Prometheus collectors. Every method is
// safe on a nil *Metrics, which records nothing, so code that takes an
// optional *Metrics needs no checks.
package metrics

import (
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Namespace prefixes every metric name.
const Namespace = "footnote"

// Answer modes (the "mode" label).
const (
	ModeExtractive = "extractive"
	ModeGenerative = "generative"
)

// Question outcomes (the "outcome" label of footnote_questions_total).
const (
	OutcomeAnswered = "answered"
	OutcomeRefused  = "refused"
	// OutcomeFellBack is a generative answer that fell back to extractive.
	OutcomeFellBack = "fell_back"
	OutcomeFailed   = "failed"
)

// Token kinds (the "kind" label of footnote_model_tokens_total).
const (
	TokensPrompt     = "prompt"
	TokensCompletion = "completion"
)

// Model error kinds (the "kind" label of footnote_model_errors_total). Any
// other kind is counted as ModelErrorOther, so the label stays bounded.
const (
	ModelErrorTimeout     = "timeout"
	ModelErrorRateLimited = "rate_limited"
	ModelErrorServer      = "server"  // 5xx
	ModelErrorRequest     = "request" // 4xx other than 429, bad request, auth
	ModelErrorInvalid     = "invalid_response"
	ModelErrorNetwork     = "network"
	ModelErrorOther       = "other"
)

// Pin outcomes (the "outcome" label of footnote_pins_total).
const (
	PinPinned  = "pinned"
	PinRefused = "refused"
	PinLimit   = "limit"
	PinError   = "error"
)

// Feedback votes (the "value" label of footnote_feedback_votes_total).
const (
	VoteUp   = "up"
	VoteDown = "down"
)

// Unknown is recorded for a label value outside its documented set.
const Unknown = "unknown"

var (
	modes         = []string{ModeExtractive, ModeGenerative}
	outcomes      = []string{OutcomeAnswered, OutcomeRefused, OutcomeFellBack, OutcomeFailed}
	tokenKinds    = []string{TokensPrompt, TokensCompletion}
	modelErrKinds = []string{ModelErrorTimeout, ModelErrorRateLimited, ModelErrorServer, ModelErrorRequest, ModelErrorInvalid, ModelErrorNetwork, ModelErrorOther}
	pinOutcomes   = []string{PinPinned, PinRefused, PinLimit, PinError}
	votes         = []string{VoteUp, VoteDown}
)

// Histogram buckets, in seconds.
var (
	// AckBuckets resolve the region around Discord's 3 s deadline for
	// acknowledging an interaction.
	AckBuckets = []float64{0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 5}
	// AnswerBuckets span an extractive answer (milliseconds) to a slow
	// generative one near the default 60 s model timeout.
	AnswerBuckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120}
	// RetrievalBuckets span a local search to one that embeds the question
	// through an API.
	RetrievalBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}
)

// Metrics is footnote's set of collectors. The zero value is not usable; a
// nil *Metrics is, and records nothing.
type Metrics struct {
	questions         *prometheus.CounterVec
	ackLatency        prometheus.Histogram
	answerLatency     *prometheus.HistogramVec
	retrievalLatency  prometheus.Histogram
	modelTokens       *prometheus.CounterVec
	modelErrors       *prometheus.CounterVec
	embeddingRequests prometheus.Counter
	queueDepth        prometheus.Gauge
	pins              *prometheus.CounterVec
	feedback          *prometheus.CounterVec
	documents         prometheus.Gauge
	chunks            prometheus.Gauge
}

// opts are the options of footnote's counter or gauge name.
func opts(name, help string) prometheus.CounterOpts {
	return prometheus.CounterOpts{Namespace: Namespace, Name: name, Help: help}
}

// gauge is footnote's gauge name.
func gauge(name, help string) prometheus.Gauge {
	return prometheus.NewGauge(prometheus.GaugeOpts(opts(name, help)))
}

// histogramOpts are the options of footnote's histogram name.
func histogramOpts(name, help string, buckets []float64) prometheus.HistogramOpts {
	return prometheus.HistogramOpts{Namespace: Namespace, Name: name, Help: help, Buckets: buckets}
}

// counterVec is footnote's counter name, by labels.
func counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	return prometheus.NewCounterVec(opts(name, help), labels)
}

// New makes the collectors and registers them with reg; a nil reg registers
// nothing (handy in tests). Registering with a registry that already holds
// footnote's collectors reuses those, so two New calls on one registry
// count into the same series.
func New(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		questions: register(reg, counterVec("questions_total",
			"Questions handled, by answer mode and outcome.",
			"mode", "outcome")),
		ackLatency: register(reg, prometheus.NewHistogram(histogramOpts("interaction_ack_duration_seconds",
			"Time from receiving a Discord interaction to acknowledging it (deadline 3 s).",
			AckBuckets))),
		answerLatency: register(reg, prometheus.NewHistogramVec(histogramOpts("answer_duration_seconds",
			"Time to produce an answer, retrieval and verification included, by answer mode.",
			AnswerBuckets), []string{"mode"})),
		retrievalLatency: register(reg, prometheus.NewHistogram(histogramOpts("retrieval_duration_seconds",
			"Time to retrieve the passages for a question.",
			RetrievalBuckets))),
		modelTokens: register(reg, counterVec("model_tokens_total",
			"Language model tokens used, by kind (prompt or completion).",
			"kind")),
		modelErrors: register(reg, counterVec("model_errors_total",
			"Failed language model calls, by kind of failure.",
			"kind")),
		embeddingRequests: register(reg, prometheus.NewCounter(opts("embedding_requests_total", "Requests sent to the embeddings API."))),
		queueDepth:        register(reg, gauge("queue_depth", "Questions waiting to be answered.")),
		pins: register(reg, counterVec("pins_total",
			"Requests to pin an answer, by outcome.",
			"outcome")),
		feedback: register(reg, counterVec("feedback_votes_total",
			"Feedback votes on answers, by value (up or down).",
			"value")),
		documents: register(reg, gauge("documents_indexed", "Articles in the index.")),
		chunks:    register(reg, gauge("chunks_indexed", "Passages (chunks) in the index.")),
	}
	// Every known series exists from the start, at zero, so rates and
	// alerts work before the first event.
	for _, mode := range modes {
		m.answerLatency.WithLabelValues(mode)
		for _, o := range outcomes {
			m.questions.WithLabelValues(mode, o)
		}
	}
	atZero(m.modelTokens, tokenKinds)
	atZero(m.modelErrors, modelErrKinds)
	atZero(m.pins, pinOutcomes)
	atZero(m.feedback, votes)
	return m
}

// atZero makes the series of vec, a counter by one label, for each of
// values, so that they exist at zero.
func atZero(vec *prometheus.CounterVec, values []string) {
	for _, v := range values {
		vec.WithLabelValues(v)
	}
}

// register registers c with reg, or returns the equal collector already
// registered; a nil reg leaves c unregistered. Any other registration error
// is a programming mistake and panics, as MustRegister would.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if reg == nil {
		return c
	}
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
		panic(err)
	}
	return c
}

// NewRegistry returns a registry with the Go runtime and process collectors,
// ready for New and the admin listener's /metrics.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return reg
}

func oneOf(v string, set []string) string {
	for _, s := range set {
		if v == s {
			return v
		}
	}
	return Unknown
}

// Question counts one handled question. mode is ModeExtractive or
// ModeGenerative, outcome one of the Outcome constants; other values are
// counted as Unknown.
func (m *Metrics) Question(mode, outcome string) {
	if m == nil {
		return
	}
	m.questions.WithLabelValues(oneOf(mode, modes), oneOf(outcome, outcomes)).Inc()
}

// ObserveAck records how long an interaction took to be acknowledged.
func (m *Metrics) ObserveAck(d time.Duration) {
	if m == nil {
		return
	}
	m.ackLatency.Observe(d.Seconds())
}

// ObserveAnswer records how long an answer in the given mode took.
func (m *Metrics) ObserveAnswer(mode string, d time.Duration) {
	if m == nil {
		return
	}
	m.answerLatency.WithLabelValues(oneOf(mode, modes)).Observe(d.Seconds())
}

// ObserveRetrieval records how long retrieval took.
func (m *Metrics) ObserveRetrieval(d time.Duration) {
	if m == nil {
		return
	}
	m.retrievalLatency.Observe(d.Seconds())
}

// Tokens adds the prompt and completion tokens of one model call. Negative
// counts are ignored.
func (m *Metrics) Tokens(prompt, completion int) {
	if m == nil {
		return
	}
	if prompt > 0 {
		m.modelTokens.WithLabelValues(TokensPrompt).Add(float64(prompt))
	}
	if completion > 0 {
		m.modelTokens.WithLabelValues(TokensCompletion).Add(float64(completion))
	}
}

// ModelError counts one failed model call. kind is one of the ModelError
// constants; anything else is counted as ModelErrorOther.
func (m *Metrics) ModelError(kind string) {
	if m == nil {
		return
	}
	k := oneOf(kind, modelErrKinds)
	if k == Unknown {
		k = ModelErrorOther
	}
	m.modelErrors.WithLabelValues(k).Inc()
}

// EmbeddingRequest counts one request to the embeddings API.
func (m *Metrics) EmbeddingRequest() {
	if m == nil {
		return
	}
	m.embeddingRequests.Inc()
}

// SetQueueDepth sets how many questions are waiting.
func (m *Metrics) SetQueueDepth(n int) {
	if m == nil {
		return
	}
	m.queueDepth.Set(float64(n))
}

// AddQueueDepth changes the number of waiting questions by delta (+1 when
// one is queued, -1 when one is taken).
func (m *Metrics) AddQueueDepth(delta int) {
	if m == nil {
		return
	}
	m.queueDepth.Add(float64(delta))
}

// Pin counts one pin request with its outcome (one of the Pin constants).
func (m *Metrics) Pin(outcome string) {
	if m == nil {
		return
	}
	m.pins.WithLabelValues(oneOf(outcome, pinOutcomes)).Inc()
}

// Vote counts one feedback vote, VoteUp or VoteDown.
func (m *Metrics) Vote(value string) {
	if m == nil {
		return
	}
	m.feedback.WithLabelValues(oneOf(value, votes)).Inc()
}

// SetIndexed sets how many documents and chunks the index holds.
func (m *Metrics) SetIndexed(documents, chunks int) {
	if m == nil {
		return
	}
	m.documents.Set(float64(documents))
	m.chunks.Set(float64(chunks))
}
