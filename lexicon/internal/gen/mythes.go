package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/footnote-bot/footnote/lang"
	"golang.org/x/text/encoding/charmap"
)

// Thesaurus weights. MyThes lists senses in no order of frequency, so
// weights come from how many senses the head word has (a word of many
// senses is an unsafe stand-in), the synonym's place within the sense, and
// whether the synonym lists the head word back.
const (
	thBase       = 0.8
	thMutual     = 0.95 // the synonym's own entry lists the head word
	thSenseStep  = 0.03
	thSenseFloor = 0.6
	thPosStep    = 0.02
	thPosFloor   = 0.7
)

// thEntry is one head word with its senses' synonym lists.
type thEntry struct {
	head   string
	senses [][]string
}

var parenthetical = regexp.MustCompile(`\s*\([^)]*\)`)

// readMyThes reads a MyThes .dat file (first line the encoding, then
// "word|count" followed by count lines "pos|syn|syn...").
func readMyThes(path string) ([]thEntry, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	first, rest, _ := bytes.Cut(raw, []byte("\n"))
	switch enc := strings.ToUpper(strings.TrimSpace(string(first))); enc {
	case "UTF-8":
	case "ISO8859-1", "ISO-8859-1":
		if rest, err = charmap.ISO8859_1.NewDecoder().Bytes(rest); err != nil {
			return nil, fmt.Errorf("%s: decode latin-1: %w", path, err)
		}
	default:
		return nil, fmt.Errorf("%s: unknown encoding %q", path, enc)
	}
	var out []thEntry
	sc := bufio.NewScanner(bytes.NewReader(rest))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 1
	for sc.Scan() {
		n++
		head, cnt, ok := strings.Cut(sc.Text(), "|")
		if !ok {
			return nil, fmt.Errorf("%s:%d: no '|' in a head line", path, n)
		}
		k, err := strconv.Atoi(cnt)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: sense count %q: %w", path, n, cnt, err)
		}
		e := thEntry{head: head}
		for range k {
			if !sc.Scan() {
				return nil, fmt.Errorf("%s:%d: file ends inside %q", path, n, head)
			}
			n++
			parts := strings.Split(sc.Text(), "|")
			var syns []string
			for _, s := range parts[1:] { // parts[0] is the part of speech
				s = strings.TrimSpace(parenthetical.ReplaceAllString(s, ""))
				if s != "" {
					syns = append(syns, s)
				}
			}
			e.senses = append(e.senses, syns)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// thesaurusRelations returns, for each Spanish stem, the stems of its
// thesaurus synonyms.
func thesaurusRelations(entries []thEntry) graph {
	stem := func(w string) string { return stemPhrase(lang.Spanish, w) }
	lists := map[string]map[string]bool{} // head stem -> synonym stems
	for _, e := range entries {
		h := stem(e.head)
		m := lists[h]
		if m == nil {
			m = map[string]bool{}
			lists[h] = m
		}
		for _, syns := range e.senses {
			for _, s := range syns {
				m[stem(s)] = true
			}
		}
	}
	g := graph{}
	for _, e := range entries {
		h := stem(e.head)
		sf := rankFactor(len(e.senses)-1, thSenseStep, thSenseFloor)
		for _, syns := range e.senses {
			for p, s := range syns {
				t := stem(s)
				base := thBase
				if lists[t][h] {
					base = thMutual
				}
				g.add(h, t, base*sf*rankFactor(p, thPosStep, thPosFloor))
			}
		}
	}
	return g
}
