package eval

import (
	"context"
	"math"
	"sort"

	"github.com/footnote-bot/footnote/answer"
	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// BM25 parameters of the baseline.
const (
	baselineK1 = 1.2
	baselineB  = 0.75
)

// Baseline answers every question with the one sentence of the corpus that
// BM25 ranks first for the question's words: the plain "best sentence"
// picker footnote's answers are measured against. Each sentence is a
// document of its own, its words stemmed in its chunk's language, stop
// words left out. It cites the chunk the sentence is in, lists the chunks
// of the next best sentences as retrieved, and refuses only when no
// sentence shares a word with the question. It is safe for concurrent use.
type Baseline struct {
	sents []baseSentence
	df    map[string]int
	avg   float64
}

// baseSentence is one sentence of the corpus and its stems' counts.
type baseSentence struct {
	chunk *corpus.Chunk
	text  string
	tf    map[string]int
	n     int
}

// NewBaseline indexes the sentences of chunks.
func NewBaseline(chunks []corpus.Chunk) *Baseline {
	b := &Baseline{df: map[string]int{}}
	total := 0
	for i := range chunks {
		c := &chunks[i]
		for j := range c.Sentences {
			s := baseSentence{chunk: c, text: c.Sentence(j), tf: map[string]int{}}
			for _, t := range lang.Terms(c.Language, s.text) {
				if !t.Stop && len(t.Text) > 1 {
					s.tf[t.Stem]++
					s.n++
				}
			}
			for st := range s.tf {
				b.df[st]++
			}
			total += s.n
			b.sents = append(b.sents, s)
		}
	}
	if len(b.sents) > 0 {
		b.avg = float64(total) / float64(len(b.sents))
	}
	return b
}

// Ask answers r.Question with the best sentence; r.K (default
// answer.DefaultK) chunks are listed as retrieved.
func (b *Baseline) Ask(_ context.Context, r answer.Request) (*answer.Answer, error) {
	l := lang.Detect(r.Question, lang.English)
	words := map[string]bool{}
	for _, t := range lang.Terms(l, r.Question) {
		if !t.Stop && len(t.Text) > 1 {
			words[t.Stem] = true
		}
	}
	type scored struct {
		i     int
		score float64
	}
	var ranked []scored
	n := float64(len(b.sents))
	for i, s := range b.sents {
		score := 0.0
		for w := range words {
			tf := float64(s.tf[w])
			if tf == 0 {
				continue
			}
			df := float64(b.df[w])
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			score += idf * tf * (baselineK1 + 1) / (tf + baselineK1*(1-baselineB+baselineB*float64(s.n)/b.avg))
		}
		if score > 0 {
			ranked = append(ranked, scored{i, score})
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].score > ranked[j].score })
	a := &answer.Answer{Question: r.Question, Mode: "baseline", Language: l, Citations: []answer.Citation{}}
	if len(ranked) == 0 {
		a.Refused = true
		return a, nil
	}
	best := b.sents[ranked[0].i]
	a.Answer = best.text + " [1]"
	a.Citations = append(a.Citations, answer.Citation{N: 1, DocID: best.chunk.DocID, ChunkID: best.chunk.ID, Text: best.chunk.Text, Quote: best.text})
	k := r.K
	if k <= 0 {
		k = answer.DefaultK
	}
	listed := map[string]bool{}
	for _, s := range ranked {
		c := b.sents[s.i].chunk
		if len(a.Retrieved) == k {
			break
		}
		if !listed[c.ID] {
			listed[c.ID] = true
			a.Retrieved = append(a.Retrieved, answer.Retrieved{ChunkID: c.ID, DocID: c.DocID, Score: s.score, Text: c.Text})
		}
	}
	return a, nil
}
