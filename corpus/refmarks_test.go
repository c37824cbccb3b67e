package corpus

import (
	"strings"
	"testing"
)

func TestStripRefMarks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"note numbers after a full stop", "mining waste.[1][2] At least 41 died.[3]", "mining waste. At least 41 died."},
		{"a note after a word", "the Lago Verde dam[12] collapsed", "the Lago Verde dam collapsed"},
		{"a maintenance tag", "showed seepage.[citation needed] Later,", "showed seepage. Later,"},
		{"note letters and named notes", "in 1998[a] and 2001[note 3]", "in 1998 and 2001"},
		{"a bracketed number apart is the writer's", "the list [1] of names", "the list [1] of names"},
		{"sic is the writer's", "they was[sic] there", "they was[sic] there"},
		{"a Markdown reference link is no mark", "said [Reuters][1] on Monday", "said [Reuters][1] on Monday"},
		{"nor is a Markdown link or image", "see[a](https://x.y) and ![x](y.png)", "see[a](https://x.y) and ![x](y.png)"},
		{"wiki bold and italic", "The '''Lago Verde dam failure''' in ''El Diario''", "The Lago Verde dam failure in El Diario"},
		{"an apostrophe is kept", "the dam's owner said 'no'", "the dam's owner said 'no'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stripRefMarks(tt.in); got != tt.want {
				t.Errorf("stripRefMarks(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Copied encyclopedia text keeps its sentences apart and loses its note
// marks, in every format: Markdown would read "[1][2]" as a link.
func TestParseDropsReferenceMarks(t *testing.T) {
	const body = "The dam collapsed on 3 September.[1][2] At least 41 people were killed.[3] Inspectors had warned of seepage.[citation needed]"
	for _, name := range []string{"a.md", "a.txt", "a.html"} {
		data := "---\ntitle: Dam failure\n---\n\n" + body + "\n"
		if name == "a.html" {
			data = "<html><head><title>Dam failure</title></head><body><article><h1>Dam failure</h1><p>" +
				strings.NewReplacer("[1]", `<sup class="reference"><a href="#n1">[1]</a></sup>`).Replace(body) + "</p></article></body></html>"
		}
		doc, err := Parse(name, []byte(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.Contains(doc.Text, "[") || !strings.Contains(doc.Text, "3 September. At least 41") {
			t.Errorf("%s: text %q", name, doc.Text)
		}
	}
}

// A headline with a colon is no YAML, but plainly meant: front matter of
// plain "key: value" lines is read when YAML rejects it, and a quoted value
// loses its quotes only when they enclose all of it.
func TestParsePlainFrontMatter(t *testing.T) {
	tests := []struct{ front, title, source string }{
		{"title: Dam failure: what we know\nsource: Example Wire", "Dam failure: what we know", "Example Wire"},
		{"title: \"We were not ready\": the mayor on the outbreak\nsource: 'Radio: Norte'", "\"We were not ready\": the mayor on the outbreak", "Radio: Norte"},
		{"# a comment\ntitle: Brote: 312 casos\n\nlanguage: es", "Brote: 312 casos", ""},
	}
	for _, tt := range tests {
		doc, err := Parse("a.md", []byte("---\n"+tt.front+"\n---\n\nThe dam collapsed.\n"))
		if err != nil {
			t.Errorf("%q: %v", tt.front, err)
			continue
		}
		if doc.Title != tt.title || doc.Source != tt.source {
			t.Errorf("%q: title %q, source %q; want %q, %q", tt.front, doc.Title, doc.Source, tt.title, tt.source)
		}
	}
	if _, err := Parse("a.md", []byte("---\ntitle: Dam failure: what we know\nauthor: Ana: Ruiz\n---\n\nText.\n")); err == nil {
		t.Error("a key footnote does not read, in front matter YAML rejects, was accepted")
	}
}

// A copied page keeps its furniture as lines of their own: advertising
// and "read more" slots, share and follow buttons, a wire's credit and
// standards lines. They are dropped; prose that starts with the same words
// is kept.
func TestParseDropsPageLines(t *testing.T) {
	page := []string{
		"Advertisement · Scroll to continue", "Sign up here.", "Reporting by Marco Aquino; Editing by Sandra Maler",
		"Our Standards: The Thomson Trust Principles.", "Read more: Peru's Congress removes minister", "Related coverage",
		"Lee también: Renuncia el ministro", "Share this article", "Share on Facebook", "Síguenos en X y en Instagram", "Publicidad",
		"Advertisement", "Writing by Dave Graham and Ana Ruiz in Mexico City",
	}
	prose := []string{
		"Related talks between the two countries broke down in May, officials said.",
		"Reporting by the Associated Press last year showed that the dam had leaked for months before it burst.",
		"Share prices of the mining company fell 12% on Monday.",
		"Advertisement revenue at the newspaper fell by a fifth last year.",
		"Writing by hand is a dying art, the minister said",
		"Research by the central bank shows inflation fell to 4% in March.",
		"Compartir información con la fiscalía fue clave, dijo el juez.",
		"Share on the stock market rose 3% after the ruling.",
	}
	body := "Peru's Congress voted on Thursday to remove the interior minister.\n\n" + strings.Join(append(page, prose...), "\n\n") + "\n"
	doc, err := Parse("a.txt", []byte("Minister removed\n\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	for _, p := range strings.Split(doc.Text, "\n\n") {
		kept[p] = true
	}
	for _, p := range page {
		if kept[p] {
			t.Errorf("page line %q kept", p)
		}
	}
	for _, p := range append(prose, "Peru's Congress voted on Thursday to remove the interior minister.") {
		if !kept[p] {
			t.Errorf("prose %q dropped", p)
		}
	}
}

// An encyclopedia article ends with lists of sources and links: from their
// heading on, nothing is the story. Prose that mentions references stays.
func TestParseDropsBackMatter(t *testing.T) {
	const wiki = "---\ntitle: Dam failure\n---\n\n= Dam failure =\n\nThe dam collapsed on 3 September, killing 41 people.\n\n" +
		"References to the inspection reports were made in court.\n\n== References ==\n\n1. \"Dam collapse kills dozens\". Example Times.\n\n" +
		"== External links ==\n\n- Official site\n"
	doc, err := Parse("a.md", []byte(wiki))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc.Text, "kills dozens") || strings.Contains(doc.Text, "Official site") || !strings.Contains(doc.Text, "References to the inspection") {
		t.Errorf("text %q", doc.Text)
	}
	// a Spanish heading, with its accents
	es, err := Parse("b.md", []byte("---\ntitle: Presa\n---\n\nLa presa colapsó el 3 de septiembre.\n\n== Véase también ==\n\n- Otras presas\n"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(es.Text, "Otras presas") || !strings.Contains(es.Text, "La presa colapsó") {
		t.Errorf("text %q", es.Text)
	}
}
