package retrieval

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
	"github.com/footnote-bot/footnote/lexicon"
)

// connectors may stand between the capitalised words of a name without
// giving a letter to its acronym ("International Court of Justice"). "and"
// and "y" are not among them: they join two names more often than they
// stand inside one ("Spain and the European Union").
var connectors = map[string]bool{
	"of": true, "the": true, "for": true, "on": true,
	"de": true, "del": true, "la": true, "las": true, "los": true, "el": true, "para": true,
}

// acronyms finds the names in a text that an acronym may stand for: runs of
// two or more capitalised words whose initials spell it (United Nations → un),
// and names followed by an acronym in brackets ("… Americanos (OEA)"). It
// adds each to counts, keyed by the folded acronym.
func acronyms(text string, counts map[string]map[string]int) {
	toks := lang.Tokenize(text)
	add := func(acr, name string) {
		m := counts[acr]
		if m == nil {
			m = map[string]int{}
			counts[acr] = m
		}
		m[name]++
	}
	for i := 0; i < len(toks); i++ {
		if !toks[i].Upper || connectors[toks[i].Text] {
			continue
		}
		var initials strings.Builder
		var starts []int // token index of each capitalised word
		words := 0
		end := i
		for j := i; j < len(toks); j++ {
			t := toks[j]
			if j > i && t.Start-toks[j-1].End > 2 {
				break // punctuation between: the name ended
			}
			if j > i && lang.Joined(toks, j) {
				end = j // "Exmilitares": one word, one initial
				continue
			}
			if t.Upper && !t.Number && !isAllCaps(text[t.Start:t.End]) {
				r, _ := utf8.DecodeRuneInString(t.Text)
				initials.WriteRune(r)
				starts = append(starts, j)
				words++
				end = j
				continue
			}
			if connectors[t.Text] && !t.Upper {
				continue
			}
			break
		}
		if words >= 2 {
			name := text[toks[i].Start:toks[end].End]
			add(initials.String(), name)
			// an explicit "(ACR)" after the name: the shortest tail of the
			// name whose initials spell it, else the whole name
			rest := strings.TrimLeft(text[toks[end].End:], " ")
			if strings.HasPrefix(rest, "(") {
				if k := strings.IndexByte(rest, ')'); k > 1 && k < 12 && isAllCaps(rest[1:k]) {
					acr := lang.Fold(rest[1:k])
					ini := []rune(initials.String())
					from := i
					for s := range starts {
						if string(ini[s:]) == acr {
							from = starts[s]
						}
					}
					add(acr, text[toks[from].Start:toks[end].End])
				}
			}
			i = end
		}
	}
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// buildAcronyms keeps, for each acronym, the name it most often stands for.
func buildAcronyms(texts []string) map[string]string {
	counts := map[string]map[string]int{}
	for _, t := range texts {
		acronyms(t, counts)
	}
	return mostFrequentNames(counts)
}

// mostFrequentNames keeps, for each acronym of two or more letters, the
// name counted most often (the first in sort order on a tie).
func mostFrequentNames(counts map[string]map[string]int) map[string]string {
	out := make(map[string]string, len(counts))
	for acr, names := range counts {
		if len(acr) < 2 {
			continue
		}
		best, n := "", 0
		for name, c := range names {
			if c > n || c == n && name < best {
				best, n = name, c
			}
		}
		out[acr] = best
	}
	return out
}

// Acronym returns the name a folded acronym stands for in this corpus
// ("icj" → "International Court of Justice").
func (ix *Index) Acronym(word string) (string, bool) {
	name, ok := ix.acronyms[word]
	return name, ok
}

// ExpandAcronyms adds, after each acronym of a question whose name the
// corpus uses, that name in brackets: "the ICJ" becomes "the ICJ
// (International Court of Justice)", so a search finds passages that spell
// the name out.
func (ix *Index) ExpandAcronyms(q string) string {
	s, _ := ix.expandAcronyms(q)
	return s
}

// expandAcronyms is ExpandAcronyms, also returning the names it added.
func (ix *Index) expandAcronyms(q string) (string, []string) {
	toks := lang.Tokenize(q)
	var names []string
	var b strings.Builder
	last := 0
	for _, t := range toks {
		if len(t.Text) < 2 || len(t.Text) > 6 || t.Number {
			continue
		}
		raw := q[t.Start:t.End]
		// an acronym as typed: all capitals, or a lower-case word the
		// corpus does not use
		if !isAllCaps(raw) && (ix.lex.postings[t.Text] != nil || lang.IsStop("", t.Text)) {
			continue
		}
		name, ok := ix.acronyms[t.Text]
		if !ok {
			continue
		}
		b.WriteString(q[last:t.End])
		b.WriteString(" (" + name + ")")
		names = append(names, name)
		last = t.End
	}
	if last == 0 {
		return q, nil
	}
	b.WriteString(q[last:])
	return b.String(), names
}

// initialsWeight is how much an article's initials for a name count
// against the name as asked ("AMLO" for "López Obrador").
const initialsWeight = 0.9

// addInitials adds, to each word of a name of two or more capitalised
// words in the question, the initials the articles write for a longer or
// equal name that holds it, when they use those initials as a word: a
// question about "López Obrador" finds the passage that says "AMLO",
// the initials of "Andrés Manuel López Obrador".
func (ix *Index) addInitials(words []Word) {
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].Upper && !words[j].Number && words[j].content() &&
			(j == i || words[j].Start-words[j-1].End == 1) {
			j++
		}
		if j-i < 2 {
			i = max(j, i+1)
			continue
		}
		run := make([]string, 0, j-i)
		for _, w := range words[i:j] {
			run = append(run, w.Text)
		}
		// the run and its tails: "President López Obrador" holds the
		// name "López Obrador"
		for from := 0; from+2 <= len(run); from++ {
			acrs := ix.initialsFor(run[from:])
			for _, acr := range acrs {
				for k := i + from; k < j; k++ {
					words[k].Related = append(words[k].Related, Alt{Stem: acr, Weight: initialsWeight, IDF: ix.lex.idf(acr)})
				}
			}
			if len(acrs) > 0 {
				break
			}
		}
		i = j
	}
	ix.addLowerInitials(words)
}

