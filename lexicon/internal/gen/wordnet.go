package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// WordNet relation weights: how safely a related word stands in for the
// query word, before the sense-rank factors.
const (
	wnSynonym    = 1.0 // same synset
	wnDerived    = 0.7 // derivationally related form, pertainym, participle
	wnSimilar    = 0.6 // adjective "similar to", verb group
	wnCause      = 0.5 // a verb and the one it causes, both ways: "kill" and "die"
	wnHypernym   = 0.4 // one level up
	wnHyponym    = 0.3 // one level down, only for small hyponym sets
	wnMaxSenses  = 4   // senses of a query word considered
	wnMaxHypo    = 12  // hyponym sets larger than this are skipped
	wnHypoSenses = 1   // only the first sense's hyponyms
	wnHyperSense = 2   // only the first two senses' hypernyms
	wnRankStep   = 0.1 // sense-rank factor: 1, 0.9, 0.8, ...
	wnRankFloor  = 0.5
	wnShareFloor = 0.5 // factor for a rare lemma that shares its stem with a common one
)

// wnPOS are WordNet's parts of speech, with the suffix of their files.
var wnPOS = []struct {
	pos  byte
	file string
}{{'n', "noun"}, {'v', "verb"}, {'a', "adj"}, {'r', "adv"}}

type wnKey struct {
	pos byte
	off int
}

type wnPtr struct {
	sym      string
	to       wnKey
	src, dst int // 1-based word numbers; 0 for a relation between synsets
}

type wnSynset struct {
	words []string // lemmas, lower case, underscores for spaces
	ptrs  []wnPtr
	// lexFile is the lexicographer file the synset is in (15 is
	// noun.location, 18 noun.person); proper marks the lemmas WordNet
	// writes with a capital (names).
	lexFile int
	proper  []bool
}

type wnIndex struct {
	lemma    string
	pos      byte
	offsets  []int // synsets, most frequent sense first
	tagCount int   // how many of the first senses were seen in tagged text
}

// wordnet is WordNet 3.0 as read from its database files.
type wordnet struct {
	synsets map[wnKey]*wnSynset
	index   []wnIndex
	rank    map[wnSense]int // sense rank of a lemma in a synset
	count   map[string]int  // times a lemma was tagged in the SemCor texts
}

type wnSense struct {
	lemma string
	key   wnKey
}

// readWordNet reads index.* and data.* from dir (Debian's
// /usr/share/wordnet).
func readWordNet(dir string) (*wordnet, error) {
	wn := &wordnet{synsets: map[wnKey]*wnSynset{}, rank: map[wnSense]int{}, count: map[string]int{}}
	// cntlist.rev: "sense_key sense_number tag_cnt", the key starting "lemma%"
	if err := eachLine(filepath.Join(dir, "cntlist.rev"), func(line string) error {
		f := strings.Fields(line)
		lemma, _, ok := strings.Cut(f[0], "%")
		if len(f) != 3 || !ok {
			return fmt.Errorf("want \"lemma%%key sense count\"")
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("tag count %q: %w", f[2], err)
		}
		wn.count[lemma] += n
		return nil
	}); err != nil {
		return nil, err
	}
	for _, p := range wnPOS {
		if err := eachLine(filepath.Join(dir, "data."+p.file), func(line string) error {
			return wn.parseData(p.pos, line)
		}); err != nil {
			return nil, err
		}
		if err := eachLine(filepath.Join(dir, "index."+p.file), func(line string) error {
			return wn.parseIndex(p.pos, line)
		}); err != nil {
			return nil, err
		}
	}
	for _, ix := range wn.index {
		for r, off := range ix.offsets {
			wn.rank[wnSense{ix.lemma, wnKey{ix.pos, off}}] = r
		}
	}
	return wn, nil
}

// eachLine calls f for every line of the file that is not part of the
// licence header (which starts with two spaces).
func eachLine(path string, f func(string) error) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "  ") || line == "" {
			continue
		}
		if err := f(line); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func normPOS(c byte) byte {
	if c == 's' {
		return 'a' // adjective satellites live in the adjective files
	}
	return c
}

