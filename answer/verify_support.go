package answer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// The checks that decide a claim, as Verification reports them.
const (
	CheckCitation = "citation" // no marker points to a source
	CheckQuote    = "quote"    // quoted words not in the cited passages as written
	CheckNumbers  = "numbers"  // a number not in the cited passages
	CheckNames    = "names"    // a name not in them, or two names in swapped roles
	CheckOverlap  = "overlap"  // too few of the claim's words in them (or, kept, enough)
	CheckNegation = "negation" // negated or turned to its opposite
	CheckJudge    = "judge"    // the model's entailment check had the last word
)

// Overlap thresholds: the share of a claim's content words its cited
// passages must hold, in the claim's language and across languages (where
// words are matched through translations and cognates, and some are missed).
const (
	overlapSame  = 0.6
	overlapCross = 0.5
	// judgeFloor is the least overlap a claim that failed only the soft
	// checks needs for the judge to be asked about it: below it, the claim
	// is about something else and stays removed.
	judgeFloor = 0.34
)

// lexical is the outcome of checking one claim against its cited passages
// without a model.
type lexical struct {
	ok bool
	// hard is true when a number, name or quote is missing: nothing, not
	// even the judge, reinstates the claim.
	hard    bool
	check   string
	reason  string
	overlap float64
	// keep are the source numbers whose markers stay if the claim is kept:
	// the passages that contribute to it.
	keep []int
}

// claimFacts is a claim reduced to what is checked.
type claimFacts struct {
	text     string
	lang     lang.Lang
	terms    []lang.Term
	anchors  []number // numbers to find
	names    []int    // term indexes of names
	runs     [][]int  // multi-word names
	quotes   [][]string
	content  []int // term indexes of content words
	words    map[string]bool
	stems    map[string]bool
	neg      bool  // it has a negation
	scope    []int // term indexes of the words it negates
	inNumber map[int]bool
}

// analyseClaim reads a claim's numbers, names, quotations and content
// words. known holds words the sources write capitalised inside a sentence:
// a claim's first word is a name when it is one of them.
func analyseClaim(text string, l lang.Lang, known map[string]bool) *claimFacts {
	f := &claimFacts{text: text, lang: l, terms: lang.Terms(l, text), inNumber: map[int]bool{}}
	var quoteSpans [][2]int
	for _, q := range quotedSpans(text) {
		for _, part := range splitEllipsis(text[q[0]:q[1]]) {
			toks := lang.Tokenize(part)
			if len(toks) >= 3 {
				words := make([]string, len(toks))
				for i, t := range toks {
					words[i] = t.Text
				}
				f.quotes = append(f.quotes, words)
				quoteSpans = append(quoteSpans, q)
			}
		}
	}
	inQuote := func(t lang.Term) bool {
		for _, q := range quoteSpans {
			if t.Start >= q[0] && t.End <= q[1] {
				return true
			}
		}
		return false
	}
	for _, n := range numbersIn(l, text, f.terms) {
		for i := n.start; i < n.end; i++ {
			f.inNumber[i] = true
		}
		if !n.small && !inQuote(f.terms[n.start]) {
			f.anchors = append(f.anchors, n)
		}
	}
	for i, t := range f.terms {
		if t.Stop || t.Number || f.inNumber[i] || len(t.Text) < 2 {
			continue
		}
		f.content = append(f.content, i)
		if t.Upper && !inQuote(t) && (i > 0 || known[t.Text] || isAcronym(text[t.Start:t.End])) {
			f.names = append(f.names, i)
		}
	}
	f.runs = nameRuns(text, f.terms)
	f.scope, f.neg = negationScope(text, f.terms)
	f.words, f.stems = wordSets(f.terms)
	return f
}

