package corpus

import (
	"regexp"
	"strings"
)

// refMarks are the editorial marks that encyclopedias and some sites put
// right after a word or a full stop: note numbers ("killed.[3]",
// "waste.[1][2]"), note letters ("[a]", "[note 2]") and maintenance tags
// ("[citation needed]"). Copied with the text, they would glue sentences
// together ("waste.[1] At least…" reads as one) and be quoted as if the
// article's words, beside footnote's own [n] citations. A mark is taken
// only when it touches what it follows; "]" before it is a Markdown
// reference link ("[Reuters][1]"), not a mark, and "[sic]" is the
// writer's.
var refMarks = regexp.MustCompile(`([^\s\]!])((?:\[(?:\d{1,3}|[a-z]|(?:note|nb|n) ?\d{1,3}|citation needed|clarification needed|` +
	`dubious(?: [–-] discuss)?|dead link|failed verification|better source needed|who\?|when\?|which\?|according to whom\?|` +
	`by whom\?|vague|original research\??|update needed|verification needed|page needed|full citation needed)\])+)`)

// wikiEmphasis is MediaWiki's bold and italic markup: three or two
// apostrophes on each side of the words.
var wikiEmphasis = regexp.MustCompile(`'''([^'\n]+)'''|''([^'\n]+)''`)

// stripRefMarks removes editorial reference marks (see refMarks) and
// MediaWiki emphasis from text, keeping the words.
func stripRefMarks(s string) string {
	if strings.Contains(s, "[") {
		s = dropRefMarks(s)
	}
	if strings.Contains(s, "'''") {
		// wiki text sets its subject in bold in its first line; without
		// that, two apostrophes are a typist's ("the workers'' union")
		s = wikiEmphasis.ReplaceAllString(s, "$1$2")
	}
	return s
}

// dropRefMarks removes the marks refMarks finds, but for one that opens a
// Markdown link or image ("[a](url)", "![x](y.png)"): a "(" right after.
func dropRefMarks(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range refMarks.FindAllStringSubmatchIndex(s, -1) {
		from, to := m[4], m[5] // the marks, after the character they follow
		if to < len(s) && s[to] == '(' {
			continue
		}
		b.WriteString(s[last:from])
		last = to
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
