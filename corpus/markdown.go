package corpus

import (
	"regexp"
	"strings"
)

var (
	mdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdRefLink  = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdLinkDef  = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*\S+`)
	mdHeading  = regexp.MustCompile(`^\s{0,3}#{1,6}\s+`)
	mdList     = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+`)
	mdQuote    = regexp.MustCompile(`^\s*(?:>\s?)+`)
	mdRule     = regexp.MustCompile(`^\s*(?:[-*_]\s*){3,}$`)
	mdSetext   = regexp.MustCompile(`^\s*=+\s*$`)
	mdEmphasis = regexp.MustCompile(`(\*\*|__|\*|~~)([^*_~\n]+?)(\*\*|__|\*|~~)`)
	mdCode     = regexp.MustCompile("`([^`]*)`")
	mdTag      = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
)

// markdownToText reduces Markdown to its prose: headings and block quotes
// become paragraphs, list items lines of their own marked "- " or "1. ",
// emphasis and links keep only their text, and code fences, images, rules
// and link definitions are dropped. The lines of a paragraph are joined as
// in plain text (see joinLines).
func markdownToText(s string) string {
	s = stripControl(strings.ReplaceAll(s, "\r\n", "\n"))
	var paras []string
	var cur []string
	flush := func() {
		paras = append(paras, joinLines(cur)...)
		cur = nil
	}
	fence := false
	for _, line := range strings.Split(s, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = !fence
			flush()
			continue
		}
		if fence {
			continue
		}
		if trimmed == "" || mdRule.MatchString(trimmed) || mdSetext.MatchString(trimmed) || mdLinkDef.MatchString(line) {
			// a rule, or the underline of a heading (Title / =====): the
			// lines before it are a paragraph of their own
			flush()
			continue
		}
		block := false
		if mdHeading.MatchString(line) {
			line = strings.TrimRight(mdHeading.ReplaceAllString(line, ""), "# ")
			block = true
		} else if m := mdList.FindString(line); m != "" {
			// an item stays a line of its own, marked "- " or "1. "
			marker := strings.TrimSpace(m)
			if marker == "*" || marker == "+" {
				marker = "-"
			}
			line = marker + " " + line[len(m):]
		}
		line = mdQuote.ReplaceAllString(line, "")
		line = inlineMarkdown(line)
		if strings.TrimSpace(line) == "" {
			continue
		}
		if block {
			flush()
			cur = append(cur, collapse(line))
			flush()
			continue
		}
		cur = append(cur, collapse(line))
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// escapedMarks hides backslash-escaped marks from the emphasis rules, as
// private-use runes, until they are put back as plain characters.
var (
	hideEscapes = strings.NewReplacer(`\*`, "\ue000", `\_`, "\ue001", "\\`", "\ue002", `\[`, "\ue003", `\]`, "\ue004", `\#`, "\ue005", `\\`, "\ue006")
	showEscapes = strings.NewReplacer("\ue000", "*", "\ue001", "_", "\ue002", "`", "\ue003", "[", "\ue004", "]", "\ue005", "#", "\ue006", `\`)
)

func inlineMarkdown(s string) string {
	s = hideEscapes.Replace(s)
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	for i := 0; i < 3; i++ {
		s = mdEmphasis.ReplaceAllString(s, "$2")
	}
	s = mdTag.ReplaceAllString(s, "")
	return showEscapes.Replace(s)
}
