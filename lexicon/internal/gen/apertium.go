package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// apertiumPOS are the bilingual dictionary's parts of speech worth keeping:
// content words and place names (Mexico → México), not person names,
// numbers or function words.
var apertiumPOS = map[string]bool{"n": true, "vblex": true, "adj": true, "adv": true, "np loc": true}

// readApertium lists the pairs of an Apertium bilingual dictionary compiled
// for one direction (Debian apertium-eng-spa's eng-spa.autobil.bin), by
// printing its transducer with lt-print (Debian lttoolbox-dev) and walking
// every path of its first section. Each pair becomes an entry of one sense.
func readApertium(ltPrint, bin string) ([]dictEntry, error) {
	out, err := exec.Command(ltPrint, bin).Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", ltPrint, bin, err)
	}
	fst, err := parseATT(out)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", bin, err)
	}
	var entries []dictEntry
	fst.paths(func(in, out string) {
		l, pos := splitTags(in)
		r, _ := splitTags(out)
		if apertiumPOS[pos] && startsWithLetter(l) && startsWithLetter(r) {
			entries = append(entries, dictEntry{head: l, senses: [][]string{{r}}})
		}
	})
	return entries, nil
}

// splitTags splits "arrest<n><sg>" into the lemma "arrest" and its first
// tag "n" ("np loc" for a place name); "#" marks of multi-word lemmas are
// dropped.
func splitTags(s string) (lemma, pos string) {
	i := strings.IndexByte(s, '<')
	if i < 0 {
		return strings.ReplaceAll(s, "#", ""), ""
	}
	lemma = strings.TrimSpace(strings.ReplaceAll(s[:i], "#", ""))
	tags := strings.Split(strings.Trim(s[i:], "<>"), "><")
	pos = tags[0]
	if pos == "np" && len(tags) > 1 {
		pos += " " + tags[1]
	}
	return lemma, pos
}

func startsWithLetter(s string) bool {
	for _, r := range s {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0xC0
	}
	return false
}

// att is one section of a transducer in AT&T text form.
type att struct {
	arcs  map[int][]attArc
	final map[int]bool
}

type attArc struct {
	to      int
	in, out string
}

// parseATT reads the first section of lt-print's output: lines
// "from to in out weight" for arcs and "state weight" for final states;
// "--" separates sections; ε is the empty symbol.
func parseATT(b []byte) (*att, error) {
	a := &att{arcs: map[int][]attArc{}, final: map[int]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "--") {
			break
		}
		f := strings.Split(line, "\t")
		from, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: state %q: %w", n, f[0], err)
		}
		if len(f) < 4 {
			a.final[from] = true
			continue
		}
		to, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("line %d: state %q: %w", n, f[1], err)
		}
		a.arcs[from] = append(a.arcs[from], attArc{to, epsilon(f[2]), epsilon(f[3])})
	}
	if len(a.final) == 0 {
		return nil, fmt.Errorf("no final state in %d lines", n)
	}
	return a, nil
}

func epsilon(s string) string {
	if s == "ε" || s == "@0@" {
		return ""
	}
	return s
}

// paths calls f with the input and output of every path from state 0 to a
// final state that visits no state twice (loops in the regular-expression
// parts, such as numbers, are not followed).
func (a *att) paths(f func(in, out string)) {
	on := map[int]bool{0: true}
	var in, out []byte
	var walk func(s int)
	walk = func(s int) {
		if a.final[s] {
			f(string(in), string(out))
		}
		for _, arc := range a.arcs[s] {
			if on[arc.to] {
				continue
			}
			on[arc.to] = true
			li, lo := len(in), len(out)
			in, out = append(in, arc.in...), append(out, arc.out...)
			walk(arc.to)
			in, out = in[:li], out[:lo]
			on[arc.to] = false
		}
	}
	walk(0)
}
