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
		fm, body = h.meta, h.text
	default:
		// old Mac line endings: a lone CR is a line break
		data = bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
		var rest []byte
		var err error
		fm, rest, err = splitFrontMatter(data)
		if err != nil {
			return nil, err
		}
		if ext == ".md" || ext == ".markdown" {
			body = markdownToText(string(rest))
		} else {
			body = plainToText(string(rest), fm.Title == "")
		}
	}
	body = lang.Normalize(body)
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
// paragraphs are separated by exactly one blank line. Control characters
// other than line breaks and tabs are dropped. With titleLine, the first
// line is the headline: a paragraph of its own even when no blank line
// follows it.
func plainToText(s string, titleLine bool) string {
	s = stripControl(s)
	var paras []string
	for i, block := range splitBlocks(s) {
		if i == 0 && titleLine {
			if first, rest, ok := strings.Cut(strings.TrimSpace(block), "\n"); ok {
				paras = append(paras, collapse(first))
				block = rest
			}
		}
		if p := collapse(block); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

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
