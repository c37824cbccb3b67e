package answer

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// Summary lengths, in key points.
var summaryPoints = map[string]int{"short": 3, "medium": 5, "long": 8}

// SummaryLengths lists the valid lengths, shortest first.
var SummaryLengths = []string{"short", "medium", "long"}

// SummaryOptions tune a summary.
type SummaryOptions struct {
	// Length is short, medium (default) or long.
	Length string
	// Focus narrows the summary to points about a topic ("the OAS").
	Focus string
	// DocID, when set, summarises one article only.
	DocID string
	// Points, when positive, overrides the number of points Length gives.
	Points int
}

// Summary is the key points of the corpus, each cited.
type Summary struct {
	// Summary is the points as lines "- sentence [n]".
	Summary   string             `json:"summary"`
	Points    []SummaryPoint     `json:"points"`
	Refused   bool               `json:"refused"`
	Mode      string             `json:"mode"`
	Length    string             `json:"length"`
	Focus     string             `json:"focus,omitempty"`
	Citations []Citation         `json:"citations"`
	Note      string             `json:"note,omitempty"`
	TimingsMS map[string]float64 `json:"timings_ms"`
}

// SummaryPoint is one key point and the number of its citation.
type SummaryPoint struct {
	Text string `json:"text"`
	N    int    `json:"n"`
}

// CheckLength returns the canonical length name or a one-line error.
func CheckLength(l string) (string, error) {
	if l == "" {
		return "medium", nil
	}
	l = strings.ToLower(strings.TrimSpace(l))
	if _, ok := summaryPoints[l]; !ok {
		return "", fmt.Errorf("length %q is not one of %s", l, strings.Join(SummaryLengths, ", "))
	}
	return l, nil
}

// sumSentence is a sentence considered for a summary.
type sumSentence struct {
	chunk *corpus.Chunk
	doc   *corpus.Document
	sent  int
	pos   int // position of the sentence in its document
	vec   map[string]float64
	rel   float64
	text  string
}

// maxSummarySentences bounds the work on large corpora: beyond it, only the
// opening sentences of each article (where news puts its key facts) compete.
const maxSummarySentences = 4000

// Summarize picks the corpus's key points: sentences central to the corpus
// (close to its centroid, with a lead bias, as news puts key facts first),
// chosen with maximal marginal relevance so no two say the same thing, each
// cited. With a focus, only sentences about the focus compete; if none is,
// the summary is refused.
func (e *Engine) Summarize(ctx context.Context, opts SummaryOptions) (*Summary, error) {
	e = e.snapshot()
	start := time.Now()
	length, err := CheckLength(opts.Length)
	if err != nil {
		return nil, err
	}
	n := summaryPoints[length]
	if opts.Points > 0 {
		n = opts.Points
	}
	s := &Summary{Mode: ModeExtractive, Length: length, Focus: strings.TrimSpace(opts.Focus), Citations: []Citation{}, Points: []SummaryPoint{}}
	sents := e.summarySentences(opts.DocID)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var focus []string
	if s.Focus != "" {
		focus = lang.ContentStems(lang.Detect(s.Focus, e.corpus.Language()), s.Focus)
		if len(focus) == 0 {
			return nil, fmt.Errorf("focus %q has no words to look for", s.Focus)
		}
	}
	score(sents, focus)
	picked := mmr(sents, n)
	if len(picked) == 0 {
		s.Refused = true
		s.Summary = fmt.Sprintf("The articles say nothing about %q.", s.Focus)
		s.TimingsMS = map[string]float64{"total": ms(time.Since(start))}
		return s, nil
	}
	// Tell the story in order: by article date, then place in the article.
	sort.SliceStable(picked, func(i, j int) bool {
		a, b := picked[i], picked[j]
		if a.doc.Date != b.doc.Date {
			return a.doc.Date < b.doc.Date
		}
		if a.doc.ID != b.doc.ID {
			return a.doc.ID < b.doc.ID
		}
		return a.pos < b.pos
	})
	var a Answer
	a.Citations = []Citation{}
	points := make([]point, len(picked))
	for i, p := range picked {
		points[i] = point{chunk: p.chunk, doc: p.doc, first: p.sent, end: p.sent + 1}
	}
	cite(&a, points)
	s.Citations = a.Citations
	num := map[string]int{}
	for _, c := range a.Citations {
		num[c.ChunkID] = c.N
	}
	var lines []string
	for i, p := range picked {
		n := num[p.chunk.ID]
		from, to := points[i].span() // without a dateline, as answers quote
		text := p.chunk.Text[from:to]
		s.Points = append(s.Points, SummaryPoint{Text: text, N: n})
		lines = append(lines, fmt.Sprintf("- %s [%d]", text, n))
	}
	s.Summary = strings.Join(lines, "\n")
	s.TimingsMS = map[string]float64{"total": ms(time.Since(start))}
	return s, nil
}

