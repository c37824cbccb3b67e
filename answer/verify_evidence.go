package answer

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/corpus"
	"github.com/footnote-bot/footnote/lang"
)

// evidence is a cited passage prepared for checking claims against it.
type evidence struct {
	n        int // the source's number as the model saw it
	lang     lang.Lang
	text     string
	terms    []lang.Term
	words    map[string]bool // folded words
	stems    map[string]bool
	numbers  map[string]bool   // canonical values of its numbers
	acronyms map[string]bool   // words written in capitals ("OEA"), folded
	meta     map[string]bool   // words of the outlet and the date's month
	runIdx   [][]int           // multi-word names, as term indexes
	runs     [][]map[rune]bool // their words' possible initials
	sents    []*sentenceEvidence
}

// sentenceEvidence is one sentence of a passage.
type sentenceEvidence struct {
	text  string
	terms []lang.Term
	words map[string]bool
	stems map[string]bool
	neg   bool  // it has a negation
	scope []int // term indexes of the words it negates
}

// newEvidence prepares chunk c of document d, cited as source n. The
// document's outlet and date, which the model saw beside the passage, count
// for names and numbers.
func newEvidence(n int, c *corpus.Chunk, d *corpus.Document) *evidence {
	e := &evidence{n: n, lang: c.Language, text: c.Text, numbers: map[string]bool{}, acronyms: map[string]bool{}, meta: map[string]bool{}}
	if d != nil {
		for _, t := range lang.Tokenize(d.Source) {
			e.meta[t.Text] = true
		}
		if y, m, day, ok := splitDate(d.Date); ok {
			e.numbers[canonical(y)], e.numbers[canonical(day)] = true, true
			if k, err := strconv.Atoi(m); err == nil && k >= 1 && k <= 12 {
				e.meta[lang.MonthName(lang.English, time.Month(k))], e.meta[lang.MonthName(lang.Spanish, time.Month(k))] = true, true
			}
		}
	}
	e.terms = lang.Terms(e.lang, e.text)
	e.words, e.stems = wordSets(e.terms)
	for _, num := range numbersIn(e.lang, e.text, e.terms) {
		for _, v := range num.values {
			e.numbers[v] = true
		}
	}
	for _, t := range e.terms {
		if isAcronym(e.text[t.Start:t.End]) {
			e.acronyms[t.Text] = true
		}
	}
	e.runIdx = nameRuns(e.text, e.terms)
	for _, run := range e.runIdx {
		e.runs = append(e.runs, initialsOf(e.lang, e.terms, run))
	}
	spans := c.Sentences
	if len(spans) == 0 {
		spans = lang.Sentences(c.Text)
	}
	for _, sp := range spans {
		s := c.Text[sp.Start:sp.End]
		// the passage's terms that fall in the sentence, with offsets made
		// relative to it
		var terms []lang.Term
		for _, t := range e.terms {
			if t.Start >= sp.Start && t.End <= sp.End {
				t.Start, t.End = t.Start-sp.Start, t.End-sp.Start
				terms = append(terms, t)
			}
		}
		se := &sentenceEvidence{text: s, terms: terms}
		se.words, se.stems = wordSets(se.terms)
		se.scope, se.neg = negationScope(s, se.terms)
		e.sents = append(e.sents, se)
	}
	return e
}

func wordSets(terms []lang.Term) (words, stems map[string]bool) {
	words, stems = make(map[string]bool, len(terms)), make(map[string]bool, len(terms))
	for _, t := range terms {
		words[t.Text] = true
		stems[t.Stem] = true
	}
	return words, stems
}

// stemCache memoises lang.Stem for the words checks look up again and
// again; it stops growing at stemCacheMax entries.
var (
	stemCache    sync.Map // [2]string{lang, word} → stem
	stemCacheLen atomic.Int64
)

const stemCacheMax = 1 << 16

// stem is lang.Stem, memoised.
func stem(l lang.Lang, w string) string {
	k := [2]string{string(l), w}
	if s, ok := stemCache.Load(k); ok {
		return s.(string)
	}
	s := lang.Stem(l, w)
	if stemCacheLen.Load() < stemCacheMax {
		if _, loaded := stemCache.LoadOrStore(k, s); !loaded {
			stemCacheLen.Add(1)
		}
	}
	return s
}

