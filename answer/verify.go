package answer

import (
	"sort"
	"strconv"
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// ClaimCheck is how one sentence of a generated answer was checked.
type ClaimCheck struct {
	Text string `json:"text"`
	// Cited are the source numbers the model wrote after it.
	Cited []int `json:"cited"`
	// Kept are the numbers of the citations it keeps in the shown answer
	// (after renumbering); empty when it was removed.
	Kept []int `json:"kept"`
	// Supported is true when the sentence is shown.
	Supported bool `json:"supported"`
	// Check is the check that decided: citation, quote, numbers, names,
	// overlap, negation or judge.
	Check string `json:"check"`
	// Reason says why a sentence was removed, or why the judge was needed.
	Reason string `json:"reason,omitempty"`
	// Judge is the model's verdict (supported, not_supported, contradicts),
	// empty when it gave none.
	Judge string `json:"judge,omitempty"`
}

// Judge verdicts.
const (
	VerdictSupported    = "supported"
	VerdictNotSupported = "not_supported"
	VerdictContradicts  = "contradicts"
)

// assessed is one claim of a generated text with its lexical verdict and,
// once asked, the judge's.
type assessed struct {
	claim
	facts   *claimFacts
	line    int
	item    bool
	valid   []int // cited numbers that point to a source
	lex     lexical
	verdict string
}

// assessment is a generated text checked claim by claim against the
// sources it cites.
type assessment struct {
	claims  []*assessed
	sources []source
	evs     []*evidence // prepared passages, nil until cited
	lang    lang.Lang   // the text's language
	judge   string      // the judge's status for the report
}

// assess runs the lexical checks on every claim of text.
func assess(text string, textLang lang.Lang, sources []source) *assessment {
	a := &assessment{sources: sources, lang: textLang}
	// passages are prepared when first cited
	evs := make([]*evidence, len(sources))
	a.evs = evs
	cite := func(n int) *evidence {
		if evs[n-1] == nil {
			evs[n-1] = newEvidence(n, sources[n-1].chunk, sources[n-1].doc)
		}
		return evs[n-1]
	}
	known := map[string]bool{}
	for _, s := range sources {
		for k, t := range lang.Tokenize(s.chunk.Text) {
			if k > 0 && t.Upper {
				known[t.Text] = true
			}
		}
	}
	for li, line := range claimLines(text) {
		for _, c := range line.claims {
			ac := &assessed{claim: c, line: li, item: line.item}
			var cited []*evidence
			for _, n := range c.cites {
				if n >= 1 && n <= len(sources) {
					ac.valid = append(ac.valid, n)
					cited = append(cited, cite(n))
				}
			}
			ac.facts = analyseClaim(c.text, textLang, known)
			ac.lex = checkClaim(ac.facts, cited)
			a.claims = append(a.claims, ac)
		}
	}
	return a
}

// checkClaim checks a claim against its cited passages together, keeping
// the markers of those that contribute; if that fails on more than a
// missing number, name or quote, a passage that supports the claim by
// itself still does.
func checkClaim(f *claimFacts, cited []*evidence) lexical {
	r := f.check(cited)
	if r.ok || r.hard || len(cited) < 2 {
		return r
	}
	for _, e := range cited {
		if alone := f.check([]*evidence{e}); alone.ok {
			return alone
		}
	}
	return r
}

// judgeable reports whether the judge may rule on a claim: it passed the
// hard checks and shares enough words with its sources.
func (c *assessed) judgeable() bool {
	return !c.lex.hard && len(c.lex.keep) > 0 && (c.lex.ok || c.lex.overlap >= judgeFloor)
}

// shown reports whether the claim stays in the answer.
func (c *assessed) shown() bool {
	switch c.verdict {
	case VerdictSupported:
		return c.judgeable()
	case VerdictNotSupported, VerdictContradicts:
		return false
	}
	return c.lex.ok
}

// verified is the outcome of checking generated text against its sources.
type verified struct {
	text      string // claims that kept a citation, with renumbered markers
	citations []Citation
	report    Verification
}

// verify checks generated text without a judge: it keeps the claims that
// their cited sources support, drops markers that point to no source or to
// one that does not contribute, and renumbers the kept sources in order of
// first use.
func verify(text string, textLang lang.Lang, sources []source) verified {
	return assess(text, textLang, sources).result()
}

// result writes the verified text, its citations and the report.
func (a *assessment) result() verified {
	var v verified
	v.citations = []Citation{}
	v.report.Dropped = []string{}
	v.report.Unsupported = []string{}
	v.report.Claims = []ClaimCheck{}
	v.report.Judge = a.judge
	renum := map[int]int{}
	var lines []string
	var cur []string
	curLine, curItem := -1, false
	flush := func() {
		if len(cur) == 0 {
			return
		}
		l := strings.Join(cur, " ")
		if curItem {
			l = "- " + l
		}
		lines = append(lines, l)
		cur = nil
	}
	for _, c := range a.claims {
		cc := ClaimCheck{Text: c.text, Cited: c.cites, Kept: []int{}, Check: c.lex.check, Reason: c.lex.reason, Judge: c.verdict}
		if cc.Cited == nil {
			cc.Cited = []int{}
		}
		if c.verdict != "" {
			cc.Check = CheckJudge
			if c.verdict != VerdictSupported {
				cc.Reason = "the judge found it " + strings.ReplaceAll(c.verdict, "_", " ")
			} else if !c.lex.ok {
				cc.Reason = "kept by the judge; lexically " + c.lex.reason
			}
		}
		var keep []int
		if c.shown() {
			keep = c.lex.keep
		}
		for _, n := range c.cites {
			switch {
			case n < 1 || n > len(a.sources):
				v.report.Dropped = append(v.report.Dropped, "["+strconv.Itoa(n)+"] cites no source: "+c.text)
			case !containsInt(keep, n):
				v.report.Dropped = append(v.report.Dropped, "["+strconv.Itoa(n)+"] does not support: "+c.text)
			}
		}
		if len(keep) == 0 {
			v.report.Unsupported = append(v.report.Unsupported, c.text)
			v.report.Claims = append(v.report.Claims, cc)
			continue
		}
		cc.Supported = true
		var marks strings.Builder
		keep = append([]int(nil), keep...)
		sort.Ints(keep)
		for _, n := range keep {
			m, ok := renum[n]
			if !ok {
				m = len(v.citations) + 1
				renum[n] = m
				src := a.sources[n-1]
				i := max(c.facts.alignIndex(a.evs[n-1]), 0)
				v.citations = append(v.citations, citationOf(m, point{chunk: src.chunk, doc: src.doc, first: i, end: i + 1}))
			}
			marks.WriteString(" [" + strconv.Itoa(m) + "]")
			cc.Kept = append(cc.Kept, m)
			v.report.Kept++
		}
		v.report.Claims = append(v.report.Claims, cc)
		if c.line != curLine {
			flush()
			curLine, curItem = c.line, c.item
		}
		cur = append(cur, c.text+marks.String())
	}
	flush()
	v.text = strings.Join(lines, "\n")
	return v
}