// parseData reads one synset line: offset lex_filenum ss_type w_cnt
// [word lex_id]... p_cnt [ptr offset pos src/dst]... [frames] | gloss.
func (wn *wordnet) parseData(pos byte, line string) error {
	if i := strings.Index(line, " | "); i >= 0 {
		line = line[:i]
	}
	f := strings.Fields(line)
	if len(f) < 4 {
		return fmt.Errorf("short synset line")
	}
	off, err := strconv.Atoi(f[0])
	if err != nil {
		return fmt.Errorf("synset offset %q: %w", f[0], err)
	}
	nw, err := strconv.ParseUint(f[3], 16, 8)
	if err != nil || len(f) < 4+2*int(nw)+1 {
		return fmt.Errorf("word count %q", f[3])
	}
	lexFile, err := strconv.Atoi(f[1])
	if err != nil {
		return fmt.Errorf("lexicographer file %q: %w", f[1], err)
	}
	ss := &wnSynset{lexFile: lexFile}
	i := 4
	for range nw {
		ss.proper = append(ss.proper, f[i] != "" && f[i][0] >= 'A' && f[i][0] <= 'Z')
		w := strings.ToLower(f[i])
		if j := strings.IndexByte(w, '('); j > 0 { // adjective markers: "galore(ip)"
			w = w[:j]
		}
		ss.words = append(ss.words, w)
		i += 2
	}
	np, err := strconv.Atoi(f[i])
	if err != nil || np < 0 || len(f) < i+1+4*np {
		return fmt.Errorf("pointer count %q", f[i])
	}
	i++
	for range np {
		toOff, err := strconv.Atoi(f[i+1])
		if err != nil {
			return fmt.Errorf("pointer offset %q: %w", f[i+1], err)
		}
		sd, err := strconv.ParseUint(f[i+3], 16, 16)
		if err != nil {
			return fmt.Errorf("pointer source/target %q: %w", f[i+3], err)
		}
		ss.ptrs = append(ss.ptrs, wnPtr{
			sym: f[i], to: wnKey{normPOS(f[i+2][0]), toOff},
			src: int(sd >> 8), dst: int(sd & 0xff),
		})
		i += 4
	}
	wn.synsets[wnKey{pos, off}] = ss
	return nil
}

// parseIndex reads one lemma line: lemma pos synset_cnt p_cnt [ptr]...
// sense_cnt tagsense_cnt [offset]...
func (wn *wordnet) parseIndex(pos byte, line string) error {
	f := strings.Fields(line)
	if len(f) < 6 {
		return fmt.Errorf("short index line")
	}
	nsyn, err1 := strconv.Atoi(f[2])
	nptr, err2 := strconv.Atoi(f[3])
	if err1 != nil || err2 != nil || nsyn < 0 || nptr < 0 || len(f) != 4+nptr+2+nsyn {
		return fmt.Errorf("index counts of %q", f[0])
	}
	tag, err := strconv.Atoi(f[4+nptr+1])
	if err != nil {
		return fmt.Errorf("tagsense_cnt of %q: %w", f[0], err)
	}
	ix := wnIndex{lemma: f[0], pos: pos, tagCount: tag}
	for _, s := range f[4+nptr+2:] {
		off, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("offset %q of %q: %w", s, f[0], err)
		}
		ix.offsets = append(ix.offsets, off)
	}
	wn.index = append(wn.index, ix)
	return nil
}

// senseFactor weighs lemma's sense in synset k by its rank; a lemma with no
// rank there gets the floor.
func (wn *wordnet) senseFactor(lemma string, k wnKey) float64 {
	r, ok := wn.rank[wnSense{lemma, k}]
	if !ok {
		return wnRankFloor
	}
	return rankFactor(r, wnRankStep, wnRankFloor)
}