// relatedStems gives the stems in language to of words that can stand in
// for the word whose stem (in from) is stem: the lexicon's translations
// (verify_lexicon.go). Without a lexicon it gives none.
var relatedStems = func(from, to lang.Lang, stem string) []string { return nil }

// translate gives a folded word's equivalents in the other language: the
// bilingual glossary and general news vocabulary of package lang, and the
// months.
func translate(l lang.Lang, w string) []string {
	if names, ok := monthNames(w); ok {
		return names
	}
	return lang.Translate(l, w)
}

// translateCore is translate without the general vocabulary, whose lines
// mix senses: a round trip through it would make "fired" of "shot".
func translateCore(l lang.Lang, w string) []string {
	if names, ok := monthNames(w); ok {
		return names
	}
	core, _ := lang.Translations(l, w)
	return core
}

// monthNames gives the names in both languages of the month a folded word
// names, and whether it names one.
func monthNames(w string) ([]string, bool) {
	m, ok := lang.Month(w)
	if !ok {
		return nil, false
	}
	return []string{lang.MonthName(lang.English, m), lang.MonthName(lang.Spanish, m)}, true
}

// splitDate cuts "2024-04-06" into year, month and day.
func splitDate(s string) (y, m, d string, ok bool) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// hasWord reports whether a passage (its words and stems, in language pl)
// holds the word written (lower case, accents kept: lang.Term.Word) of a
// text in language wl: as written, by stem, by translation when the
// languages differ, or as a cognate ("diplomatica" and "diplomatic").
func hasWord(words, stems map[string]bool, pl lang.Lang, written string, wl lang.Lang) bool {
	w := lang.Fold(written)
	if words[w] || hasStem(stems, stem(pl, written), w) || hasStem(stems, stem(wl, written), w) {
		return true
	}
	if wl == pl {
		// words the glossary gives the same translation: "ecuador" and
		// "ecuatoriana"
		for _, tr := range translateCore(wl, w) {
			for _, back := range translateCore(wl.Other(), tr) {
				if words[back] || hasStem(stems, stem(pl, back), back) {
					return true
				}
			}
		}
		for _, rel := range relatedStems(wl, pl, stem(wl, written)) {
			if hasStem(stems, rel, rel) {
				return true
			}
		}
		return false
	}
	for _, rel := range relatedStems(wl, pl, stem(wl, written)) {
		if hasStem(stems, rel, rel) {
			return true
		}
	}
	for _, tr := range translate(wl, w) {
		if words[tr] || hasStem(stems, stem(pl, tr), tr) {
			return true
		}
	}
	if utf8.RuneCountInString(w) < 5 {
		return false
	}
	for p := range words {
		if cognate(w, p) {
			return true
		}
	}
	return false
}

// cognate reports whether two folded words of different languages look like
// the same word: they share their first five letters, and at least half of
// the shorter one ("presidente" and "president", "internacional" and
// "international"), or are equal.
func cognate(a, b string) bool {
	if a == b {
		return true
	}
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	if n < 5 {
		return false
	}
	return 2*n >= min(len(a), len(b))
}

// isAcronym reports whether a word is written as an acronym: two to six
// capital letters ("OAS", "OEA", "ONU").
func isAcronym(surface string) bool {
	n := 0
	for _, r := range surface {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 6
}

// nameConnectors may stand inside a multi-word name: "Court of Justice",
// "Organización de los Estados Americanos".
var nameConnectors = map[string]bool{"of": true, "the": true, "for": true, "and": true, "de": true, "del": true, "la": true, "las": true, "los": true, "el": true, "y": true}

// nameRuns returns the multi-word names of a text: runs of two or more
// capitalised words, with connectors between them, as term index lists of
// the capitalised words. A short capitalised stop word ("The", "Los") is
// not part of a name; a long one may be ("Estados").
func nameRuns(text string, terms []lang.Term) [][]int {
	var out [][]int
	var cur []int
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, cur)
		}
		cur = nil
	}
	for i, t := range terms {
		switch {
		case t.Upper && !(t.Stop && len(t.Text) <= 4) && !t.Number && !isAcronym(text[t.Start:t.End]):
			if len(cur) > 0 && terms[cur[len(cur)-1]].End < t.Start && gapBreaks(text[terms[cur[len(cur)-1]].End:t.Start]) {
				flush()
			}
			cur = append(cur, i)
		case nameConnectors[t.Text] && len(cur) > 0:
		default:
			flush()
		}
	}
	flush()
	return out
}

