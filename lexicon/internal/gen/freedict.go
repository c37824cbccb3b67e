package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// Translation weights: a dictionary entry lists senses ("1. arresto,
// detención 2. arrestar, detener"), most common first; within a sense,
// the first words are the usual ones. A pair read from the other
// direction's dictionary counts a little less.
const (
	trSenseStep  = 0.1
	trSenseFloor = 0.5
	trPosStep    = 0.05
	trPosFloor   = 0.6
	trInverse    = 0.9
	trApertium   = 0.9 // Apertium lists no order among a word's translations
)

// dictEntry is one head word and its senses' translations.
type dictEntry struct {
	head   string
	senses [][]string
}

var (
	senseNumber = regexp.MustCompile(`^\s*\d+\.\s*`)
	markup      = regexp.MustCompile(`<[^>]*>|\([^)]*\)|\[[^\]]*\]`)
)

// readDictd reads a dictd dictionary: name.index (head word, offset and
// length in dictd's base64) and name.dict.dz (gzip-compatible dictzip).
func readDictd(base string) ([]dictEntry, error) {
	f, err := os.Open(base + ".dict.dz")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s.dict.dz: %w", base, err)
	}
	body, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s.dict.dz: %w", base, err)
	}
	idx, err := os.Open(base + ".index")
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	var out []dictEntry
	sc := bufio.NewScanner(idx)
	n := 0
	for sc.Scan() {
		n++
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 3 {
			return nil, fmt.Errorf("%s.index:%d: want 3 tab-separated fields, have %d", base, n, len(fields))
		}
		if strings.HasPrefix(fields[0], "00database") || strings.HasPrefix(fields[0], "00-database") {
			continue
		}
		off, err1 := dictb64(fields[1])
		size, err2 := dictb64(fields[2])
		if err1 != nil || err2 != nil || off+size > uint64(len(body)) {
			return nil, fmt.Errorf("%s.index:%d: bad offset or length %q %q", base, n, fields[1], fields[2])
		}
		out = append(out, parseDictEntry(fields[0], string(body[off:off+size])))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s.index: %w", base, err)
	}
	return out, nil
}

// dictb64 decodes dictd's big-endian base64 numbers.
func dictb64(s string) (uint64, error) {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var v uint64
	if s == "" || len(s) > 10 {
		return 0, fmt.Errorf("bad number %q", s)
	}
	for _, c := range []byte(s) {
		d := strings.IndexByte(digits, c)
		if d < 0 {
			return 0, fmt.Errorf("bad digit %q in %q", c, s)
		}
		v = v<<6 | uint64(d)
	}
	return v, nil
}

// parseDictEntry reads the lines after the entry's head line: each is one
// sense, optionally numbered, its translations separated by commas or
// semicolons. Markup (<f>, (fig.), [...]) is dropped.
func parseDictEntry(head, text string) dictEntry {
	e := dictEntry{head: head}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for _, line := range lines[1:] {
		line = senseNumber.ReplaceAllString(line, "")
		line = markup.ReplaceAllString(line, "")
		var ws []string
		for _, w := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' }) {
			if w = strings.TrimSpace(w); w != "" {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			e.senses = append(e.senses, ws)
		}
	}
	return e
}
