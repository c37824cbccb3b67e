package answer

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/retrieval"
)

// A compound question asks two things at once: "Which prison was he taken
// to, and where was he moved later?", "Both countries sued: what does
// Mexico's case seek and what does Ecuador's allege?". Each part is
// answered on its own, from its own passages, and the answer quotes each
// part's sentence; a part the articles do not answer makes the whole a
// partial answer.

// partBreak finds where a question's next part begins: "and" or a colon,
// semicolon or question mark before a question word. Spanish question
// words count only with their accents: "y que" is "and that". (RE2's \b
// knows only ASCII letters, so a word's end is written out.)
var partBreak = regexp.MustCompile(`(?i)(?:,?\s+and\s+|,?\s+y\s+|\s*[;:?]\s+¿?)(what|where|when|who|whom|which|why|how|qué|dónde|cuándo|quién|quiénes|cuál|cuáles|cómo|por qué|cuántos|cuántas|cuánto|cuánta)(?:$|[^\p{L}\p{N}])`)

// questionWord finds a question word at the start of a part.
var questionWord = regexp.MustCompile(`(?i)^\s*¿?\s*(?:what|where|when|who|whom|which|why|how|is|are|was|were|did|does|do|has|have|qu[eé]|d[oó]nde|cu[aá]ndo|qui[eé]n|qui[eé]nes|cu[aá]l|cu[aá]les|c[oó]mo|por qu[eé]|cu[aá]nt[oa]s?|en qu[eé]|in which|in what)(?:$|[^\p{L}\p{N}])`)

// maxParts is the most parts a question is split into.
const maxParts = 3

// splitCompound returns a compound question's parts, each a question of
// its own, or nil for a simple one. A statement before a colon ("Both
// countries sued at the ICJ: …") is context every part keeps.
func splitCompound(q string) []string {
	locs := partBreak.FindAllStringSubmatchIndex(q, maxParts-1)
	if len(locs) == 0 {
		return nil
	}
	var parts []string
	start := 0
	for _, l := range locs {
		parts = append(parts, strings.TrimSpace(q[start:l[0]]))
		start = l[2] // the question word opens the next part
	}
	parts = append(parts, strings.TrimSpace(q[start:]))
	context := ""
	if !questionWord.MatchString(parts[0]) {
		// "Both countries sued at the ICJ: what …": not a question
		context, parts = parts[0], parts[1:]
	}
	if len(parts) < 2 {
		return nil
	}
	for _, p := range parts {
		if len(strings.Fields(p)) < 2 {
			return nil // "… and what?": no question of its own
		}
	}
	if context != "" {
		// in brackets mid-question its first capital is no name
		r, n := utf8.DecodeRuneInString(context)
		context = string(unicode.ToLower(r)) + context[n:]
	}
	for i, p := range parts {
		p = strings.TrimRight(p, " ?,;:")
		if context != "" {
			p += " (" + context + ")"
		}
		parts[i] = p + "?"
	}
	return parts
}

// askParts answers each part of a compound question and quotes every
// part's answer in one answer, refused only when no part is answered. A
// pronoun in a later part ("where was he moved later") is read against the
// parts before it and their answers, as in a conversation (see
// ResolveFollowUp).
func (e *Engine) askParts(ctx context.Context, q string, parts []string, k int) (*Answer, *retrieval.Result, error) {
	start := time.Now()
	var (
		points  []point
		first   *question
		firstC  []*candidate
		merged  *retrieval.Result
		partial bool
		history []Turn
		lists   [][]retrieval.Hit
	)
	for i, p := range parts {
		p = ResolveFollowUp(p, history)
		history = append(history, Turn{Role: "user", Text: p})
		res, err := e.corpus.Retrieve(ctx, spelledOut(p), max(k, candidateChunks))
		if err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		qs := analyse(res.Query)
		cands := e.candidates(qs, firstN(res.Hits, candidateChunks))
		if i == 0 {
			first, firstC = qs, cands
			merged = &retrieval.Result{Query: res.Query}
		}
		lists = append(lists, res.Hits)
		best, part, ok := decide(qs, cands)
		if !ok || unknownName(qs, res.Hits) {
			partial = true
			history = append(history, Turn{Role: "assistant", Text: refusalText[qs.lang]})
			continue
		}
		history = append(history, Turn{Role: "assistant", Text: best.text()})
		partial = partial || part
		for _, pt := range e.withContext(qs, best) {
			if !covers(points, pt) {
				points = append(points, pt)
			}
		}
	}
	merged.Hits = interleave(lists...)
	a := &Answer{Question: q, Mode: ModeExtractive, Language: first.lang, Citations: []Citation{}}
	if len(points) == 0 {
		refuse(a, first, firstC)
	} else {
		cite(a, points)
		if partial {
			a.Partial = true
			a.Note = partialNote[first.lang]
		}
	}
	a.Retrieved = citedFirst(a.Citations, merged.Hits, k)
	a.TimingsMS = map[string]float64{"total": ms(time.Since(start))}
	return a, merged, nil
}

// interleave merges rankings round-robin, each list's first hit, then each
// one's second, without repeating a chunk.
func interleave(lists ...[]retrieval.Hit) []retrieval.Hit {
	seen := map[string]bool{}
	var out []retrieval.Hit
	longest := 0
	for _, hs := range lists {
		longest = max(longest, len(hs))
	}
	for i := range longest {
		for _, hs := range lists {
			if i < len(hs) && !seen[hs[i].Chunk.ID] {
				seen[hs[i].Chunk.ID] = true
				out = append(out, hs[i])
			}
		}
	}
	return out
}

// covers reports whether points already quote the sentences of p.
func covers(points []point, p point) bool {
	for _, o := range points {
		if o.chunk.ID == p.chunk.ID && o.first <= p.first && p.end <= o.end {
			return true
		}
	}
	return false
}
