// Package answer turns retrieved passages into what a reader sees: a short
// answer whose every sentence carries a numbered citation quoting its source
// exactly, or a plain refusal with the closest passages when the corpus does
// not say. The extractive engine here needs no model; generative answers
// (package llm) are verified against the same citations.
package answer

import (
	"context"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/retrieval"
)

// Modes of an answer.
const (
	ModeExtractive = "extractive"
	ModeGenerative = "generative"
)

// Answer is the reply to one question. Its JSON form is footnote's stable
// output format (`footnote ask --json`): add fields, never rename them.
type Answer struct {
	Question string `json:"question"`
	// StandaloneQuestion is the question as it was answered when Question
	// is a follow-up that needed earlier turns ("Where is he now?" →
	// "Where is Jorge Glas now?"); empty when Question stands alone.
	StandaloneQuestion string `json:"standalone_question,omitempty"`
	// Answer is the text with [n] markers after each cited sentence.
	Answer string `json:"answer"`
	// Refused is true when the corpus does not answer the question; Answer
	// then says so and Closest shows what the corpus does cover.
	Refused   bool        `json:"refused"`
	Mode      string      `json:"mode"`
	Language  lang.Lang   `json:"language"`
	Citations []Citation  `json:"citations"`
	Retrieved []Retrieved `json:"retrieved"`
	Closest   []Passage   `json:"closest,omitempty"`
	// Partial is true when the evidence is middling: the answer is the best
	// passage, and may not answer the question fully.
	Partial bool `json:"partial,omitempty"`
	// Note explains a fallback, e.g. why a generative answer became extractive.
	Note         string             `json:"note,omitempty"`
	Verification *Verification      `json:"verification,omitempty"`
	TimingsMS    map[string]float64 `json:"timings_ms"`
}

// Citation is a numbered source of an answer.
type Citation struct {
	N       int    `json:"n"`
	DocID   string `json:"doc_id"`
	Title   string `json:"title"`
	Source  string `json:"source"`
	URL     string `json:"url,omitempty"`
	Date    string `json:"date,omitempty"`
	ChunkID string `json:"chunk_id"`
	// Text is the whole chunk; Quote the sentence(s) of it the answer used,
	// exactly as the article has them (an article's first sentence without
	// the dateline that opens it, "QUITO, Ecuador —", unless the question
	// asks where).
	Text  string `json:"text"`
	Quote string `json:"quote"`
	// Start and End locate Quote in the document's text (byte offsets).
	Start int `json:"start"`
	End   int `json:"end"`
}

// Retrieved is a chunk the search returned, best first.
type Retrieved struct {
	ChunkID string  `json:"chunk_id"`
	DocID   string  `json:"doc_id"`
	Score   float64 `json:"score"`
	Text    string  `json:"text"`
}

// Passage is a sentence shown beside a refusal.
type Passage struct {
	DocID   string `json:"doc_id"`
	Title   string `json:"title"`
	ChunkID string `json:"chunk_id"`
	Quote   string `json:"quote"`
	Date    string `json:"date,omitempty"`
}

// Verification reports how a generated answer's citations were checked.
type Verification struct {
	Kept        int      `json:"citations_kept"`
	Dropped     []string `json:"citations_dropped"`
	Unsupported []string `json:"unsupported_sentences"`
	// Claims tells, sentence by sentence, what was checked and which check
	// decided it.
	Claims []ClaimCheck `json:"claims,omitempty"`
	// Judge is the model's entailment check: "ok", "failed", "timed out",
	// or empty when it was not asked (offline, or no claim to judge).
	Judge string `json:"judge,omitempty"`
	// Repaired is true when the model rewrote an answer none of whose
	// sentences survived, and the rewrite is what is shown.
	Repaired bool `json:"repaired,omitempty"`
}

// Corpus is what the engine needs of an index. *retrieval.Index implements
// it. Retrieve returns the question as the index reads it (its language,
// and how the corpus knows each word) with the passages that match it: the
// engine weighs sentences with that same reading.
type Corpus interface {
	Retrieve(ctx context.Context, question string, k int) (*retrieval.Result, error)
	Language() lang.Lang
	Documents() []*corpus.Document
	Document(id string) *corpus.Document
	Chunks() []corpus.Chunk
	Chunk(id string) *corpus.Chunk
}