// gapBreaks reports whether the text between two words ends a name: a
// sentence stop, comma, dash or quotation between them.
func gapBreaks(gap string) bool {
	return strings.ContainsAny(gap, ".,;:!?“”\"«»()—–-")
}

// initialsOf gives, for each word of a name run, the initials it may have in
// either language: its own, and those of its translations.
func initialsOf(l lang.Lang, terms []lang.Term, run []int) []map[rune]bool {
	out := make([]map[rune]bool, len(run))
	for k, i := range run {
		w := terms[i].Text
		set := map[rune]bool{firstLetter(w): true}
		for _, tr := range translate(l, w) {
			set[firstLetter(tr)] = true
		}
		out[k] = set
	}
	return out
}

func firstLetter(w string) rune {
	r, _ := utf8.DecodeRuneInString(w)
	return r
}

// acronymFits reports whether an acronym (folded letters) can be the
// initials of a window of a name run, in any order: "oas" fits
// Organización (o) Estados (e, s) Americanos (a).
func acronymFits(acr string, run []map[rune]bool) bool {
	letters := []rune(acr)
	if len(letters) < 2 || len(letters) > len(run) {
		return false
	}
	for start := 0; start+len(letters) <= len(run); start++ {
		if assign(letters, run[start:start+len(letters)], make([]bool, len(letters))) {
			return true
		}
	}
	return false
}

// assign finds a one-to-one matching of letters to words whose initials
// allow them.
func assign(letters []rune, words []map[rune]bool, used []bool) bool {
	if len(letters) == 0 {
		return true
	}
	for j, w := range words {
		if !used[j] && w[letters[0]] {
			used[j] = true
			if assign(letters[1:], words, used) {
				return true
			}
			used[j] = false
		}
	}
	return false
}

// sameName reports whether two folded words of a name, in languages al and
// bl, are the same: equal, translations, cognates, or (across languages)
// one letter apart ("brazil" and "brasil").
func sameName(a string, al lang.Lang, b string, bl lang.Lang) bool {
	if a == b || lang.StemsMatch(stem(al, a), stem(bl, b)) {
		return true
	}
	if al == bl {
		return false
	}
	return contains(translate(al, a), b) || contains(translate(bl, b), a) || cognate(a, b) ||
		min(len(a), len(b)) >= 5 && oneEdit(a, b)
}

// oneEdit reports whether a and b differ by at most one letter changed,
// added or removed.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		return string(ra[i+min(1, len(ra)-i):]) == string(rb[i+min(1, len(rb)-i):])
	}
	return string(ra[i:]) == string(rb[i+1:])
}

// runsMatch reports whether two multi-word names of the same length name
// the same thing in any order: every word paired with one of the other,
// each pair the same name or at least starting alike (three letters), and
// at least one pair the same ("Estados Unidos" and "United States").
func runsMatch(a []lang.Term, al lang.Lang, b []lang.Term, bl lang.Lang) bool {
	if len(a) != len(b) || len(a) < 2 {
		return false
	}
	var try func(i int, used []bool, strong bool) bool
	try = func(i int, used []bool, strong bool) bool {
		if i == len(a) {
			return strong
		}
		for j := range b {
			if used[j] {
				continue
			}
			same := sameName(a[i].Text, al, b[j].Text, bl)
			if same || commonPrefix(a[i].Text, b[j].Text) >= 3 {
				used[j] = true
				if try(i+1, used, strong || same) {
					return true
				}
				used[j] = false
			}
		}
		return false
	}
	return try(0, make([]bool, len(b)), false)
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