// quotedSpans returns the byte ranges of s inside quotation marks.
func quotedSpans(s string) [][2]int {
	var out [][2]int
	for _, pair := range [][2]string{{"“", "”"}, {"«", "»"}, {`"`, `"`}} {
		off := 0
		for {
			i := strings.Index(s[off:], pair[0])
			if i < 0 {
				break
			}
			open := off + i + len(pair[0])
			j := strings.Index(s[open:], pair[1])
			if j < 0 {
				break
			}
			out = append(out, [2]int{open, open + j})
			off = open + j + len(pair[1])
		}
	}
	return out
}

// splitEllipsis cuts a quotation at the ellipses that mark words left out.
func splitEllipsis(q string) []string {
	q = strings.ReplaceAll(q, "...", "…")
	return strings.Split(q, "…")
}

// hasSequence reports whether words occur one after another in terms.
func hasSequence(terms []lang.Term, words []string) bool {
	for i := 0; i+len(words) <= len(terms); i++ {
		ok := true
		for k, w := range words {
			if terms[i+k].Text != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// nameIn reports whether the claim's name at term i is in a passage: as a
// word (or its translation), or as an acronym of a multi-word name, either
// way round ("OAS" for "Organización de los Estados Americanos", and
// "International Court of Justice" for "CIJ").
func (f *claimFacts) nameIn(i int, e *evidence) bool {
	t := f.terms[i]
	if e.meta[t.Text] || hasWord(e.words, e.stems, e.lang, t.Word, f.lang) {
		return true
	}
	if isAcronym(f.text[t.Start:t.End]) {
		for _, run := range e.runs {
			if acronymFits(t.Text, run) {
				return true
			}
		}
	}
	for _, run := range f.runs {
		if !containsInt(run, i) {
			continue
		}
		initials := initialsOf(f.lang, f.terms, run)
		for acr := range e.acronyms {
			if acronymFits(acr, initials) {
				return true
			}
		}
		for _, pr := range e.runIdx {
			if runsMatch(pick(f.terms, run), f.lang, pick(e.terms, pr), e.lang) {
				return true
			}
		}
	}
	if f.lang != e.lang {
		for _, pt := range e.terms {
			if pt.Upper && sameName(t.Text, f.lang, pt.Text, e.lang) {
				return true
			}
		}
	}
	return false
}

// pick returns the terms at the indexes.
func pick(terms []lang.Term, idx []int) []lang.Term {
	out := make([]lang.Term, len(idx))
	for k, i := range idx {
		out[k] = terms[i]
	}
	return out
}

func containsInt(list []int, x int) bool {
	for _, v := range list {
		if v == x {
			return true
		}
	}
	return false
}

// check decides whether the passages, together, support the claim: every
// quotation, number and name in at least one of them, enough content words
// across them, and no negation, opposite or swap of roles against the
// sentences that say the same thing.
func (f *claimFacts) check(evs []*evidence) lexical {
	if len(evs) == 0 {
		return lexical{hard: true, check: CheckCitation, reason: "cites no source"}
	}
	if miss, ok := f.missingQuote(evs); ok {
		return miss
	}
	// what each passage supplies (term index → found), to keep only
	// contributing markers
	supplies := make([]map[int]bool, len(evs))
	for k := range supplies {
		supplies[k] = map[int]bool{}
	}
	if miss, ok := f.missingNumber(evs, supplies); ok {
		return miss
	}
	if miss, ok := f.missingName(evs, supplies); ok {
		return miss
	}
	got, total, overlap := f.contentOverlap(evs, supplies)
	keep := f.contributors(evs, supplies)
	need := overlapSame
	if cross(f.lang, evs) {
		need = overlapCross
	}
	if len(f.content) == 0 || overlap < need {
		return lexical{check: CheckOverlap, overlap: overlap, keep: keep,
			reason: fmt.Sprintf("%d of its %d words are in %s", got, total, sourceList(evs))}
	}
	if check, reason := f.contradiction(evs, keep); reason != "" {
		return lexical{check: check, overlap: overlap, keep: keep, reason: reason}
	}
	return lexical{ok: true, check: CheckOverlap, overlap: overlap, keep: keep}
}

// missingQuote returns the hard failure for the first quotation of the
// claim that no passage has word for word; ok is false when all are found.
func (f *claimFacts) missingQuote(evs []*evidence) (miss lexical, ok bool) {
	for _, q := range f.quotes {
		found := false
		for _, e := range evs {
			if hasSequence(e.terms, q) {
				found = true
				break
			}
		}
		if !found {
			return lexical{hard: true, check: CheckQuote, reason: fmt.Sprintf("the quotation %q is not in %s", strings.Join(q, " "), sourceList(evs))}, true
		}
	}
	return lexical{}, false
}

// missingNumber returns the hard failure for the first number of the
// claim that no passage has; ok is false when all are found. It marks in
// supplies[k] each number passage k has.
func (f *claimFacts) missingNumber(evs []*evidence, supplies []map[int]bool) (miss lexical, ok bool) {
	for _, n := range f.anchors {
		found := false
		for k, e := range evs {
			for _, v := range n.values {
				if e.numbers[v] {
					found = true
					supplies[k][n.start] = true
				}
			}
		}
		if !found {
			return lexical{hard: true, check: CheckNumbers, reason: fmt.Sprintf("%q is not in %s", f.span(n.start, n.end), sourceList(evs))}, true
		}
	}
	return lexical{}, false
}

// missingName returns the hard failure for the first name of the claim
// that no passage has; ok is false when all are found. It marks in
// supplies[k] each name passage k has.
func (f *claimFacts) missingName(evs []*evidence, supplies []map[int]bool) (miss lexical, ok bool) {
	for _, i := range f.names {
		found := false
		for k, e := range evs {
			if f.nameIn(i, e) {
				found = true
				supplies[k][i] = true
			}
		}
		if !found {
			return lexical{hard: true, check: CheckNames, reason: fmt.Sprintf("%q is not in %s", f.span(i, i+1), sourceList(evs))}, true
		}
	}
	return lexical{}, false
}

// contentOverlap counts the claim's content words found in some passage,
// numbers (all found by now) counting as found words, and returns that
// count, the total and their ratio (0 with no words). It marks in
// supplies[k] each word passage k has.
func (f *claimFacts) contentOverlap(evs []*evidence, supplies []map[int]bool) (got, total int, overlap float64) {
	for _, i := range f.content {
		found := false
		for k, e := range evs {
			if supplies[k][i] || hasWord(e.words, e.stems, e.lang, f.terms[i].Word, f.lang) {
				found = true
				supplies[k][i] = true
			}
		}
		if found {
			got++
		}
	}
	total = len(f.content) + len(f.anchors)
	got += len(f.anchors)
	if total > 0 {
		overlap = float64(got) / float64(total)
	}
	return got, total, overlap
}

// contradiction checks the claim against the sentences of the kept
// passages (keep) that say the same thing, and returns the failed check
// and why: a negation one of them lacks or adds, an opposite word no
// other has, or names whose roles are swapped; reason is "" when none.
func (f *claimFacts) contradiction(evs []*evidence, keep []int) (check, reason string) {
	aligned := make([]*sentenceEvidence, 0, len(keep))
	alignedLang := make([]lang.Lang, 0, len(keep))
	for _, e := range evs {
		if containsInt(keep, e.n) {
			aligned = append(aligned, f.align(e))
			alignedLang = append(alignedLang, e.lang)
		}
	}
	if w := f.negationMismatch(aligned, alignedLang); w != "" {
		return CheckNegation, w
	}
	for k, s := range aligned {
		w, opp := antonymOf(f.terms, s)
		if w == "" {
			continue
		}
		elsewhere := false
		for j, o := range aligned {
			elsewhere = elsewhere || j != k && o.words[w]
		}
		if !elsewhere {
			return CheckNegation, fmt.Sprintf("it says %q where the source says %q", w, opp)
		}
	}
	for k, s := range aligned {
		if swappedRoles(f.lang, f.terms, alignedLang[k], s) {
			return CheckNames, "it swaps the roles of the names in " + sourceList(evs)
		}
	}
	return "", ""
}

// negationMismatch says how the claim and the sentences that say the same
// thing differ in negation, or "": a claim that asserts what a sentence
// negates ("would apologise" for "would not apologise"), or negates what the
// sentences assert ("no diplomats were hurt" for "several diplomats were
// hurt"). Only the negated words count, so a "without" in a clause the claim
// does not repeat changes nothing.
func (f *claimFacts) negationMismatch(aligned []*sentenceEvidence, langs []lang.Lang) string {
	anyNeg, allNeg, crossing := false, true, false
	for k, s := range aligned {
		anyNeg = anyNeg || s.neg
		allNeg = allNeg && s.neg
		crossing = crossing || langs[k] != f.lang
		if f.neg {
			continue
		}
		for _, i := range s.scope {
			if w := s.terms[i].Word; hasWord(f.words, f.stems, f.lang, w, langs[k]) {
				return fmt.Sprintf("it asserts %q, which the source negates", w)
			}
		}
	}
	if !f.neg && allNeg && crossing {
		// across languages the negated words may not be matched: then the
		// sentences' polarity decides
		return "it is positive where the source is negative"
	}
	if !f.neg || anyNeg {
		return ""
	}
	for _, i := range f.scope {
		for k, s := range aligned {
			if hasWord(s.words, s.stems, langs[k], f.terms[i].Word, f.lang) {
				return fmt.Sprintf("it negates %q, which the source asserts", f.terms[i].Text)
			}
		}
	}
	return ""
}

// span returns the claim's text from term i to term j-1.
func (f *claimFacts) span(i, j int) string {
	return f.text[f.terms[i].Start:f.terms[j-1].End]
}

// align returns the passage's sentence that shares the most content words
// with the claim, names counting four times.
func (f *claimFacts) align(e *evidence) *sentenceEvidence {
	i := f.alignIndex(e)
	if i < 0 {
		return &sentenceEvidence{words: map[string]bool{}, stems: map[string]bool{}}
	}
	return e.sents[i]
}

// alignIndex is align's sentence index, -1 for a passage without sentences.
func (f *claimFacts) alignIndex(e *evidence) int {
	best, bestScore := -1, -1
	names := map[int]bool{}
	for _, i := range f.names {
		names[i] = true
	}
	for k, s := range e.sents {
		score := 0
		for _, i := range f.content {
			if hasWord(s.words, s.stems, e.lang, f.terms[i].Word, f.lang) {
				score++
				if names[i] {
					score += 3 // names say most about which sentence it is
				}
			}
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	return best
}

// contributors returns the numbers of the passages that supply something
// the others do not (a number or name, or two words); when none does, those
// that supply the most.
func (f *claimFacts) contributors(evs []*evidence, supplies []map[int]bool) []int {
	strong := map[int]bool{}
	for _, n := range f.anchors {
		strong[n.start] = true
	}
	for _, i := range f.names {
		strong[i] = true
	}
	var keep []int
	for k, e := range evs {
		words := 0
		for item := range supplies[k] {
			unique := true
			for j := range evs {
				if j != k && supplies[j][item] {
					unique = false
					break
				}
			}
			if unique && strong[item] {
				words += 2
			} else if unique {
				words++
			}
		}
		if words >= 2 {
			keep = append(keep, e.n)
		}
	}
	if len(keep) == 0 {
		most := 0
		for k := range evs {
			most = max(most, len(supplies[k]))
		}
		for k, e := range evs {
			if most > 0 && len(supplies[k]) == most {
				keep = append(keep, e.n)
			}
		}
	}
	sort.Ints(keep)
	return keep
}

// cross reports whether none of the passages is in the claim's language.
func cross(l lang.Lang, evs []*evidence) bool {
	for _, e := range evs {
		if e.lang == l {
			return false
		}
	}
	return true
}

// sourceList names the passages: "[1]", "[1][3]".
func sourceList(evs []*evidence) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "[%d]", e.n)
	}
	return b.String()
}