// relations returns, for each English stem, the English stems related to it:
// synonyms of its first senses, derived forms and pertainyms, similar
// adjectives, verb groups, one level of hypernyms and, for small sets, of
// hyponyms, each weighted by relation and by both words' sense ranks.
// derived holds the derived-form and pertainym links alone (mexican →
// mexico), which carry over to Spanish through translations.
func (wn *wordnet) relations() (all, derived graph) {
	top := wn.stemCounts()
	g, der := graph{}, graph{}
	for _, ix := range wn.index {
		from := stemPhrase(lang.English, ix.lemma)
		share := math.Max(wnShareFloor, math.Sqrt(float64(wn.count[ix.lemma]+1)/float64(top[from]+1)))
		for r, off := range ix.offsets {
			if r >= wnMaxSenses || r > 0 && r >= ix.tagCount {
				break
			}
			k := wnKey{ix.pos, off}
			if ss := wn.synsets[k]; ss != nil {
				wn.senseRelations(g, der, from, ix.lemma, r, k, ss, share*rankFactor(r, wnRankStep, wnRankFloor))
			}
		}
	}
	return g, der
}

// stemCounts returns, for each English stem, the tagged count of its most
// frequent lemma. Lemmas that share a stem ("arrest", "arresting") share
// one key; the rarer one's relations ("stunning") are weighed down.
func (wn *wordnet) stemCounts() map[string]int {
	top := map[string]int{}
	for _, ix := range wn.index {
		s := stemPhrase(lang.English, ix.lemma)
		top[s] = max(top[s], wn.count[ix.lemma])
	}
	return top
}

// senseRelations adds to g the links from stem from, of lemma, through its
// sense of rank r (synset ss under key k), weighted by sq: the synset's
// other words, then the words its pointers reach. Links of derivation and
// pertainyms go to der as well.
func (wn *wordnet) senseRelations(g, der graph, from, lemma string, r int, k wnKey, ss *wnSynset, sq float64) {
	self := 0 // the lemma's 1-based word number in ss
	for i, w := range ss.words {
		if w == lemma {
			self = i + 1
			continue
		}
		g.add(from, stemPhrase(lang.English, w), wnSynonym*sq*wn.senseFactor(w, k))
	}
	nHypo := 0
	for _, p := range ss.ptrs {
		if p.sym == "~" {
			nHypo++
		}
	}
	for _, p := range ss.ptrs {
		base, ok := wnPointerWeight(p.sym, r, nHypo)
		if !ok {
			continue
		}
		if p.src != 0 && p.src != self {
			continue // a lexical link from another word of the synset
		}
		if to := wn.synsets[p.to]; to != nil {
			wn.pointerRelations(g, der, from, p, to, base*sq)
		}
	}
}

// wnPointerWeight returns the base weight of a pointer of symbol sym from
// a sense of rank r whose synset has nHypo hyponyms; ok is false for the
// pointers not followed: other relations, hypernyms of later senses,
// hyponyms of later senses or of large sets.
func wnPointerWeight(sym string, r, nHypo int) (base float64, ok bool) {
	switch sym {
	case "+", "\\", "<":
		return wnDerived, true
	case "&", "$":
		return wnSimilar, true
	case ">":
		return wnCause, true
	case "@":
		return wnHypernym, r < wnHyperSense
	case "~":
		return wnHyponym, r < wnHypoSenses && nHypo <= wnMaxHypo
	}
	return 0, false
}

// pointerRelations adds to g the links from stem from to the words of
// synset to that pointer p reaches (all, or its one target word), each
// weighted by w and the word's sense rank; derivations also go to der,
// and pertainyms and causes both ways, WordNet linking them one way only.
func (wn *wordnet) pointerRelations(g, der graph, from string, p wnPtr, to *wnSynset, w float64) {
	derivation := p.sym == "+" || p.sym == "\\" || p.sym == "<"
	for i, word := range to.words {
		if p.dst != 0 && p.dst != i+1 {
			continue
		}
		tw := stemPhrase(lang.English, word)
		wt := w * wn.senseFactor(word, p.to)
		g.add(from, tw, wt)
		if derivation {
			der.add(from, tw, wt)
		}
		if p.sym == "\\" {
			// the country stands for its adjective too (mexican → mexico)
			g.add(tw, from, wt)
			der.add(tw, from, wt)
		}
		if p.sym == ">" {
			// news says either: "killing 12 people", "12 people died"
			g.add(tw, from, wt)
		}
	}
}