// addLowerInitials adds the initials of a name the question writes in
// lower case ("who runs the national emergency office", "¿quién dirige la
// oficina nacional de gestión de emergencias?"): only a whole name, its
// words in a row with its connectors between, as its words alone are
// common words.
func (ix *Index) addLowerInitials(words []Word) {
	initials := ix.wordInitials()
	for s := range words {
		if words[s].Upper || !words[s].content() {
			continue
		}
		for _, in := range initials[words[s].Text] {
			at := wholeName(words, s, in.words)
			if len(at) < 2 {
				continue
			}
			for _, k := range at {
				if !hasAlt(words[k].Related, in.acr) {
					words[k].Related = append(words[k].Related, Alt{Stem: in.acr, Weight: initialsWeight, IDF: ix.lex.idf(in.acr)})
				}
			}
		}
	}
}

// wholeName returns the indexes of words[s:] that spell name in lower
// case, word by word with only connectors between, or nil.
func wholeName(words []Word, s int, name []string) []int {
	var at []int
	k := s
	for _, w := range name {
		for k < len(words) && connectors[words[k].Text] {
			k++
		}
		if k == len(words) || words[k].Upper || words[k].Text != w {
			return nil
		}
		at = append(at, k)
		k++
	}
	return at
}

// hasAlt reports whether alts holds stem.
func hasAlt(alts []Alt, stem string) bool {
	for _, a := range alts {
		if a.Stem == stem {
			return true
		}
	}
	return false
}

// abbrev is an acronym the articles use as a word, with the folded
// words of its name (connectors aside).
type abbrev struct {
	acr   string
	words []string
}

// initialsByWord indexes the acronyms the articles also use as words by
// each word of each name they spell them out as.
func initialsByWord(acronyms map[string][]string, lex *bm25) map[string][]abbrev {
	out := map[string][]abbrev{}
	for acr, names := range acronyms {
		if lex.postings[acr] == nil || isWord(acr) {
			continue // "law" for "Lucía Álvarez Weber" is the word law
		}
		for _, name := range names {
			in := abbrev{acr: acr}
			for _, t := range lang.Tokenize(name) {
				if !connectors[t.Text] {
					in.words = append(in.words, t.Text)
				}
			}
			seen := map[string]bool{}
			for _, w := range in.words {
				if !seen[w] {
					seen[w] = true
					out[w] = append(out[w], in)
				}
			}
		}
	}
	for _, list := range out {
		sort.SliceStable(list, func(i, j int) bool { return list[i].acr < list[j].acr })
	}
	return out
}

// isWord reports whether a folded acronym is also a word of either
// language: a stop word, or one the lexicons know.
func isWord(acr string) bool {
	for _, l := range []lang.Lang{lang.English, lang.Spanish} {
		if lang.IsStop(l, acr) || len(lexicon.Synonyms(l, lang.Stem(l, acr))) > 0 {
			return true
		}
	}
	return false
}

// wordInitials returns the index's acronyms used as words, by each word
// of their names (see initialsByWord), built on first use.
func (ix *Index) wordInitials() map[string][]abbrev {
	ix.initialsOnce.Do(func() { ix.initials = initialsByWord(ix.acronymNames, ix.lex) })
	return ix.initials
}

// initialsFor returns, sorted, the acronyms the articles use as words whose
// names hold the folded words of run in a row.
func (ix *Index) initialsFor(run []string) []string {
	var out []string
	for _, in := range ix.wordInitials()[run[0]] {
		if len(in.acr) >= len(run) && containsRun(in.words, run) && !slices.Contains(out, in.acr) {
			out = append(out, in.acr) // once, though both its names hold run
		}
	}
	return out
}

// containsRun reports whether run stands in words, in a row.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
