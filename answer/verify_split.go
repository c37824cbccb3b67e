package answer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/footnote-bot/footnote/lang"
)

// markerRun matches one or more citation markers: [1], [1][2], [1, 2].
var markerRun = regexp.MustCompile(`\s*(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]\s*)+`)
var markerNum = regexp.MustCompile(`\d+`)

// markerAfterStop is a marker run right after a sentence's final stop, or
// after the closing quotes or bracket that follow it: "… Quito. [1]" and
// "… of Mexico.” [2]".
var markerAfterStop = regexp.MustCompile(`([.!?…]["”»’')]*)((?:\s*\[[\d,;\s]+\])+)`)

// stopThenMarkers ends a sentence for certain: a stop, closing quotes, then
// markers, then white space. Cutting there first means the sentence keeps
// its markers whatever the sentence splitter makes of a quotation.
var stopThenMarkers = regexp.MustCompile(`[.!?…]["”»’')]*(?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+\s+`)

// listItem is the opening of a list line: "- ", "* ", "• ", "1. ", "2) ".
var listItem = regexp.MustCompile(`^(?:[-*•]+|\d{1,2}[.)])\s+`)

// spaceBeforePunct is white space left before punctuation by a removed marker.
var spaceBeforePunct = regexp.MustCompile(`\s+([.,;:!?…])`)

// claim is one sentence of a generated text with the sources it cites.
type claim struct {
	text  string // without markers
	cites []int  // source numbers as written, in order, unique
}

// splitClaims cuts generated text into sentences (and list items) and reads
// each one's markers. A marker run that follows a sentence's final stop,
// with or without a closing quotation mark between them, belongs to that
// sentence.
func splitClaims(text string) []claim {
	var out []claim
	for _, l := range claimLines(text) {
		out = append(out, l.claims...)
	}
	return out
}

// claimLine is one line of generated text: a paragraph or a list item.
type claimLine struct {
	item   bool // written as a list item
	claims []claim
}

// claimLines splits generated text into lines and each line into claims.
func claimLines(text string) []claimLine {
	var out []claimLine
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		item := false
		if m := listItem.FindString(line); m != "" {
			item = true
			line = strings.TrimSpace(line[len(m):])
		}
		if line == "" {
			continue
		}
		cl := claimLine{item: item}
		for _, seg := range cutAfterMarkers(line) {
			// Move markers that follow a stop before it, so the sentence
			// splitter keeps them with their sentence: "… Quito. [1] Then"
			// → "… Quito [1]. Then".
			seg = markerAfterStop.ReplaceAllString(seg, "$2$1")
			for _, sp := range lang.Sentences(seg) {
				if c, ok := claimOf(seg[sp.Start:sp.End]); ok {
					cl.claims = append(cl.claims, c)
				}
			}
		}
		if len(cl.claims) > 0 {
			out = append(out, cl)
		}
	}
	return out
}

// cutAfterMarkers splits a line after every run of markers that follows a
// sentence's stop.
func cutAfterMarkers(line string) []string {
	var out []string
	start := 0
	for _, m := range stopThenMarkers.FindAllStringIndex(line, -1) {
		out = append(out, strings.TrimSpace(line[start:m[1]]))
		start = m[1]
	}
	if rest := strings.TrimSpace(line[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// claimOf reads one sentence's markers and returns it without them.
func claimOf(s string) (claim, bool) {
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
	if plain == "" || len(lang.Tokenize(plain)) == 0 {
		return claim{}, false
	}
	return claim{text: plain, cites: cites}, true
}
