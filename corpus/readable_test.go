package corpus_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/footnote-bot/footnote/corpus"
)

// Pages written with the boxes news sites put around and inside a story
// (cookie banner, navigation, share buttons, a comment count, a newsletter
// sign-up, related and most-read lists, comments, footer): only the
// story's paragraphs are kept, in order, and the metadata is still read.
func TestParseHTMLKeepsOnlyTheArticle(t *testing.T) {
	tests := []struct {
		file  string
		title string
		date  string
		paras []string
	}{
		{
			file:  "boxes_en.html",
			title: "World court hears Mexico's case over the embassy raid",
			date:  "2024-05-01",
			paras: []string{
				"THE HAGUE, Netherlands — Judges at the International Court of Justice began hearing Mexico's complaint against Ecuador on Tuesday, a month after Ecuadorian police forced their way into the Mexican embassy in Quito.",
				"Mexico asked the court to suspend Ecuador from the United Nations until it offers a public apology, arguing that the raid broke the Vienna Convention on diplomatic relations.",
				"Lawyers for Ecuador told the judges that the former vice president arrested in the raid had been convicted of corruption and could not be shielded by asylum.",
				"A ruling on the request for provisional measures is expected within weeks, the court's registrar said, while a decision on the merits could take years.",
			},
		},
		{
			// no class names to go by: readability's scoring drops the
			// sign-up form and the share links, the sign-up's words and the
			// rights notice give the rest away.
			file:  "boxes_es.html",
			title: "La corte escucha a México por el asalto a la embajada",
			date:  "2024-05-01",
			paras: []string{
				"LA HAYA, Países Bajos — Los jueces de la Corte Internacional de Justicia comenzaron el martes a escuchar la demanda de México contra Ecuador, un mes después de que la policía ecuatoriana irrumpiera en la embajada mexicana en Quito.",
				"México pidió a la corte que suspenda a Ecuador de las Naciones Unidas hasta que ofrezca una disculpa pública, al considerar que el operativo violó la Convención de Viena.",
				"Los abogados de Ecuador respondieron que el exvicepresidente detenido en el operativo había sido condenado por corrupción y no podía ser protegido por el asilo.",
				"Se espera una decisión sobre las medidas provisionales en las próximas semanas, según la secretaría de la corte, mientras que el fondo del caso podría tardar años.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "html", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := corpus.Parse(tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title || doc.Date != tt.date {
				t.Errorf("title %q, date %q; want %q, %q", doc.Title, doc.Date, tt.title, tt.date)
			}
			if want := strings.Join(tt.paras, "\n\n"); doc.Text != want {
				t.Errorf("text:\n%s\n\nwant:\n%s", doc.Text, want)
			}
		})
	}
}

func TestDropBoilerplateLines(t *testing.T) {
	tests := []struct {
		in   string
		drop bool
	}{
		{"Sign up for our daily newsletter to get the top stories.", true},
		{"Subscribe to our email alerts.", true},
		{"Suscríbase a nuestro boletín diario.", true},
		{"© 2024 The Harbour Ledger. All rights reserved.", true},
		{"Todos los derechos reservados.", true},
		{"El boletín oficial publicó el decreto el lunes.", false},
		{"Protesters urged citizens to sign up as volunteers.", false},
		{"Mexico said it would subscribe to the ruling, officials wrote in an email to reporters on Monday, adding that " + strings.Repeat("the case would go on for years and ", 8) + "more.", false},
	}
	for _, tt := range tests {
		doc, err := corpus.Parse("p.html", []byte("<html><body><article><p>Police entered the embassy in Quito late on Friday night and arrested the former vice president.</p><p>"+tt.in+"</p></article></body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if dropped := !strings.Contains(doc.Text, tt.in); dropped != tt.drop {
			t.Errorf("%q: dropped %v, want %v", tt.in, dropped, tt.drop)
		}
	}
}

// BenchmarkParseHTML measures reading one news page (metadata, boxes
// pruned, readability, paragraphs).
func BenchmarkParseHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "html", "boxes_en.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := corpus.Parse("boxes_en.html", data); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParseHTMLPage: any page is read without a panic (readability runs on
// whatever a fetched page holds), and its text is valid UTF-8.
func FuzzParseHTMLPage(f *testing.F) {
	for _, name := range []string{"boxes_en.html", "boxes_es.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", "html", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`<div class="newsletter"><div class="newsletter"><p>x</p></div></div>`,
		`<body class="comments"><p>Only text.</p></body>`,
		`<table><tr><td><p>cell</p></td></tr></table><br><br><br>text`,
		`<article><h1>T</h1><div id="share"></div><p>Body of the story, long enough.</p></article>`,
		`<p>Sign up for our newsletter</p><p>© 2024</p>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := corpus.Parse("page.html", data)
		if err != nil {
			return
		}
		if !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Fatalf("invalid UTF-8: %q / %q", doc.Title, doc.Text)
		}
	})
}
