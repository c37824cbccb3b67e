package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// frontMatter is the YAML block that may open a Markdown or text file.
type frontMatter struct {
	ID       string `yaml:"id"`
	Title    string `yaml:"title"`
	Source   string `yaml:"source"`
	URL      string `yaml:"url"`
	Date     string `yaml:"date"`
	Language string `yaml:"language"`
}

// splitFrontMatter separates a leading "---" YAML block from the body. A file
// without one returns a zero frontMatter and the whole input.
func splitFrontMatter(data []byte) (frontMatter, []byte, error) {
	var fm frontMatter
	if !bytes.HasPrefix(data, []byte("---\n")) && !bytes.HasPrefix(data, []byte("---\r\n")) {
		return fm, data, nil
	}
	rest := data[bytes.IndexByte(data, '\n')+1:]
	end := -1
	for off := 0; off < len(rest); {
		line := rest[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if t := bytes.TrimRight(line, "\r\n \t"); string(t) == "---" || string(t) == "..." {
			end = off
			rest = rest[off+len(line):]
			break
		}
		off += len(line)
	}
	if end < 0 {
		return fm, nil, fmt.Errorf("front matter opened with --- is never closed")
	}
	block := data[bytes.IndexByte(data, '\n')+1:]
	block = block[:end]
	var raw map[string]any
	if err := yaml.Unmarshal(block, &raw); err != nil {
		// a headline with a colon ("title: Ecuador raid: what we know")
		// is no YAML, but plainly meant
		var ok bool
		if raw, ok = plainFrontMatter(block); !ok {
			return fm, nil, fmt.Errorf("front matter: %w", err)
		}
	}
	str := func(k string) (string, error) {
		v, ok := raw[k]
		if !ok || v == nil {
			return "", nil
		}
		switch x := v.(type) {
		case string:
			return x, nil
		case time.Time:
			return x.Format("2006-01-02"), nil
		case int, int64, float64, bool:
			return fmt.Sprint(x), nil
		}
		return "", fmt.Errorf("front matter: %s must be text, not %T", k, v)
	}
	var err error
	for _, f := range []struct {
		key string
		dst *string
	}{{"id", &fm.ID}, {"title", &fm.Title}, {"source", &fm.Source}, {"url", &fm.URL}, {"date", &fm.Date}, {"language", &fm.Language}} {
		if *f.dst, err = str(f.key); err != nil {
			return fm, nil, err
		}
	}
	return fm, rest, nil
}

// frontMatterKeys are the keys footnote reads from front matter.
var frontMatterKeys = map[string]bool{"id": true, "title": true, "source": true, "url": true, "date": true, "language": true}

// plainFrontMatter reads a block that is not YAML as lines of "key: value",
// the value being the rest of the line after the first ":" (quotes kept
// unless they enclose all of it). ok is false unless every line that is
// not blank or a "#" comment is one of frontMatterKeys so written, from
// the line's start, with a value that does not open a YAML list or map.
func plainFrontMatter(block []byte) (map[string]any, bool) {
	raw := map[string]any{}
	for _, line := range strings.Split(string(block), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, found := strings.Cut(line, ":")
		k = strings.ToLower(k)
		v = strings.TrimSpace(v)
		if !found || !frontMatterKeys[k] || strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{") {
			// an indented line, another key, or YAML's own syntax
			// ("title: [unclosed"): YAML's error stands
			return nil, false
		}
		if n := len(v); n >= 2 && (v[0] == '"' && v[n-1] == '"' || v[0] == '\'' && v[n-1] == '\'') && !strings.ContainsRune(v[1:n-1], rune(v[0])) {
			v = v[1 : n-1]
		}
		raw[k] = v
	}
	return raw, true
}

// parseDate reads the common ways articles state a date and returns it as
// YYYY-MM-DD.
func parseDate(s string) (string, bool) {
	s = string(bytes.TrimSpace([]byte(s)))
	if s == "" {
		return "", false
	}
	for _, layout := range []string{
		"2006-01-02", time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05",
		"2006-01-02 15:04:05", "2006/01/02", "January 2, 2006", "Jan 2, 2006",
		"2 January 2006", "02 Jan 2006", time.RFC1123, time.RFC1123Z,
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}
