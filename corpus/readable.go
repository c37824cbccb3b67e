package corpus

import (
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/footnote-bot/footnote/lang"
)

// readable returns the node holding a page's article as readability finds
// it, or nil when it finds none. The page is not changed: readability
// works on a copy.
func readable(root *html.Node) *html.Node {
	p := readability.NewParser()
	// The page's JSON-LD and meta tags are read by readMeta; only the
	// content is wanted here.
	p.DisableJSONLD = true
	a, err := p.ParseDocument(root, nil)
	if err != nil || a.Node == nil {
		return nil
	}
	return a.Node
}

// boilerplateName matches a class name, id, ARIA label or component name
// (or a hyphenated part of one) of the boxes that sit inside articles
// without being the story: newsletter sign-ups, related and most-read
// lists, share buttons, comments, promotions and consent banners.
var boilerplateName = regexp.MustCompile(`(?:^|[-_])(?:newsletters?|subscribe|subscription|signup|sign[-_]up|related|recirc|recommended|more[-_]stories|most[-_](?:read|popular|viewed)|read[-_]more|share|sharing|social|comments?|comment[-_]count|promo|advert|advertisement|ads?|sponsored|outbrain|taboola|paywall|cookies?|consent)(?:[-_]|$)`)

// isBoilerplate reports whether an element is such a box by its names, or
// is a link to the comments ("12 comments").
func isBoilerplate(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false // a page's or a story's own element is never a box
	}
	for _, key := range []string{"class", "id", "aria-label", "data-component"} {
		for _, name := range strings.Fields(strings.ToLower(attr(n, key))) {
			if boilerplateName.MatchString(name) {
				return true
			}
		}
	}
	href := strings.ToLower(attr(n, "href"))
	return strings.HasPrefix(href, "#comment") || strings.HasPrefix(href, "#respond") || strings.HasPrefix(href, "#disqus")
}

// pruneBoilerplate removes the boilerplate boxes from the page, except a
// box holding most of the page's text (a wrapper named after a feature of
// the page, like class="post has-comments", is the story, not a box).
func pruneBoilerplate(root *html.Node) {
	total := len(textOf(root))
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if isBoilerplate(c) && 2*len(textOf(c)) < total {
				n.RemoveChild(c)
			} else {
				walk(c)
			}
			c = next
		}
	}
	walk(root)
}

// Short paragraphs that ask the reader to do something or state the site's
// rights are the page's, not the story's, whatever element holds them.
var (
	callToAction = regexp.MustCompile(`(?i)\b(sign up|subscribe|suscr[ií]ba(se)?|suscr[ií]bete|reg[ií]stre(se)?|reg[ií]strate|inscr[ií]ba(se)?|inscr[ií]bete)\b`)
	mailbox      = regexp.MustCompile(`(?i)(newsletter|bolet[ií]n|inbox|bandeja de entrada|e-?mail|correo)`)
	rights       = regexp.MustCompile(`(?i)(all rights reserved|todos los derechos reservados|^©|^copyright\b)`)
	// pageLine matches a whole short paragraph that is the page's furniture
	// as a copied article keeps it: advertising and "read more" slots,
	// share and follow buttons, a wire's standards line; creditLine a
	// wire's credits, names only ("Reporting by Marco Aquino; Editing by
	// Sandra Maler"). Prose that opens with the same words is no match
	// ("Advertisement revenue fell…", "Writing by hand is a dying art").
	pageLine = regexp.MustCompile(`(?i)^(?:advertisement(?:\s*[·|•-]\s*scroll to continue)?|publicidad|anuncio|scroll to continue|` +
		`sign up here\.?|our standards:.*|(?:read more|related(?: coverage| stories| articles| news| content| links)?|` +
		`see also|more on this(?: story)?|lee también|leer más|te puede interesar|también te puede interesar|` +
		`más información|noticias relacionadas)(?:\s*:.{0,100}|\s*\.)?|` +
		`share (?:this(?: article| story)?|on (?:facebook|twitter|x|whatsapp|linkedin|email))|` +
		`compartir(?: en (?:facebook|twitter|x|whatsapp))?|(?:follow us|síguenos) (?:on|en) .{0,60})$`)
	creditName = `\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*)*`
	creditLine = regexp.MustCompile(`^(?:(?:Additional r|R)eporting|Writing|Editing) by ` + creditName +
		`(?:(?:, | and )` + creditName + `)*(?: in ` + creditName + `)?` +
		`(?:; (?:(?:[Aa]dditional r|[Rr])eporting|[Ww]riting|[Ee]diting) by ` + creditName + `(?:(?:, | and )` + creditName + `)*(?: in ` + creditName + `)?)*\.?$`)
)

// maxPageLine is the longest paragraph pageLine judges.
const maxPageLine = 160

// maxBoilerplateLine is the longest paragraph dropBoilerplateLines judges:
// a longer one is prose, whatever words it uses.
const maxBoilerplateLine = 300

// backMatter are the headings of an encyclopedia article's closing
// sections, lists of sources and links rather than the story, folded
// ("véase también" is "vease tambien").
var backMatter = map[string]bool{"references": true, "notes": true, "external links": true, "see also": true,
	"further reading": true, "bibliography": true, "footnotes": true, "citations": true, "referencias": true,
	"notas": true, "enlaces externos": true, "vease tambien": true, "bibliografia": true, "notas y referencias": true}

// dropBackMatter removes, from the first paragraph after the opening one
// that is only such a heading ("== References ==", "Referencias"), that
// paragraph and all after it: the article's end.
func dropBackMatter(paras []string) []string {
	for i := 1; i < len(paras); i++ {
		h := lang.Fold(strings.Trim(strings.TrimSpace(paras[i]), "=#: "))
		if backMatter[h] {
			return paras[:i]
		}
	}
	return paras
}

// dropBoilerplateLines removes newsletter sign-ups ("Sign up for our daily
// newsletter…", "Suscríbase a nuestro boletín…"), rights notices and the
// page's furniture (see pageLine) from the paragraphs.
func dropBoilerplateLines(paras []string) []string {
	out := paras[:0:0]
	for _, p := range paras {
		if len(p) <= maxBoilerplateLine && (callToAction.MatchString(p) && mailbox.MatchString(p) || rights.MatchString(p)) ||
			len(p) <= maxPageLine && (pageLine.MatchString(strings.TrimSpace(p)) || creditLine.MatchString(strings.TrimSpace(p))) {
			continue
		}
		out = append(out, p)
	}
	return out
}
