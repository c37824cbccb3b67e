package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/lang"
)

// MaxFileSize is the largest article file read, in bytes.
const MaxFileSize = 8 << 20

// Extensions are the file endings a corpus folder is read for.
var Extensions = []string{".md", ".markdown", ".txt", ".html", ".htm"}

// Supported reports whether a file name has one of the corpus Extensions.
func Supported(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// ErrNoText is returned for a file that holds no article text.
var ErrNoText = errors.New("no text")

// Parse reads one article file. name is its path inside the corpus folder and
// decides the format by extension. Binary data, invalid UTF-8, broken front
// matter and files with no text are errors.
func Parse(name string, data []byte) (*Document, error) {
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", len(data), MaxFileSize)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, errors.New("binary file, not text")
	}
	if !utf8.Valid(data) {
		return nil, errors.New("not valid UTF-8 text")
	}
	sum := sha256.Sum256(data)
	doc := &Document{Path: name, Hash: hex.EncodeToString(sum[:])}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))

	var fm frontMatter
	var body string
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".html", ".htm":
		h, err := parseHTML(data)
		if err != nil {
			return nil, err
		}
		fm, body = h.meta, stripRefMarks(h.text)
	default:
		// old Mac line endings: a lone CR is a line break
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		var rest []byte
		var err error
		fm, rest, err = splitFrontMatter(data)
		if err != nil {
			return nil, err
		}
		// reference marks go first, before Markdown reads "[1][2]" as a link
		if ext == ".md" || ext == ".markdown" {
			body = markdownToText(stripRefMarks(string(rest)))
		} else {
			body = plainToText(stripRefMarks(string(rest)), fm.Title == "")
		}
	}
	body = strings.Join(dropBackMatter(dropBoilerplateLines(strings.Split(lang.Normalize(body), "\n\n"))), "\n\n")
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, ErrNoText
	}

	doc.ID = strings.TrimSpace(fm.ID)
	if doc.ID == "" {
		base := path.Base(name)
		doc.ID = strings.TrimSuffix(base, path.Ext(base))
	}
	doc.ID = cleanID(doc.ID)
	doc.Title = collapse(lang.Normalize(fm.Title))
	if doc.Title == "" {
		first, _, _ := strings.Cut(body, "\n")
		doc.Title = truncate(collapse(first), 200)
	}
	doc.Source = collapse(fm.Source)
	doc.URL = strings.TrimSpace(fm.URL)
	if doc.URL == "" && isHTTPURL(doc.Source) {
		doc.URL = doc.Source
	}
	if doc.Source == "" && doc.URL != "" {
		if u, err := url.Parse(doc.URL); err == nil {
			doc.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if fm.Date != "" {
		d, ok := parseDate(fm.Date)
		if !ok {
			return nil, fmt.Errorf("front matter: date %q is not a date like 2024-04-06", fm.Date)
		}
		doc.Date = d
	} else {
		doc.Date = textDate(body) // a press release's "San Aurelio, 28 de marzo de 2025"
	}
	// A language footnote has no stemmer for is read like the detected one.
	if l, ok := lang.Parse(fm.Language); ok {
		doc.Language = l
	} else {
		doc.Language = lang.Detect(body, lang.English)
	}
	doc.Text = body
	return doc, nil
}

var idUnsafe = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// cleanID keeps ids to letters, digits, dots, dashes and underscores, so they
// stay readable in chunk ids and citations.
func cleanID(s string) string {
	s = idUnsafe.ReplaceAllString(strings.TrimSpace(s), "-")
	s = strings.Trim(s, "-")
	if s == "" {
		return "doc"
	}
	return s
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// collapse folds runs of white space into single spaces.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// plainToText joins the lines of each paragraph of a plain-text article, so
// paragraphs are separated by exactly one blank line (see joinLines). Control
// characters other than line breaks and tabs are dropped. With titleLine, the
// first line is the headline: a paragraph of its own even when no blank line
// follows it.
func plainToText(s string, titleLine bool) string {
	s = stripControl(s)
	var paras []string
	for i, block := range splitBlocks(s) {
		lines := blockLines(block)
		if i == 0 && titleLine && len(lines) > 1 {
			paras = append(paras, lines[0])
			lines = lines[1:]
		}
		paras = append(paras, joinLines(lines)...)
	}
	return strings.Join(paras, "\n\n")
}

// blockLines returns the lines of a block that are not blank, with their
// white space collapsed.
func blockLines(block string) []string {
	var lines []string
	for _, l := range strings.Split(block, "\n") {
		if l = collapse(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// joinLines makes paragraphs of the lines of one block. A line that wraps
// onto the next (lang.Wraps, or a line of prose nearly as long as the
// block's longest, as in text hard-wrapped at a fixed width, unless both
// open with a "Key:") is joined to it with a space. Other line breaks are kept, so headlines, bylines, datelines,
// list items and "Key: value" lines stay lines of their own, and a heading
// (lang.Heading) is a paragraph of its own.
func joinLines(lines []string) []string {
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l))
	}
	var paras, cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for i := 0; i < len(lines); {
		line := lines[i]
		for i++; i < len(lines) && wraps(lines[i-1], lines[i], width); i++ {
			line += " " + lines[i]
		}
		if lang.LineKind(line) == lang.Heading {
			flush()
			paras = append(paras, line)
			continue
		}
		cur = append(cur, line)
	}
	flush()
	return paras
}

// wraps reports whether line goes on in next, in a block whose longest line
// has width runes.
func wraps(line, next string, width int) bool {
	if lang.Wraps(line, next) {
		return true
	}
	lk, nk := lang.LineKind(line), lang.LineKind(next)
	if lk == lang.Prose && nk == lang.Prose {
		return true // sentences: joining them cuts them the same
	}
	if !isProse(lk) || !isProse(nk) || lang.Keyed(line) && lang.Keyed(next) {
		return false // two "Key: value" lines too long to be an info box's: still two
	}
	return width >= 50 && utf8.RuneCountInString(line)*4 >= width*3
}

func isProse(k lang.Kind) bool { return k == lang.Prose || k == lang.Line }

var blankLine = regexp.MustCompile(`\n[ \t]*\n`)

// splitBlocks cuts s at blank lines and returns the non-empty blocks.
func splitBlocks(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, b := range blankLine.Split(s, -1) {
		if strings.TrimSpace(b) != "" {
			out = append(out, b)
		}
	}
	return out
}

func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