// summarySentences returns the corpus's candidate sentences with their
// stem-count vectors.
func (e *Engine) summarySentences(docID string) []*sumSentence {
	all := e.corpus.Chunks()
	chunks := all
	if docID != "" {
		chunks = nil
		for _, c := range all {
			if c.DocID == docID {
				chunks = append(chunks, c)
			}
		}
	}
	total := 0
	for i := range chunks {
		total += len(chunks[i].Sentences)
	}
	leadOnly := total > maxSummarySentences
	var out []*sumSentence
	pos := map[string]int{}
	for i := range chunks {
		c := &chunks[i]
		doc := e.corpus.Document(c.DocID)
		for j := range c.Sentences {
			p := pos[c.DocID]
			pos[c.DocID]++
			if leadOnly && p >= 8 {
				continue
			}
			text := c.Sentence(j)
			words := len(strings.Fields(text))
			if words < 6 || words > 80 || text == doc.Title {
				continue
			}
			vec := map[string]float64{}
			for _, st := range lang.ContentStems(c.Language, text) {
				vec[st]++
			}
			out = append(out, &sumSentence{chunk: c, doc: doc, sent: j, pos: p, vec: vec, text: text})
		}
	}
	return out
}

// score sets each sentence's relevance: TF-IDF cosine to the corpus centroid
// (each article weighing the same), a lead bias, and penalties for sentences
// that need context (a bare quote, an opening pronoun). With focus stems,
// sentences without them get no relevance.
func score(sents []*sumSentence, focus []string) {
	df := map[string]float64{}
	for _, s := range sents {
		for t := range s.vec {
			df[t]++
		}
	}
	n := float64(len(sents))
	for _, s := range sents {
		for t, c := range s.vec {
			s.vec[t] = (1 + math.Log(c)) * math.Log(1+n/df[t])
		}
		unit(s.vec)
	}
	perDoc := map[string]map[string]float64{}
	for _, s := range sents {
		m := perDoc[s.doc.ID]
		if m == nil {
			m = map[string]float64{}
			perDoc[s.doc.ID] = m
		}
		for t, w := range s.vec {
			m[t] += w
		}
	}
	centroid := map[string]float64{}
	for _, m := range perDoc {
		unit(m)
		for t, w := range m {
			centroid[t] += w
		}
	}
	unit(centroid)
	for _, s := range sents {
		rel := cosine(s.vec, centroid) * (0.5 + 0.5/(1+0.1*float64(s.pos)))
		if r := firstRune(s.text); isQuoteMark(r) {
			rel *= 0.7
		}
		if leansBack(s.text) {
			rel *= 0.6
		}
		if len(focus) > 0 {
			hit := 0
			for _, f := range focus {
				for t := range s.vec {
					if lang.StemsMatch(t, f) {
						hit++
						break
					}
				}
			}
			if hit == 0 {
				rel = 0
			} else {
				rel *= 0.5 + float64(hit)/float64(len(focus))
			}
		}
		s.rel = rel
	}
}

// mmr picks up to n sentences by maximal marginal relevance, skipping near
// duplicates of what is already picked.
func mmr(sents []*sumSentence, n int) []*sumSentence {
	const lambda, dupe = 0.7, 0.5
	var picked []*sumSentence
	used := make([]bool, len(sents))
	for len(picked) < n {
		best, bestScore := -1, math.Inf(-1)
		for i, s := range sents {
			if used[i] || s.rel <= 0 {
				continue
			}
			red := 0.0
			for _, p := range picked {
				red = math.Max(red, cosine(s.vec, p.vec))
			}
			if red > dupe {
				continue
			}
			if sc := lambda*s.rel - (1-lambda)*red; sc > bestScore {
				best, bestScore = i, sc
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		picked = append(picked, sents[best])
	}
	return picked
}

func unit(v map[string]float64) {
	var sum float64
	for _, w := range v {
		sum += w * w
	}
	if sum == 0 {
		return
	}
	inv := 1 / math.Sqrt(sum)
	for t := range v {
		v[t] *= inv
	}
}

func cosine(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var dot float64
	for t, w := range a {
		dot += w * b[t]
	}
	return dot
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
