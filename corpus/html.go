package corpus

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlDoc is what footnote keeps of an HTML page.
type htmlDoc struct {
	meta frontMatter
	text string
}

// skipped elements hold no article prose.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Svg: true, atom.Button: true, atom.Iframe: true, atom.Template: true,
	atom.Select: true, atom.Figcaption: true, atom.Menu: true, atom.Dialog: true,
}

// blocks start a new paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true,
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Td: true, atom.Th: true, atom.Tr: true, atom.Br: true, atom.Pre: true,
	atom.Dd: true, atom.Dt: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
}

// parseHTML reduces a page to its article text and reads its metadata:
// title, outlet, canonical URL, publication date and language. The article
// is what readability (Mozilla's algorithm, see readable) finds, without
// boxes that are not the story (newsletter sign-ups, related stories, share
// buttons, comment counts); a page it finds nothing in is read from its
// <article>, else <main>, else <body>, without navigation, scripts and asides.
func parseHTML(data []byte) (htmlDoc, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return htmlDoc{}, fmt.Errorf("parse html: %w", err)
	}
	var h htmlDoc
	var pg page
	pg.walk(root, &h.meta)
	title, h1, article, mainEl, body := pg.title, pg.h1, pg.article, pg.main, pg.body
	if h.meta.Title == "" {
		h.meta.Title = h1
	}
	if h.meta.Title == "" {
		h.meta.Title = title
	}
	if _, ok := parseDate(h.meta.Date); !ok {
		h.meta.Date = ""
	}
	pruneBoilerplate(root)
	container := article
	if container == nil {
		container = mainEl
	}
	if container == nil {
		container = body
	}
	if container == nil {
		container = root
	}
	// Readability finds the article among the page's boxes; when it finds
	// nothing, or less than the page's own article element holds, the
	// element is read instead.
	paras := paragraphs(container)
	if r := readable(root); r != nil {
		if rp := paragraphs(r); len(rp) > 0 && textLen(rp) >= textLen(paras)/3 {
			paras = rp
		}
	}
	paras = dropBoilerplateLines(paras)
	// A headline repeated as the first paragraph is the title, not the body.
	if len(paras) > 0 && collapse(paras[0]) == collapse(h.meta.Title) {
		paras = paras[1:]
	}
	h.text = strings.Join(paras, "\n\n")
	return h, nil
}

// page is what one walk of a page finds besides its front-matter-like
// metadata: the first <title> and <h1>, and the containers the article
// text may be read from.
type page struct {
	title, h1           string
	article, main, body *html.Node
}

// walk reads n and its descendants into p and meta.
func (p *page) walk(n *html.Node, meta *frontMatter) {
	if n.Type == html.ElementNode {
		p.element(n, meta)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.walk(c, meta)
	}
}

// element reads one element: the first of each kind wins, except <body>.
func (p *page) element(n *html.Node, meta *frontMatter) {
	first := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	switch n.DataAtom {
	case atom.Html:
		if l := attr(n, "lang"); l != "" {
			meta.Language = l
		}
	case atom.Title:
		first(&p.title, textOf(n))
	case atom.H1:
		first(&p.h1, textOf(n))
	case atom.Meta:
		readMeta(meta, n)
	case atom.Link:
		if strings.EqualFold(attr(n, "rel"), "canonical") {
			first(&meta.URL, attr(n, "href"))
		}
	case atom.Time:
		if _, ok := parseDate(attr(n, "datetime")); ok {
			first(&meta.Date, attr(n, "datetime"))
		}
	case atom.Article:
		if p.article == nil {
			p.article = n
		}
	case atom.Main:
		if p.main == nil {
			p.main = n
		}
	case atom.Body:
		p.body = n
	}
}

// paragraphs is the prose under n, one string per block, leaving out
// scripts, navigation, forms and hidden elements.
func paragraphs(n *html.Node) []string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := collapse(cur.String()); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	var collect func(n *html.Node)
	collect = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipped[n.DataAtom] || hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
				return
			}
		}
		isBlock := n.Type == html.ElementNode && blocks[n.DataAtom]
		if isBlock {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			collect(c)
		}
		if isBlock {
			flush()
		}
	}
	collect(n)
	flush()
	return paras
}

func textLen(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return n
}

func readMeta(fm *frontMatter, n *html.Node) {
	key := strings.ToLower(attr(n, "property"))
	if key == "" {
		key = strings.ToLower(attr(n, "name"))
	}
	if key == "" {
		key = strings.ToLower(attr(n, "itemprop"))
	}
	val := strings.TrimSpace(attr(n, "content"))
	if val == "" {
		return
	}
	set := func(dst *string) {
		if *dst == "" {
			*dst = val
		}
	}
	switch key {
	case "og:title", "twitter:title":
		set(&fm.Title)
	case "og:site_name", "publisher", "application-name":
		set(&fm.Source)
	case "og:url":
		set(&fm.URL)
	case "article:published_time", "datepublished", "date", "pubdate", "publish-date", "dc.date", "parsely-pub-date", "sailthru.date":
		set(&fm.Date)
	case "og:locale", "language", "content-language":
		set(&fm.Language)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether an element has an attribute, even one with no
// value (<div hidden>).
func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, name) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return collapse(b.String())
}
