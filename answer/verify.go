package answer

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// markerRun matches one or more citation markers: [1], [1][2], [1, 2].
var markerRun = regexp.MustCompile(`\s*(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]\s*)+`)
var markerNum = regexp.MustCompile(`\d+`)

// markerAfterStop is a marker run right after a sentence's final stop.
var markerAfterStop = regexp.MustCompile(`([.!?…])((?:\s*\[[\d,;\s]+\])+)`)

// spaceBeforePunct is white space left before punctuation by a removed marker.
var spaceBeforePunct = regexp.MustCompile(`\s+([.,;:!?…])`)

// claim is one sentence of a generated text with the sources it cites.
type claim struct {
	text  string // without markers
	cites []int  // source numbers as written, in order, unique
}

// splitClaims cuts generated text into sentences (and list items) and reads
// each one's markers. A marker run that follows a sentence's final stop
// belongs to that sentence.
func splitClaims(text string) []claim {
	var out []claim
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "-*•"))
		if line == "" {
			continue
		}
		// Move markers that follow a stop before it, so the sentence
		// splitter keeps them with their sentence: "… Quito. [1] Then" →
		// "… Quito [1]. Then".
		line = markerAfterStop.ReplaceAllString(line, "$2$1")
		for _, sp := range lang.Sentences(line) {
			s := line[sp.Start:sp.End]
			var cites []int
			seen := map[int]bool{}
			for _, m := range markerRun.FindAllString(s, -1) {
				for _, d := range markerNum.FindAllString(m, -1) {
					n, err := strconv.Atoi(d)
					if err == nil && !seen[n] {
						seen[n] = true
						cites = append(cites, n)
					}
				}
			}
			plain := strings.TrimSpace(markerRun.ReplaceAllString(s, " "))
			plain = spaceBeforePunct.ReplaceAllString(plain, "$1")
			if plain == "" {
				continue
			}
			out = append(out, claim{text: plain, cites: cites})
		}
	}
	return out
}

// supports decides whether a source passage backs a claim: every number and
// every name in the claim must appear in the passage, text the claim puts in
// quotation marks must be in the passage as written, and, when claim and
// passage share a language, most of the claim's content words must be there
// too. A translated claim is held to its numbers, names and quotes.
func supports(claimText string, claimLang lang.Lang, passage string, passageLang lang.Lang) bool {
	pTerms := lang.Terms(passageLang, passage)
	pWords := make(map[string]bool, len(pTerms))
	pStems := make(map[string]bool, len(pTerms))
	for _, t := range pTerms {
		pWords[t.Text] = true
		pStems[t.Stem] = true
	}
	folded := lang.Fold(passage)
	for _, q := range quoted(claimText) {
		if len(lang.Tokenize(q)) >= 3 && !strings.Contains(folded, lang.Fold(q)) {
			return false
		}
	}
	cTerms := lang.Terms(claimLang, claimText)
	var content, found int
	anchors := 0
	for i, t := range cTerms {
		name := t.Upper && i > 0 && !t.Stop
		if t.Number || name {
			anchors++
			if !pWords[t.Text] && !hasStem(pStems, lang.Stem(passageLang, t.Text), t.Text) && !strings.Contains(folded, t.Text) {
				return false
			}
		}
		if t.Stop || len(t.Text) < 2 {
			continue
		}
		content++
		if pWords[t.Text] || hasStem(pStems, lang.Stem(passageLang, t.Text), t.Text) || hasStem(pStems, t.Stem, t.Text) {
			found++
		}
	}
	if content == 0 {
		return false
	}
	if claimLang != passageLang {
		return anchors > 0 || len(quoted(claimText)) > 0
	}
	return float64(found)/float64(content) >= 0.6
}

// quoted returns the spans of s inside quotation marks.
func quoted(s string) []string {
	var out []string
	for _, pair := range [][2]string{{"“", "”"}, {"«", "»"}, {`"`, `"`}} {
		rest := s
		for {
			i := strings.Index(rest, pair[0])
			if i < 0 {
				break
			}
			rest = rest[i+len(pair[0]):]
			j := strings.Index(rest, pair[1])
			if j < 0 {
				break
			}
			out = append(out, rest[:j])
			rest = rest[j+len(pair[1]):]
		}
	}
	return out
}

// bestQuote returns the index of the chunk's sentence that shares the most
// content words with a claim: what a citation quotes.
func bestQuote(c *corpus.Chunk, claimText string, claimLang lang.Lang) int {
	want := map[string]bool{}
	for _, t := range lang.Terms(claimLang, claimText) {
		if !t.Stop {
			want[t.Text] = true
			want[t.Stem] = true
		}
	}
	best, bestScore := 0, -1
	for i := range c.Sentences {
		score := 0
		for _, t := range lang.Terms(c.Language, c.Sentence(i)) {
			if !t.Stop && (want[t.Text] || want[t.Stem]) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// verified is the outcome of checking generated text against its sources.
type verified struct {
	text      string // claims that kept a citation, with renumbered markers
	citations []Citation
	report    Verification
}

// verify keeps the claims that at least one cited source supports, drops
// markers that point to no source or to one that does not support the claim,
// and renumbers the kept sources in order of first use.
func verify(text string, textLang lang.Lang, sources []source) verified {
	var v verified
	v.citations = []Citation{}
	v.report.Dropped = []string{}
	v.report.Unsupported = []string{}
	renum := map[int]int{}
	var parts []string
	for _, c := range splitClaims(text) {
		var kept []int
		for _, n := range c.cites {
			if n < 1 || n > len(sources) {
				v.report.Dropped = append(v.report.Dropped, "["+strconv.Itoa(n)+"] cites no source: "+c.text)
				continue
			}
			src := sources[n-1]
			if !supports(c.text, textLang, src.chunk.Text, src.chunk.Language) {
				v.report.Dropped = append(v.report.Dropped, "["+strconv.Itoa(n)+"] does not support: "+c.text)
				continue
			}
			kept = append(kept, n)
		}
		if len(kept) == 0 {
			v.report.Unsupported = append(v.report.Unsupported, c.text)
			continue
		}
		var marks strings.Builder
		sort.Ints(kept)
		for _, n := range kept {
			m, ok := renum[n]
			if !ok {
				m = len(v.citations) + 1
				renum[n] = m
				src := sources[n-1]
				i := bestQuote(src.chunk, c.text, textLang)
				v.citations = append(v.citations, citationOf(m, point{chunk: src.chunk, doc: src.doc, first: i, end: i + 1}))
			}
			marks.WriteString(" [" + strconv.Itoa(m) + "]")
			v.report.Kept++
		}
		parts = append(parts, c.text+marks.String())
	}
	v.text = strings.Join(parts, " ")
	return v
}
